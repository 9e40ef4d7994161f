import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { AppError } from '../errors/app-error.js';
import type { Logger } from '../logging/create-logger.js';
import type { Task } from '../store/task.js';
import type { Clock } from '../time/clock.js';
import { logQueueEvents } from './log-queue-events.js';
import type { QueueEvents } from './queue-events.js';
import { createQueueEvents } from './queue-events.js';
import { decideRetry } from './retry-policy.js';
import type { TaskHandler, TaskOutcome } from './task-handler.js';
import type { TaskQueue } from './task-queue.js';

/** Dependencies and timing of one worker loop. */
export interface CreateWorkerOptions {
  readonly queue: Pick<
    TaskQueue,
    'recoverExpiredLeases' | 'claimNext' | 'heartbeat' | 'complete' | 'fail' | 'bury' | 'defer'
  >;
  /** Task type → handler. Only these types are claimed unless `types` narrows them further. */
  readonly handlers: Readonly<Record<string, TaskHandler>>;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Unique per process (include the pid): it is the lease owner. */
  readonly workerId: string;
  readonly leaseMs: number;
  /** Sleep between polls when nothing is due. */
  readonly pollIntervalMs: number;
  readonly types?: readonly string[] | undefined;
  /** How often a running handler's lease is extended (default a third of the lease). */
  readonly heartbeatIntervalMs?: number | undefined;
  /** Pass a channel to observe events; the worker logs through it either way. */
  readonly events?: QueueEvents | undefined;
}

/** What one iteration did. */
export type WorkerIteration =
  | { readonly kind: 'idle' }
  | { readonly kind: 'ran'; readonly task: Task }
  | { readonly kind: 'lease_lost'; readonly taskId: number };

/** A claim → run → record loop with a graceful stop. */
export interface Worker {
  readonly events: QueueEvents;
  start(): void;
  /** Stops claiming, lets the running handler finish for `timeoutMs`, then aborts it and waits. */
  stop(options: { readonly timeoutMs: number }): Promise<void>;
  /** One iteration: recover expired leases, claim one task, run it, record the outcome. */
  runOnce(): Promise<WorkerIteration>;
}

interface RunningTask {
  readonly controller: AbortController;
  readonly done: Promise<WorkerIteration>;
}

