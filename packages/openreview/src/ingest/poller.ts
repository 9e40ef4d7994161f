import type { Clock, Logger } from '@patchloop/core';
import type { PollCycle } from './poll-cycle.js';

/** Dependencies of {@link createPoller}. */
export interface PollerDeps {
  readonly cycle: PollCycle;
  readonly clock: Clock;
  /** Pause between the end of one cycle and the start of the next (POLL_INTERVAL_SECONDS). */
  readonly intervalMs: number;
  readonly logger: Logger;
}

/** The background poll loop. */
export interface Poller {
  /** Starts the loop; a second call while running does nothing. */
  start(): void;
  /** Stops after the current cycle (interrupting the pause) and resolves when the loop has ended. */
  stop(): Promise<void>;
}

/**
 * Runs poll cycles forever with a fixed delay between them. A failing cycle is logged and the loop
 * goes on: the cursors did not move, so the next cycle picks up what this one missed.
 */
export function createPoller(deps: PollerDeps): Poller {
  const { cycle, clock, intervalMs, logger } = deps;
  let controller: AbortController | undefined;
  let loop: Promise<void> | undefined;

  const run = async (signal: AbortSignal): Promise<void> => {
    while (!signal.aborted) {
      try {
        const report = await cycle.runOnce();
        logger.debug(report, 'Poll cycle finished');
      } catch (error) {
        logger.error({ err: error }, 'Poll cycle failed; retrying after the poll interval');
      }
      if (signal.aborted) break;
      try {
        await clock.sleep(intervalMs, signal);
      } catch {
        // The sleep rejects only when stop() aborts it.
        break;
      }
    }
  };

  return {
    start: () => {
      if (loop !== undefined) return;
      controller = new AbortController();
      loop = run(controller.signal);
    },
    stop: async () => {
      controller?.abort();
      await loop;
      controller = undefined;
      loop = undefined;
    },
  };
}
