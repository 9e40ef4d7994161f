import type { Clock, Logger } from '@patchloop/core';
import { AppError } from '@patchloop/core';
import type { CyclePriority, CycleRecord, CycleRecordView, CycleStats, CycleStatus } from './cycle-record.js';
import { toCycleRecordView, toCycleStats } from './cycle-record.js';
import {
  markCycleCancelled,
  markCycleFailed,
  markCycleRetried,
  markCycleStarted,
  markCycleSucceeded,
  newCycleRecord,
} from './cycle-transitions.js';

/** One periodic job of the daemon (polling, a queue consumer, the idle scan...). */
export interface CycleRegistration {
  readonly name: string;
  /** Fixed delay between the end of a successful run and the next start; floored at 100 ms. */
  readonly intervalMs: number;
  readonly priority: CyclePriority;
  /** Consecutive failures tolerated before the cycle is dead-lettered (default 3). */
  readonly maxRetries?: number | undefined;
  /** Delay before the first run (default 0: run at the first tick). */
  readonly firstRunDelayMs?: number | undefined;
  /** The work; it must stop promptly once `signal` aborts (the scheduler is stopping). */
  readonly run: (signal: AbortSignal) => Promise<unknown>;
}

/** Dependencies and timing of the scheduler. */
export interface CreateSchedulerOptions {
  readonly clock: Clock;
  readonly logger: Logger;
  /** First retry delay after a failure; doubles per consecutive failure (default 30 s). */
  readonly backoffBaseMs?: number | undefined;
  /** Longest retry delay (default 15 min). */
  readonly backoffCapMs?: number | undefined;
  /** How long `stop()` lets running cycles finish before cancelling them (default 30 s). */
  readonly stopWaitMs?: number | undefined;
}

/** The scheduler summary of `/health` and `/observability` (spec §5.7). */
export interface SchedulerSummary {
  readonly registered: number;
  readonly running: number;
  /** Cycles whose latest finished run failed (retry-waiting, dead-lettered, or running again after a failure). */
  readonly failed: number;
  readonly retry_waiting: number;
  readonly dead_letter: number;
  /** Sorted by name. */
  readonly tasks: readonly CycleRecordView[];
}

/** The outcome of an operator's retry, shaped for the HTTP route (spec §3.11). */
export type CycleRetryResult =
  | { readonly ok: true; readonly cycle: CycleRecordView; readonly previousStatus: CycleStatus }
  | { readonly ok: false; readonly status: 404 | 409; readonly message: string };

/** Runs the daemon's cycles, each independently, with fixed delays, backoff and dead letters. */
export interface Scheduler {
  /** Adds a cycle; a second cycle with the same name is an error. */
  register(cycle: CycleRegistration): void;
  /** Starts the background loop (no-op when it already runs). */
  start(): void;
  /** Stops the loop, lets running cycles finish for `stopWaitMs`, then cancels the rest. */
  stop(): Promise<void>;
  /** Starts every due cycle in priority order without waiting for them. */
  tick(): Promise<void>;
  /** Resolves once no cycle is running. */
  whenIdle(): Promise<void>;
  /** Runs the cycle now (refused while it runs) and resolves with its stats, or rejects with its error. */
  runNow(name: string): Promise<CycleStats | null>;
  /** Clears the failure streak and makes the cycle due now; revives a dead-lettered cycle. */
  retry(name: string): CycleRetryResult;
  summary(): SchedulerSummary;
  get(name: string): CycleRecordView | undefined;
}

type RunOutcome =
  | { readonly kind: 'succeeded'; readonly stats: CycleStats | null }
  | { readonly kind: 'failed'; readonly error: unknown }
  | { readonly kind: 'cancelled' };

interface ActiveRun {
  readonly controller: AbortController;
  readonly startedAt: number;
  /** Set right after the run is registered, so a run that throws synchronously still finds itself active. */
  done: Promise<RunOutcome>;
}

interface Cycle {
  readonly record: CycleRecord;
  readonly run: CycleRegistration['run'];
  active: ActiveRun | undefined;
}

const LEASE_OWNER = 'scheduler';
const MIN_INTERVAL_MS = 100;
const MIN_LOOP_SLEEP_MS = 50;
const MAX_LOOP_SLEEP_MS = 1000;
const priorityRank: Readonly<Record<CyclePriority, number>> = { urgent: 0, normal: 1, background: 2 };

/**
 * Creates the cycle scheduler (spec §5.7). Each run is its own promise, so a slow cycle never delays
 * another; state is in memory only, and every cycle starts fresh after a restart.
 */