/** Creates a worker. It holds no business logic: handlers decide, the queue records. */
export function createWorker(options: CreateWorkerOptions): Worker {
  const { queue, handlers, clock, workerId, leaseMs } = options;
  const events = options.events ?? createQueueEvents();
  logQueueEvents({ events, logger: options.logger });
  const types = options.types ?? Object.keys(handlers);
  const heartbeatIntervalMs = options.heartbeatIntervalMs ?? Math.max(1, Math.floor(leaseMs / 3));
  const idle = new AbortController();
  let stopping = false;
  let running: RunningTask | undefined;
  let loop: Promise<void> | undefined;

  const keepLeaseAlive = async (task: Task, signal: AbortSignal, onLost: () => void): Promise<void> => {
    while (!signal.aborted) {
      try {
        await clock.sleep(heartbeatIntervalMs, signal);
      } catch (error) {
        if (signal.aborted) return; // the handler finished; sleeping was cancelled on purpose
        throw error;
      }
      try {
        if (!queue.heartbeat(task.id, workerId, leaseMs)) {
          onLost();
          return;
        }
      } catch (error) {
        // A busy database must not kill the lease keeper; the next beat tries again.
        events.emit('worker:error', { error });
      }
    }
  };

  const outcomeOfError = (task: Task, error: unknown, signal: AbortSignal): TaskOutcome => {
    if (stopping && signal.aborted) {
      // Shutdown is not the task's fault: give the attempt back and let the next start pick it up.
      return { kind: 'defer', reason: 'worker stopped before the task finished', until: clock.now() };
    }
    const reason = error instanceof Error ? error.message : String(error);
    const decision = decideRetry(error, task.attemptCount);
    return decision.action === 'retry'
      ? { kind: 'retry', reason, delayMs: decision.delayMs }
      : { kind: 'dead_letter', reason };
  };

  const record = (task: Task, outcome: TaskOutcome, durationMs: number): Task | undefined => {
    switch (outcome.kind) {
      case 'done': {
        const done = queue.complete(task.id, workerId, outcome.result);
        if (done) events.emit('task:succeeded', { task: done, durationMs });
        return done;
      }
      case 'retry': {
        const failed = queue.fail(task.id, workerId, { reason: outcome.reason, delayMs: outcome.delayMs });
        // `fail` itself dead-letters a task that used its last attempt.
        if (failed?.status === 'dead_letter') {
          events.emit('task:dead_lettered', { task: failed, reason: outcome.reason });
        } else if (failed) {
          events.emit('task:retrying', { task: failed, reason: outcome.reason, durationMs });
        }
        return failed;
      }
      case 'defer': {
        const deferred = queue.defer(task.id, workerId, { reason: outcome.reason, until: outcome.until });
        if (deferred) events.emit('task:deferred', { task: deferred, reason: outcome.reason });
        return deferred;
      }
      case 'dead_letter': {
        const buried = queue.bury(task.id, workerId, {
          reason: outcome.reason,
          permanent: outcome.permanent,
        });
        if (buried) events.emit('task:dead_lettered', { task: buried, reason: outcome.reason });
        return buried;
      }
      default:
        return assertNever(outcome);
    }
  };

  const runClaimed = async (task: Task, controller: AbortController): Promise<WorkerIteration> => {
    const startedAt = clock.now();
    events.emit('task:started', { task });
    const beat = new AbortController();
    let leaseLost = false;
    const heartbeats = keepLeaseAlive(task, beat.signal, () => {
      leaseLost = true;
      controller.abort(new AppError('TASK_CANCELLED', `Task ${task.id} lost its lease to another worker.`));
    });
    let outcome: TaskOutcome;
    try {
      const handler = Object.hasOwn(handlers, task.type) ? handlers[task.type] : undefined;
      outcome =
        handler === undefined
          ? { kind: 'dead_letter', reason: `No handler is registered for task type "${task.type}".` }
          : await handler(task, {
              signal: controller.signal,
              heartbeat: () => queue.heartbeat(task.id, workerId, leaseMs),
            });
    } catch (error) {
      outcome = outcomeOfError(task, error, controller.signal);
    } finally {
      beat.abort();
      await heartbeats;
    }
    const recorded = leaseLost ? undefined : record(task, outcome, clock.now() - startedAt);
    if (recorded === undefined) {
      events.emit('task:lease_lost', { taskId: task.id, taskType: task.type });
      return { kind: 'lease_lost', taskId: task.id };
    }
    return { kind: 'ran', task: recorded };
  };

  const runOnce = async (): Promise<WorkerIteration> => {
    for (const task of queue.recoverExpiredLeases()) events.emit('task:recovered', { task });
    if (stopping) return { kind: 'idle' };
    const task = queue.claimNext({ workerId, leaseMs, types });
    if (task === undefined) return { kind: 'idle' };
    const controller = new AbortController();
    const done = runClaimed(task, controller);
    running = { controller, done };
    try {
      return await done;
    } finally {
      running = undefined;
    }
  };

  const runLoop = async (): Promise<void> => {
    while (!stopping) {
      let iteration: WorkerIteration;
      try {
        iteration = await runOnce();
      } catch (error) {
        events.emit('worker:error', { error });
        iteration = { kind: 'idle' };
      }
      if (iteration.kind !== 'idle') {
        // Lets I/O callbacks run between back-to-back tasks; this is not a sleep.
        await yieldToEventLoop();
        continue;
      }
      try {
        await clock.sleep(options.pollIntervalMs, idle.signal);
      } catch (error) {
        if (!idle.signal.aborted) throw error; // otherwise stop() woke us up
      }
    }
  };

  return {
    events,
    runOnce,
    start: () => {
      if (loop !== undefined || stopping) return;
      loop = runLoop();
    },
    stop: async ({ timeoutMs }) => {
      stopping = true;
      idle.abort();
      const current = running;
      if (current !== undefined) {
        const grace = new AbortController();
        const expired = await Promise.race([
          current.done.then(
            () => false,
            () => false,
          ),
          clock.sleep(timeoutMs, grace.signal).then(
            () => true,
            () => false,
          ),
        ]);
        grace.abort();
        if (expired) {
          current.controller.abort(
            new AppError('TASK_CANCELLED', 'The worker is stopping and its grace period ended.'),
          );
        }
        await current.done.catch(() => undefined);
      }
      await loop;
    },
  };
}

function assertNever(value: never): never {
  throw new AppError('INTERNAL_INVARIANT', `Unexpected task outcome ${JSON.stringify(value)}.`);
}
