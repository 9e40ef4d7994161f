import { AppError } from '../errors/app-error.js';
import type { Database } from './database.js';
import type { JsonColumnLocation } from './json-column.js';
import { JsonObject, JsonValue, parseJsonColumn } from './json-column.js';
import type { Task, TaskPriority, TaskStatus } from './task.js';
import { taskPriorities, taskStatuses } from './task.js';

/** A new task as the queue inserts it (always `queued`). */
export interface NewTaskRow {
  readonly type: string;
  readonly dedupeKey: string;
  readonly targetKey: string | null;
  readonly priority: TaskPriority;
  readonly payload: JsonObject;
  readonly source: string;
  readonly maxAttempts: number;
  readonly availableAt: number;
  readonly now: number;
}

/** Every status write names the status it expects (`from`) so a lost race updates nothing. */
interface Guard {
  readonly id: number;
  readonly from: TaskStatus;
  readonly to: TaskStatus;
  readonly now: number;
}

/** A newer request merged into an existing task (and, with `resetAttempts`, revived). */
export interface RequestUpdate extends Guard {
  readonly dedupeKey: string;
  readonly payload: JsonObject;
  readonly priority: TaskPriority;
  readonly maxAttempts: number;
  readonly source: string;
  readonly availableAt: number;
  readonly resetAttempts: boolean;
}

/** Filters for admin listings; newest first. */
export interface TaskListFilter {
  readonly status?: TaskStatus | undefined;
  readonly type?: string | undefined;
  readonly limit?: number | undefined;
}

/** SQL access to `tasks`. Only core/queue/task-queue.ts may call the methods that write `status`. */
export interface TaskRepository {
  insert(row: NewTaskRow): Task;
  findById(id: number): Task | undefined;
  findByDedupeKey(type: string, dedupeKey: string): Task | undefined;
  findPendingForTarget(type: string, targetKey: string): Task | undefined;
  findRunningForTarget(type: string, targetKey: string): Task | undefined;
  /** The next claimable task: due, by priority then age, skipping targets that already run. */
  findNextDue(
    now: number,
    types: readonly string[] | undefined,
  ): { readonly id: number; readonly status: TaskStatus } | undefined;
  hasExpiredLeases(now: number): boolean;
  findExpiredLeases(now: number): readonly Task[];
  updateRequest(update: RequestUpdate): Task | undefined;
  markClaimed(guard: Guard & { readonly owner: string; readonly lockedUntil: number }): Task | undefined;
  extendLease(id: number, owner: string, lockedUntil: number, now: number): boolean;
  markSucceeded(
    guard: Guard & { readonly owner: string; readonly result: JsonValue | null },
  ): Task | undefined;
  markFailed(
    guard: Guard & {
      readonly owner: string;
      readonly error: string;
      readonly availableAt: number;
      readonly permanent: boolean;
    },
  ): Task | undefined;
  markDeferred(
    guard: Guard & { readonly owner: string; readonly reason: string; readonly until: number },
  ): Task | undefined;
  markRecovered(guard: Guard & { readonly lockedUntil: number; readonly error: string }): Task | undefined;
  markRequeued(guard: Guard): Task | undefined;
  list(filter: TaskListFilter): readonly Task[];
  countByTypeAndStatus(): readonly { type: string; status: TaskStatus; count: number }[];
}

interface TaskRow {
  id: number;
  task_type: string;
  dedupe_key: string;
  target_key: string | null;
  status: string;
  priority: string;
  payload: string;
  source: string;
  attempt_count: number;
  max_attempts: number;
  available_at: number;
  lease_owner: string | null;
  locked_until: number | null;
  created_at: number;
  updated_at: number;
  last_started_at: number | null;
  last_finished_at: number | null;
  last_error: string | null;
  result: string | null;
  permanent_failure: number;
}

const COLUMNS = `id, task_type, dedupe_key, target_key, status, priority, payload, source, attempt_count,
  max_attempts, available_at, lease_owner, locked_until, created_at, updated_at, last_started_at,
  last_finished_at, last_error, result, permanent_failure`;
const PENDING = `status IN ('queued', 'retry_waiting')`;
// Lease columns are cleared on every transition out of `running`.
const RELEASE = 'lease_owner = NULL, locked_until = NULL, last_finished_at = @now, updated_at = @now';
const DEFAULT_LIST_LIMIT = 100;