export function createScheduler(options: CreateSchedulerOptions): Scheduler {
  const { clock } = options;
  const logger = options.logger.child({ component: 'scheduler' });
  const backoff = { baseMs: options.backoffBaseMs ?? 30_000, capMs: options.backoffCapMs ?? 900_000 };
  const stopWaitMs = options.stopWaitMs ?? 30_000;
  const cycles = new Map<string, Cycle>();
  let loop: { readonly controller: AbortController; readonly done: Promise<void> } | undefined;

  const mustFind = (name: string): Cycle => {
    const cycle = cycles.get(name);
    if (cycle === undefined) throw new AppError('SCHEDULER_CYCLE_UNKNOWN', `Unknown scheduler task: ${name}`);
    return cycle;
  };

  const succeed = (cycle: Cycle, value: unknown): RunOutcome => {
    const stats = toCycleStats(value);
    markCycleSucceeded(cycle.record, clock.now(), stats);
    return { kind: 'succeeded', stats };
  };

  const fail = (cycle: Cycle, error: unknown): RunOutcome => {
    const { record } = cycle;
    const message = error instanceof Error ? error.message : String(error);
    const delayMs = markCycleFailed(record, clock.now(), message, backoff);
    const context = { cycle: record.name, err: error, consecutiveFailures: record.consecutiveFailures };
    if (delayMs === null) {
      logger.error(context, 'Scheduler cycle dead-lettered; it stays stopped until an operator retries it');
    } else {
      logger.warn({ ...context, delayMs }, 'Scheduler cycle failed; retrying after a backoff');
    }
    return { kind: 'failed', error };
  };

  const cancel = (cycle: Cycle, active: ActiveRun): void => {
    active.controller.abort(
      new AppError('SCHEDULER_CYCLE_CANCELLED', `Scheduler cycle ${cycle.record.name} was cancelled.`),
    );
    // The run may ignore its signal; letting go of it now keeps stop() bounded, and its late result is dropped.
    cycle.active = undefined;
    markCycleCancelled(cycle.record, clock.now(), active.startedAt);
    logger.warn({ cycle: cycle.record.name }, 'Scheduler cycle cancelled while stopping');
  };

  const begin = (cycle: Cycle): ActiveRun => {
    const now = clock.now();
    markCycleStarted(cycle.record, now, LEASE_OWNER);
    const active: ActiveRun = {
      controller: new AbortController(),
      startedAt: now,
      done: Promise.resolve({ kind: 'cancelled' }),
    };
    cycle.active = active;
    const settle = (outcome: () => RunOutcome): RunOutcome => {
      // A cancelled run no longer owns the record; whatever it reports afterwards is dropped.
      if (cycle.active !== active) return { kind: 'cancelled' };
      cycle.active = undefined;
      return outcome();
    };
    const execute = async (): Promise<RunOutcome> => {
      try {
        const value = await cycle.run(active.controller.signal);
        return settle(() => succeed(cycle, value));
      } catch (error) {
        return settle(() => fail(cycle, error));
      }
    };
    // `execute` calls `run` synchronously, so the runs one tick starts begin in priority order.
    active.done = execute();
    return active;
  };

  const tick = async (): Promise<void> => {
    const now = clock.now();
    const due = [...cycles.values()]
      .filter(
        ({ record, active }) => active === undefined && record.nextRunAt !== null && record.nextRunAt <= now,
      )
      .sort(
        (a, b) =>
          priorityRank[a.record.priority] - priorityRank[b.record.priority] ||
          (a.record.nextRunAt ?? 0) - (b.record.nextRunAt ?? 0) ||
          a.record.name.localeCompare(b.record.name),
      );
    for (const cycle of due) begin(cycle);
  };

  const loopSleepMs = (): number => {
    const now = clock.now();
    let next = Number.POSITIVE_INFINITY;
    for (const { record, active } of cycles.values()) {
      if (active === undefined && record.nextRunAt !== null) next = Math.min(next, record.nextRunAt - now);
    }
    return Math.min(MAX_LOOP_SLEEP_MS, Math.max(MIN_LOOP_SLEEP_MS, next));
  };

  const runLoop = async (signal: AbortSignal): Promise<void> => {
    while (!signal.aborted) {
      await tick();
      try {
        await clock.sleep(loopSleepMs(), signal);
      } catch {
        return; // stop() aborted the sleep
      }
    }
  };

  // Registers its timer synchronously, so a test that advances a fake clock right after stop() sees it.
  const waitForRuns = async (runs: readonly ActiveRun[]): Promise<'finished' | 'timed_out'> => {
    if (runs.length === 0) return 'finished';
    const timer = new AbortController();
    const timeout = clock.sleep(stopWaitMs, timer.signal).then(
      () => 'timed_out' as const,
      () => 'finished' as const,
    );
    const finished = Promise.all(runs.map((run) => run.done)).then(() => 'finished' as const);
    const result = await Promise.race([finished, timeout]);
    timer.abort();
    return result;
  };

  return {
    register: (registration) => {
      const { name, intervalMs, priority } = registration;
      const maxRetries = registration.maxRetries ?? 3;
      const firstRunDelayMs = registration.firstRunDelayMs ?? 0;
      if (cycles.has(name)) {
        throw new AppError(
          'SCHEDULER_CYCLE_DUPLICATE',
          `A scheduler cycle named ${name} is already registered.`,
        );
      }
      if (
        !(Number.isFinite(intervalMs) && intervalMs > 0) ||
        !Number.isInteger(maxRetries) ||
        maxRetries < 0
      ) {
        throw new AppError(
          'SCHEDULER_CYCLE_INVALID',
          `Scheduler cycle ${name} needs a positive interval and a whole, non-negative maxRetries.`,
        );
      }
      const record = newCycleRecord({
        name,
        priority,
        intervalMs: Math.max(MIN_INTERVAL_MS, intervalMs),
        maxRetries,
        nextRunAt: clock.now() + Math.max(0, firstRunDelayMs),
      });
      cycles.set(name, { record, run: registration.run, active: undefined });
    },
    start: () => {
      if (loop !== undefined) return;
      const controller = new AbortController();
      loop = { controller, done: runLoop(controller.signal) };
    },
    stop: async () => {
      const stopping = loop;
      loop = undefined;
      stopping?.controller.abort();
      const running = [...cycles.values()].filter((cycle) => cycle.active !== undefined);
      const waited = await waitForRuns(running.flatMap((cycle) => cycle.active ?? []));
      if (waited === 'timed_out') {
        for (const cycle of running) if (cycle.active !== undefined) cancel(cycle, cycle.active);
      }
      await stopping?.done;
    },
    tick,
    whenIdle: async () => {
      for (;;) {
        const runs = [...cycles.values()].flatMap((cycle) => cycle.active?.done ?? []);
        if (runs.length === 0) return;
        await Promise.all(runs);
      }
    },
    runNow: async (name) => {
      const cycle = mustFind(name);
      if (cycle.active !== undefined) {
        throw new AppError('SCHEDULER_CYCLE_BUSY', `Scheduler cycle ${name} is already running.`);
      }
      const outcome = await begin(cycle).done;
      switch (outcome.kind) {
        case 'succeeded':
          return outcome.stats;
        case 'failed':
          throw outcome.error;
        case 'cancelled':
          throw new AppError('SCHEDULER_CYCLE_CANCELLED', `Scheduler cycle ${name} was cancelled.`);
        default:
          return assertNever(outcome);
      }
    },
    retry: (name) => {
      const cycle = cycles.get(name);
      if (cycle === undefined) return { ok: false, status: 404, message: `Unknown scheduler task: ${name}` };
      if (cycle.active !== undefined) {
        return {
          ok: false,
          status: 409,
          message: `Scheduler task ${name} is running; retry it once it finishes.`,
        };
      }
      const previousStatus = cycle.record.status;
      markCycleRetried(cycle.record, clock.now());
      logger.info({ cycle: name, previousStatus }, 'Scheduler cycle retried by an operator');
      return { ok: true, cycle: toCycleRecordView(cycle.record), previousStatus };
    },
    summary: () => {
      const records = [...cycles.values()]
        .map((cycle) => cycle.record)
        .sort((a, b) => a.name.localeCompare(b.name));
      const count = (predicate: (record: CycleRecord) => boolean): number => records.filter(predicate).length;
      return {
        registered: records.length,
        running: count((record) => record.status === 'running'),
        failed: count((record) => record.consecutiveFailures > 0),
        retry_waiting: count((record) => record.status === 'retry_waiting'),
        dead_letter: count((record) => record.status === 'dead_letter'),
        tasks: records.map(toCycleRecordView),
      };
    },
    get: (name) => {
      const cycle = cycles.get(name);
      return cycle === undefined ? undefined : toCycleRecordView(cycle.record);
    },
  };
}

function assertNever(value: never): never {
  throw new AppError('INTERNAL_INVARIANT', `Unexpected cycle outcome ${JSON.stringify(value)}.`);
}
