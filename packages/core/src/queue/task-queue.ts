import { AppError } from '../errors/app-error.js';
import type { Logger } from '../logging/create-logger.js';
import type { Database } from '../store/database.js';
import type { JsonObject, JsonValue } from '../store/json-column.js';
import type { Task, TaskPriority, TaskStatus } from '../store/task.js';
import { higherPriority, taskStatuses } from '../store/task.js';
import type { TaskListFilter } from '../store/task-repository.js';
import { createTaskRepository } from '../store/task-repository.js';
import type { Clock } from '../time/clock.js';
import { backoffDelayMs } from './retry-policy.js';
import type { TaskEvent } from './task-lifecycle.js';
import { nextStatus } from './task-lifecycle.js';

/** A request for work. The same (type, dedupeKey) never yields a second task. */
export interface EnqueueRequest {
  readonly type: string;
  readonly dedupeKey: string;
  /** Tasks of one type with the same target run one at a time, with at most one waiting. */
  readonly targetKey?: string | undefined;
  readonly payload: JsonObject;
  readonly priority?: TaskPriority | undefined;
  readonly source?: string | undefined;
  readonly maxAttempts?: number | undefined;
  readonly availableAt?: number | undefined;
  /** Newer information: merge into the waiting task for the target, or queue a follow-up behind a running one. */
  readonly replaceExisting?: boolean | undefined;
}

/** How an enqueue request was absorbed. */
export type EnqueueDisposition =
  | 'created'
  | 'follow_up_created'
  | 'duplicate'
  | 'pending_updated'
  | 'revived'
  | 'already_active';

/** The task that now represents the request. */
export interface EnqueueResult {
  readonly task: Task;
  readonly created: boolean;
  readonly disposition: EnqueueDisposition;
}

/** Why a running task failed; `delayMs` overrides the backoff, `permanent` dead-letters at once. */
export interface TaskFailure {
  readonly reason: string;
  readonly permanent?: boolean | undefined;
  readonly delayMs?: number | undefined;
}

/** Task counts per status, overall and per task type. */
export interface QueueSummary {
  readonly total: Readonly<Record<TaskStatus, number>>;
  readonly byType: Readonly<Record<string, Readonly<Record<TaskStatus, number>>>>;
}

/**
 * The durable queue and the only writer of task status. Every method is one lifecycle transition
 * in one IMMEDIATE transaction; a worker that lost its lease gets `undefined`/false, never a corrupt row.
 */
export interface TaskQueue {
  enqueue(request: EnqueueRequest): EnqueueResult;
  /** Claims the most urgent due task whose target is idle, leasing it to `workerId` for `leaseMs`. */
  claimNext(options: {
    readonly workerId: string;
    readonly leaseMs: number;
    readonly types?: readonly string[] | undefined;
  }): Task | undefined;
  heartbeat(id: number, workerId: string, leaseMs: number): boolean;
  complete(id: number, workerId: string, result?: JsonValue): Task | undefined;
  /** Retries with backoff, or dead-letters when permanent or out of attempts. */
  fail(id: number, workerId: string, failure: TaskFailure): Task | undefined;
  /** Dead-letters now, whatever attempts are left. */
  bury(id: number, workerId: string, failure: Omit<TaskFailure, 'delayMs'>): Task | undefined;
  /** Waits until `until` without using up an attempt and without ever dead-lettering. */
  defer(
    id: number,
    workerId: string,
    deferral: { readonly reason: string; readonly until: number },
  ): Task | undefined;
  /** Admin: a dead-lettered or waiting task goes back to queued with a fresh attempt budget. */
  requeue(id: number): Task;
  /** Running tasks whose lease expired return to queued (dead letter after the last attempt). */
  recoverExpiredLeases(): readonly Task[];
  /**
   * At startup of the only process that owns this database: every `running` task belongs to a
   * process that died (SIGKILL, crash), so it is recovered now rather than when its lease ends.
   */
  recoverAbandonedTasks(): readonly Task[];
  get(id: number): Task | undefined;
  list(filter?: TaskListFilter): readonly Task[];
  listDeadLetters(filter?: Omit<TaskListFilter, 'status'>): readonly Task[];
  summary(): QueueSummary;
}

/** Dependencies of the queue. */
export interface CreateTaskQueueOptions {
  readonly db: Database;
  readonly clock: Clock;
  readonly logger?: Logger | undefined;
  /** Attempts a task gets when the request does not say (default 5). */
  readonly defaultMaxAttempts?: number | undefined;
}

const DEFAULT_MAX_ATTEMPTS = 5;
const LAST_ATTEMPT_EXPIRED = 'lease expired on the last attempt';
const LEASE_EXPIRED = 'lease expired';
const ABANDONED = 'the daemon stopped while the task ran';