/** Creates the `tasks` repository; every statement is prepared once, here. */
export function createTaskRepository({ db }: { readonly db: Database }): TaskRepository {
  const update = (set: string, extraWhere = '') =>
    db.prepare<[Record<string, unknown>], TaskRow>(
      `UPDATE tasks SET status = @to, ${set} WHERE id = @id AND status = @from ${extraWhere} RETURNING ${COLUMNS}`,
    );
  const select = (where: string) =>
    db.prepare<unknown[], TaskRow>(`SELECT ${COLUMNS} FROM tasks WHERE ${where}`);

  const statements = {
    insert: db.prepare<[Record<string, unknown>], TaskRow>(
      `INSERT INTO tasks (task_type, dedupe_key, target_key, status, priority, payload, source,
         attempt_count, max_attempts, available_at, created_at, updated_at)
       VALUES (@type, @dedupeKey, @targetKey, 'queued', @priority, @payload, @source,
         0, @maxAttempts, @availableAt, @now, @now)
       RETURNING ${COLUMNS}`,
    ),
    byId: select('id = ?'),
    byDedupeKey: select('task_type = ? AND dedupe_key = ?'),
    // Queued before retry_waiting, then oldest first: the task a newer request should merge into.
    pendingForTarget: select(
      `task_type = ? AND target_key = ? AND ${PENDING}
       ORDER BY status = 'retry_waiting', available_at, created_at, id LIMIT 1`,
    ),
    runningForTarget: select(`task_type = ? AND target_key = ? AND status = 'running' LIMIT 1`),
    nextDue: db.prepare<[Record<string, unknown>], { id: number; status: string }>(
      `SELECT id, status FROM tasks INDEXED BY tasks_claim_order
       WHERE ${PENDING} AND available_at <= @now
         AND (@types IS NULL OR task_type IN (SELECT value FROM json_each(@types)))
         AND (target_key IS NULL OR NOT EXISTS (
           SELECT 1 FROM tasks AS busy
           WHERE busy.status = 'running' AND busy.task_type = tasks.task_type
             AND busy.target_key = tasks.target_key))
       ORDER BY priority_rank, available_at, created_at, id LIMIT 1`,
      // INDEXED BY: walking the claim-order index stops at the first claimable row, where
      // another plan would sort every pending task on each claim.
    ),
    anyExpired: db
      .prepare(`SELECT 1 FROM tasks WHERE status = 'running' AND locked_until < ? LIMIT 1`)
      .pluck(),
    expired: select(`status = 'running' AND locked_until < ? ORDER BY locked_until, id`),
    updateRequest: update(
      `dedupe_key = @dedupeKey, payload = @payload, priority = @priority, max_attempts = @maxAttempts,
       source = @source, available_at = @availableAt, updated_at = @now,
       attempt_count = CASE WHEN @reset THEN 0 ELSE attempt_count END,
       last_error = CASE WHEN @reset THEN NULL ELSE last_error END,
       result = CASE WHEN @reset THEN NULL ELSE result END`,
    ),
    claim: update(
      `attempt_count = attempt_count + 1, lease_owner = @owner, locked_until = @lockedUntil,
       last_started_at = @now, updated_at = @now`,
    ),
    extendLease: db.prepare(
      `UPDATE tasks SET locked_until = @lockedUntil, updated_at = @now
       WHERE id = @id AND status = 'running' AND lease_owner = @owner`,
    ),
    succeed: update(`result = @result, last_error = NULL, ${RELEASE}`, 'AND lease_owner = @owner'),
    fail: update(
      `last_error = @error, available_at = @availableAt, permanent_failure = @permanent, ${RELEASE}`,
      'AND lease_owner = @owner',
    ),
    // A deferral is not the task's fault, so the attempt the claim counted is given back.
    defer: update(
      `last_error = @reason, available_at = @until, attempt_count = MAX(attempt_count - 1, 0), ${RELEASE}`,
      'AND lease_owner = @owner',
    ),
    recover: update(
      `last_error = @error, available_at = @now, ${RELEASE}`,
      'AND locked_until = @lockedUntil',
    ),
    requeue: update(
      `attempt_count = 0, permanent_failure = 0, last_error = NULL, available_at = @now,
       lease_owner = NULL, locked_until = NULL, updated_at = @now`,
    ),
    list: select(
      `(@status IS NULL OR status = @status) AND (@type IS NULL OR task_type = @type)
       ORDER BY id DESC LIMIT @limit`,
    ),
    counts: db.prepare<[], { type: string; status: string; count: number }>(
      'SELECT task_type AS type, status, COUNT(*) AS count FROM tasks GROUP BY task_type, status',
    ),
  };

  const one = (row: TaskRow | undefined): Task | undefined => (row === undefined ? undefined : toTask(row));

  return {
    insert: (row) => {
      const inserted = statements.insert.get({ ...row, payload: JSON.stringify(row.payload) });
      if (inserted === undefined) throw new AppError('INTERNAL_INVARIANT', 'Task insert returned no row.');
      return toTask(inserted);
    },
    findById: (id) => one(statements.byId.get(id)),
    findByDedupeKey: (type, dedupeKey) => one(statements.byDedupeKey.get(type, dedupeKey)),
    findPendingForTarget: (type, targetKey) => one(statements.pendingForTarget.get(type, targetKey)),
    findRunningForTarget: (type, targetKey) => one(statements.runningForTarget.get(type, targetKey)),
    findNextDue: (now, types) => {
      const row = statements.nextDue.get({ now, types: types === undefined ? null : JSON.stringify(types) });
      return row === undefined
        ? undefined
        : { id: row.id, status: oneOf(taskStatuses, row.status, 'status', row.id) };
    },
    hasExpiredLeases: (now) => statements.anyExpired.get(now) !== undefined,
    findExpiredLeases: (now) => statements.expired.all(now).map(toTask),
    updateRequest: ({ resetAttempts, payload, ...rest }) =>
      one(
        statements.updateRequest.get({
          ...rest,
          payload: JSON.stringify(payload),
          reset: resetAttempts ? 1 : 0,
        }),
      ),
    markClaimed: (guard) => one(statements.claim.get({ ...guard })),
    extendLease: (id, owner, lockedUntil, now) =>
      statements.extendLease.run({ id, owner, lockedUntil, now }).changes === 1,
    markSucceeded: ({ result, ...guard }) =>
      one(statements.succeed.get({ ...guard, result: result === null ? null : JSON.stringify(result) })),
    markFailed: ({ permanent, ...guard }) =>
      one(statements.fail.get({ ...guard, permanent: permanent ? 1 : 0 })),
    markDeferred: (guard) => one(statements.defer.get({ ...guard })),
    markRecovered: (guard) => one(statements.recover.get({ ...guard })),
    markRequeued: (guard) => one(statements.requeue.get({ ...guard })),
    list: (filter) =>
      statements.list
        .all({
          status: filter.status ?? null,
          type: filter.type ?? null,
          limit: filter.limit ?? DEFAULT_LIST_LIMIT,
        })
        .map(toTask),
    countByTypeAndStatus: () =>
      statements.counts
        .all()
        .map((row) => ({ ...row, status: oneOf(taskStatuses, row.status, 'status', 0) })),
  };
}

