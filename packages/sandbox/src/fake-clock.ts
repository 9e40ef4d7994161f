import type { Clock } from '@patchloop/core';

interface Sleeper {
  readonly wakeAt: number;
  readonly resolve: () => void;
}

/** A clock under test control: time moves only when the test calls `advance` or `set`. */
export interface FakeClock extends Clock {
  /** Moves time forward by `ms`, waking every sleeper that is due, in order. */
  advance(ms: number): Promise<void>;
  /** Jumps to an absolute time (never backwards). */
  set(epochMs: number): Promise<void>;
  /** Number of sleepers currently waiting. */
  pendingSleepers(): number;
}

/** Creates a fake clock starting at `startMs` (default 2026-01-01T00:00:00Z). */
export function createFakeClock(startMs: number = Date.UTC(2026, 0, 1)): FakeClock {
  let current = startMs;
  let sleepers: Sleeper[] = [];

  const wakeDue = async (): Promise<void> => {
    const due = sleepers.filter((s) => s.wakeAt <= current).sort((a, b) => a.wakeAt - b.wakeAt);
    sleepers = sleepers.filter((s) => s.wakeAt > current);
    for (const sleeper of due) sleeper.resolve();
    // Let the woken continuations run before the caller observes state.
    await new Promise<void>((resolve) => setImmediate(resolve));
  };

  return {
    now: () => current,
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        if (signal?.aborted) {
          reject(signal.reason);
          return;
        }
        if (ms <= 0) {
          resolve();
          return;
        }
        const sleeper: Sleeper = {
          wakeAt: current + ms,
          resolve: () => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          },
        };
        const onAbort = (): void => {
          sleepers = sleepers.filter((s) => s !== sleeper);
          reject(signal?.reason);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        sleepers.push(sleeper);
      }),
    advance: async (ms) => {
      current += ms;
      await wakeDue();
    },
    set: async (epochMs) => {
      current = Math.max(current, epochMs);
      await wakeDue();
    },
    pendingSleepers: () => sleepers.length,
  };
}