/** Creates the task queue over the `tasks` table. */
export function createTaskQueue(options: CreateTaskQueueOptions): TaskQueue {
  const { db, clock, logger } = options;
  const tasks = createTaskRepository({ db });
  const defaultMaxAttempts = options.defaultMaxAttempts ?? DEFAULT_MAX_ATTEMPTS;

  // Merges a newer request into an existing task; `event` is 'requeue' when the task must be revived.
  const merge = (task: Task, request: EnqueueRequest, event: TaskEvent | undefined, now: number): Task => {
    const updated = tasks.updateRequest({
      id: task.id,
      from: task.status,
      to: event === undefined ? task.status : nextStatus(task.status, event),
      now,
      dedupeKey: request.dedupeKey,
      payload: request.payload,
      priority: higherPriority(task.priority, request.priority ?? 'normal'),
      maxAttempts: Math.max(task.maxAttempts, request.maxAttempts ?? defaultMaxAttempts),
      source: request.source ?? task.source,
      availableAt: request.availableAt ?? now,
      resetAttempts: event === 'requeue',
    });
    return mustExist(updated, task.id);
  };

  const insert = (request: EnqueueRequest, now: number): Task =>
    tasks.insert({
      type: request.type,
      dedupeKey: request.dedupeKey,
      targetKey: request.targetKey ?? null,
      priority: request.priority ?? 'normal',
      payload: request.payload,
      source: request.source ?? 'unspecified',
      maxAttempts: request.maxAttempts ?? defaultMaxAttempts,
      availableAt: request.availableAt ?? now,
      now,
    });

  // Same dedupe key: a redelivery. Only replaceExisting may refresh it, and never a done or running task.
  const enqueueOverDuplicate = (existing: Task, request: EnqueueRequest, now: number): EnqueueResult => {
    const duplicate = { task: existing, created: false, disposition: 'duplicate' } as const;
    if (request.replaceExisting !== true) return duplicate;
    switch (existing.status) {
      case 'queued':
        return {
          task: merge(existing, request, undefined, now),
          created: false,
          disposition: 'pending_updated',
        };
      case 'retry_waiting':
        return {
          task: merge(existing, request, 'requeue', now),
          created: false,
          disposition: 'pending_updated',
        };
      case 'dead_letter':
        if (existing.permanentFailure) return duplicate;
        return { task: merge(existing, request, 'requeue', now), created: false, disposition: 'revived' };
      case 'running':
      case 'done':
        return duplicate;
      default:
        return assertNever(existing.status);
    }
  };

  const enqueueTx = db.transaction((request: EnqueueRequest): EnqueueResult => {
    const now = clock.now();
    const existing = tasks.findByDedupeKey(request.type, request.dedupeKey);
    if (existing !== undefined) return enqueueOverDuplicate(existing, request, now);
    if (request.targetKey !== undefined) {
      // Per-target serialization: at most one waiting task plus at most one running task.
      const pending = tasks.findPendingForTarget(request.type, request.targetKey);
      if (pending !== undefined) {
        if (request.replaceExisting !== true) {
          return { task: pending, created: false, disposition: 'already_active' };
        }
        const event = pending.status === 'retry_waiting' ? 'requeue' : undefined;
        return { task: merge(pending, request, event, now), created: false, disposition: 'pending_updated' };
      }
      const running = tasks.findRunningForTarget(request.type, request.targetKey);
      if (running !== undefined) {
        if (request.replaceExisting !== true) {
          return { task: running, created: false, disposition: 'already_active' };
        }
        return { task: insert(request, now), created: true, disposition: 'follow_up_created' };
      }
    }
    return { task: insert(request, now), created: true, disposition: 'created' };
  });

  const claimTx = db.transaction(
    (workerId: string, leaseMs: number, types: readonly string[] | undefined) => {
      const now = clock.now();
      const candidate = tasks.findNextDue(now, types);
      if (candidate === undefined) return undefined;
      return tasks.markClaimed({
        id: candidate.id,
        from: candidate.status,
        to: nextStatus(candidate.status, 'claim'),
        owner: workerId,
        lockedUntil: now + leaseMs,
        now,
      });
    },
  );

  // Loads the task only if `workerId` still holds it; anything else is a lost race, not an error.
  const leased = (id: number, workerId: string): Task | undefined => {
    const task = tasks.findById(id);
    return task?.status === 'running' && task.leaseOwner === workerId ? task : undefined;
  };

  // The guard (running + lease owner) is the precondition, so no read is needed first.
  const completeTx = db.transaction((id: number, workerId: string, result: JsonValue | null) =>
    tasks.markSucceeded({
      id,
      from: 'running',
      to: nextStatus('running', 'succeed'),
      owner: workerId,
      result,
      now: clock.now(),
    }),
  );

  const failTx = db.transaction((id: number, workerId: string, failure: TaskFailure, buryNow: boolean) => {
    const task = leased(id, workerId);
    if (task === undefined) return undefined;
    const now = clock.now();
    const exhausted = buryNow || failure.permanent === true || task.attemptCount >= task.maxAttempts;
    const delayMs = failure.delayMs ?? backoffDelayMs(task.attemptCount);
    return tasks.markFailed({
      id,
      from: task.status,
      to: nextStatus(task.status, exhausted ? 'bury' : 'retry'),
      owner: workerId,
      error: failure.reason,
      availableAt: exhausted ? now : now + delayMs,
      permanent: failure.permanent === true,
      now,
    });
  });

  const deferTx = db.transaction((id: number, workerId: string, reason: string, until: number) =>
    tasks.markDeferred({
      id,
      from: 'running',
      to: nextStatus('running', 'defer'),
      owner: workerId,
      reason,
      until,
      now: clock.now(),
    }),
  );

  const requeueTx = db.transaction((id: number): Task => {
    const task = tasks.findById(id);
    if (task === undefined) throw new AppError('TASK_NOT_FOUND', `There is no task with id ${id}.`);
    const to = nextStatus(task.status, 'requeue');
    return mustExist(tasks.markRequeued({ id, from: task.status, to, now: clock.now() }), id);
  });

  // `leasesEndingBefore` is now for expired leases, or +Infinity for every running task.
  const recoverTx = db.transaction((leasesEndingBefore: number | undefined): Task[] => {
    const now = clock.now();
    const recovered: Task[] = [];
    for (const task of tasks.findExpiredLeases(leasesEndingBefore ?? now)) {
      // Without this a task that kills the process on every run would be recovered forever.
      const lastAttempt = task.attemptCount >= task.maxAttempts;
      const updated = tasks.markRecovered({
        id: task.id,
        from: task.status,
        to: nextStatus(task.status, lastAttempt ? 'bury' : 'recover'),
        lockedUntil: task.lockedUntil ?? now,
        error: lastAttempt
          ? LAST_ATTEMPT_EXPIRED
          : leasesEndingBefore === undefined
            ? LEASE_EXPIRED
            : ABANDONED,
        now,
      });
      if (updated !== undefined) recovered.push(updated);
    }
    return recovered;
  });

  return {
    enqueue: (request) => {
      const result = enqueueTx.immediate(request);
      logger?.debug({ taskId: result.task.id, disposition: result.disposition }, 'Task enqueue handled');
      return result;
    },
    claimNext: ({ workerId, leaseMs, types }) =>
      types !== undefined && types.length === 0 ? undefined : claimTx.immediate(workerId, leaseMs, types),
    heartbeat: (id, workerId, leaseMs) => {
      const now = clock.now();
      return tasks.extendLease(id, workerId, now + leaseMs, now);
    },
    complete: (id, workerId, result) => completeTx.immediate(id, workerId, result ?? null),
    fail: (id, workerId, failure) => failTx.immediate(id, workerId, failure, false),
    bury: (id, workerId, failure) => failTx.immediate(id, workerId, failure, true),
    defer: (id, workerId, { reason, until }) => deferTx.immediate(id, workerId, reason, until),
    requeue: (id) => requeueTx.immediate(id),
    // The cheap read first keeps the common case (nothing expired) free of write locks.
    recoverExpiredLeases: () => (tasks.hasExpiredLeases(clock.now()) ? recoverTx.immediate(undefined) : []),
    recoverAbandonedTasks: () => recoverTx.immediate(Number.MAX_SAFE_INTEGER),
    get: (id) => tasks.findById(id),
    list: (filter = {}) => tasks.list(filter),
    listDeadLetters: (filter = {}) => tasks.list({ ...filter, status: 'dead_letter' }),
    summary: () => summarize(tasks.countByTypeAndStatus()),
  };
}

function summarize(counts: readonly { type: string; status: TaskStatus; count: number }[]): QueueSummary {
  const zero = (): Record<TaskStatus, number> =>
    Object.fromEntries(taskStatuses.map((status) => [status, 0])) as Record<TaskStatus, number>;
  const total = zero();
  const byType: Record<string, Record<TaskStatus, number>> = {};
  for (const { type, status, count } of counts) {
    total[status] += count;
    const row = byType[type] ?? zero();
    row[status] += count;
    byType[type] = row;
  }
  return { total, byType };
}

function mustExist(task: Task | undefined, id: number): Task {
  // Inside an IMMEDIATE transaction nobody else can write, so a guard miss here is a bug.
  if (task === undefined) {
    throw new AppError('INTERNAL_INVARIANT', `Guarded update of task ${id} matched no row.`);
  }
  return task;
}

function assertNever(value: never): never {
  throw new AppError('INTERNAL_INVARIANT', `Unexpected task status ${String(value)}.`);
}