// The single row → domain mapper for `tasks`; JSON columns are validated with zod here.
function toTask(row: TaskRow): Task {
  const at = (column: string): JsonColumnLocation => ({ table: 'tasks', column, key: row.id });
  return {
    id: row.id,
    type: row.task_type,
    dedupeKey: row.dedupe_key,
    targetKey: row.target_key,
    status: oneOf(taskStatuses, row.status, 'status', row.id),
    priority: oneOf(taskPriorities, row.priority, 'priority', row.id),
    payload: parseJsonColumn(JsonObject, row.payload, at('payload')),
    source: row.source,
    attemptCount: row.attempt_count,
    maxAttempts: row.max_attempts,
    availableAt: row.available_at,
    leaseOwner: row.lease_owner,
    lockedUntil: row.locked_until,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastStartedAt: row.last_started_at,
    lastFinishedAt: row.last_finished_at,
    lastError: row.last_error,
    result: row.result === null ? null : parseJsonColumn(JsonValue, row.result, at('result')),
    permanentFailure: row.permanent_failure === 1,
  };
}

function oneOf<T extends string>(allowed: readonly T[], value: string, column: string, id: number): T {
  const match = allowed.find((candidate) => candidate === value);
  if (match === undefined) {
    throw new AppError(
      'STORE_ROW_INVALID',
      `Column tasks.${column} of row ${id} holds unknown value "${value}".`,
    );
  }
  return match;
}
