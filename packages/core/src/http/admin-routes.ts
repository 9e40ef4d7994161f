import type { FastifyInstance, FastifyPluginAsync, FastifyReply } from 'fastify';
import { z } from 'zod';
import { AppError } from '../errors/app-error.js';
import type { QueueSummary } from '../queue/task-queue.js';
import type { EventLogEntry } from '../store/event-log-repository.js';
import type { RestoreReport, StateSnapshotDocument } from '../store/state-snapshot.js';
import type { Task, TaskStatus } from '../store/task.js';
import type { TaskListFilter } from '../store/task-repository.js';
import { toIsoSeconds } from '../time/clock.js';
import type { AdminGuardOptions } from './admin-guard.js';
import { createAdminGuard } from './admin-guard.js';
import type { TaskQuery } from './admin-query.js';
import { describeIssues, parseEventQuery, parseTaskQuery } from './admin-query.js';
import { toQueueSummaryView } from './queue-summary-view.js';
import { requeueReply } from './requeue-reply.js';
import { toTaskView } from './task-view.js';

/**
 * Everything the admin routes need, passed in explicitly (core/http never imports the store or
 * the queue). A daemon wires them to its `TaskQueue`, `StateSnapshot` and `EventLogRepository`.
 */
export interface AdminRoutesOptions {
  /** ADMIN_TOKEN handling for the guarded routes (see `createAdminGuard`). */
  readonly admin: AdminGuardOptions;
  /**
   * Serve `GET /tasks`, `GET /tasks/dead-letter`, `POST /tasks/retry` and `POST /tasks/:id/retry`
   * (default true). autocode turns them off and serves its own, spec-shaped task routes instead.
   */
  readonly includeTaskRoutes?: boolean | undefined;
  /** The daemon's task types; when given, an unknown `type`/`queue` filter is a 400 instead of an empty list. */
  readonly taskTypes?: readonly string[] | undefined;
  /** Newest first, at most `limit`; one status and one type at a time, like `TaskQueue.list`. */
  readonly listTasks: (filter: TaskListFilter) => readonly Task[];
  readonly getSummary: () => QueueSummary;
  /** Back to queued with a fresh attempt budget; throws TASK_NOT_FOUND or IllegalTransitionError. */
  readonly requeueTask: (id: number) => Task;
  readonly exportSnapshot: () => StateSnapshotDocument;
  /** Validates before writing; throws SNAPSHOT_INVALID (listing every problem) and changes nothing. */
  readonly restoreSnapshot: (document: unknown) => RestoreReport;
  /** Newest first, at most `limit`. */
  readonly listEvents: (filter: { readonly limit: number }) => readonly EventLogEntry[];
}

// The store keeps 1000 events and lists are capped at 200, so scanning this many sees everything relevant.
const SCAN_LIMIT = 1000;
const statusRank: Readonly<Record<TaskStatus, number>> = {
  running: 0,
  queued: 1,
  retry_waiting: 2,
  dead_letter: 3,
  done: 4,
};
const priorityRank = { urgent: 0, normal: 1, background: 2 } as const;
const retryableStatuses: readonly TaskStatus[] = ['retry_waiting', 'dead_letter'];

const TaskIdParams = z.object({ id: z.string().regex(/^[1-9]\d*$/, 'must be a positive whole number') });
const RestoreBody = z.object({
  confirm_restore: z.literal(true, 'must be true: a restore replaces the whole state'),
  snapshot: z.record(z.string(), z.unknown(), 'must be the snapshot object from GET /state/snapshot'),
});

/**
 * The task, dead-letter, snapshot and event-log surface of both daemons (spec §3.7-3.9, 3.14-3.16).
 * Every POST and `GET /state/snapshot` go through the admin guard: a snapshot exposes the whole state
 * (payloads, cursors), so reading it is as sensitive as writing it. Task and event listings stay open
 * like `/health`; the daemon binds to loopback by default.
 */
export const adminRoutes: FastifyPluginAsync<AdminRoutesOptions> = async (app, options) => {
  const guard = createAdminGuard(options.admin);
  if (options.includeTaskRoutes !== false) registerTaskRoutes(app, options, guard);

  app.get('/state/snapshot', { preHandler: guard }, async () => ({
    status: 'ok',
    snapshot: options.exportSnapshot(),
    summary: toQueueSummaryView(options.getSummary()),
  }));

  app.post('/state/restore', { preHandler: guard }, async (request, reply) => {
    const body = RestoreBody.safeParse(request.body);
    if (!body.success) return badRequest(reply, describeIssues(body.error));
    // A restore rewrites rows under a running handler, whose outcome would then be lost.
    const running = options.getSummary().total.running;
    if (running > 0) {
      return reply.status(409).send({
        error: 'ADMIN_RESTORE_BUSY',
        message: `${running} task(s) are running; stop the daemon's worker or wait for them, then retry.`,
      });
    }
    try {
      const report = options.restoreSnapshot(body.data.snapshot);
      request.log.warn({ restoredRows: report.restoredRows }, 'State restored from a snapshot');
      return {
        status: 'ok',
        restored_rows: report.restoredRows,
        recovered_running_tasks: report.recoveredRunningTasks,
        summary: toQueueSummaryView(options.getSummary()),
      };
    } catch (error) {
      if (error instanceof AppError && error.code === 'SNAPSHOT_INVALID') {
        return reply.status(400).send({
          error: error.code,
          message: 'The snapshot was refused and nothing was changed.',
          problems: snapshotProblems(error.message),
        });
      }
      throw error;
    }
  });

  app.get('/logs/events', async (request, reply) => {
    const parsed = parseEventQuery(request.query);
    if (!parsed.ok) return badRequest(reply, parsed.problems);
    const query = parsed.value;
    const matches = options
      .listEvents({ limit: SCAN_LIMIT })
      .filter(
        (event) =>
          (query.categories.length === 0 || query.categories.includes(event.category.toLowerCase())) &&
          (query.levels.length === 0 || query.levels.includes(event.level)) &&
          (query.sources.length === 0 || query.sources.includes(sourceOf(event)?.toLowerCase() ?? '')),
      )
      .slice(0, query.limit)
      // Newest are selected, oldest are shown first (spec §3.16), so the list reads like a log.
      .reverse();
    return {
      status: 'ok',
      filters: {
        category: query.categories,
        level: query.levels,
        source: query.sources,
        limit: query.limit,
      },
      count: matches.length,
      events: matches.map((event) => ({
        id: event.id,
        timestamp: toIsoSeconds(event.at),
        category: event.category,
        level: event.level,
        message: event.message,
        source: sourceOf(event) ?? null,
        data: event.data,
      })),
    };
  });
};

/** The four task routes of spec §3.7-3.10 in their generic shape (a daemon may serve its own instead). */
function registerTaskRoutes(
  app: FastifyInstance,
  options: AdminRoutesOptions,
  guard: ReturnType<typeof createAdminGuard>,
): void {
  const tasksMatching = (query: TaskQuery, perCallLimit: number): Task[] =>
    collectTasks(options.listTasks, query, perCallLimit);

  app.get('/tasks', async (request, reply) => {
    const parsed = parseTaskQuery(request.query, { defaultLimit: 100, knownTypes: options.taskTypes });
    if (!parsed.ok) return badRequest(reply, parsed.problems);
    const query = parsed.value;
    const tasks = tasksMatching(query, query.limit).slice(0, query.limit);
    return {
      status: 'ok',
      filters: { status: query.statuses, type: query.types, limit: query.limit },
      summary: toQueueSummaryView(options.getSummary()),
      count: tasks.length,
      tasks: tasks.map(toTaskView),
    };
  });

  app.get('/tasks/dead-letter', async (request, reply) => {
    const parsed = parseTaskQuery(request.query, {
      defaultLimit: 200,
      allowedStatuses: ['dead_letter'],
      knownTypes: options.taskTypes,
    });
    if (!parsed.ok) return badRequest(reply, parsed.problems);
    const query = { ...parsed.value, statuses: ['dead_letter'] as const };
    const tasks = tasksMatching(query, query.limit).slice(0, query.limit);
    const summary = options.getSummary();
    // The summary counts every dead letter, not just the page returned.
    const count =
      query.types.length === 0
        ? summary.total.dead_letter
        : query.types.reduce((sum, type) => sum + (summary.byType[type]?.dead_letter ?? 0), 0);
    return {
      status: 'ok',
      filters: { type: query.types, status: query.statuses, limit: query.limit },
      count,
      tasks: tasks.map(toTaskView),
    };
  });

  app.post('/tasks/retry', { preHandler: guard }, async (request, reply) => {
    const parsed = parseTaskQuery(request.query, {
      defaultLimit: 20,
      allowedStatuses: retryableStatuses,
      knownTypes: options.taskTypes,
    });
    if (!parsed.ok) return badRequest(reply, parsed.problems);
    const query = {
      ...parsed.value,
      statuses: parsed.value.statuses.length === 0 ? retryableStatuses : parsed.value.statuses,
    };
    const matched = tasksMatching(query, SCAN_LIMIT);
    const retried: Task[] = [];
    const skipped: { task_id: number; reason: string }[] = [];
    for (const task of matched.slice(0, query.limit)) {
      try {
        retried.push(options.requeueTask(task.id));
      } catch (error) {
        // A worker may have claimed the task since it was listed; the rest of the batch still runs.
        if (!(error instanceof AppError)) throw error;
        skipped.push({ task_id: task.id, reason: error.message });
      }
    }
    request.log.info({ matched: matched.length, retried: retried.length }, 'Bulk task retry');
    return {
      status: 'ok',
      filters: { type: query.types, status: [...query.statuses].sort(), limit: query.limit },
      matched: matched.length,
      retried: retried.map(toTaskView),
      skipped,
    };
  });

  app.post('/tasks/:id/retry', { preHandler: guard }, async (request, reply) => {
    const params = TaskIdParams.safeParse(request.params);
    if (!params.success) return badRequest(reply, describeIssues(params.error));
    const id = Number(params.data.id);
    return requeueReply(reply, id, options.requeueTask, {
      log: request.log,
      message: 'Task retried by an operator',
    });
  });
}

/** One listing call per (status, type) pair, merged and sorted as spec §3.7 orders cross-queue lists. */
function collectTasks(
  listTasks: AdminRoutesOptions['listTasks'],
  query: TaskQuery,
  perCallLimit: number,
): Task[] {
  const statuses = query.statuses.length === 0 ? [undefined] : query.statuses;
  const types = query.types.length === 0 ? [undefined] : query.types;
  const byId = new Map<number, Task>();
  for (const status of statuses) {
    for (const type of types) {
      for (const task of listTasks({ status, type, limit: perCallLimit })) byId.set(task.id, task);
    }
  }
  return [...byId.values()].sort(
    (a, b) =>
      statusRank[a.status] - statusRank[b.status] ||
      priorityRank[a.priority] - priorityRank[b.priority] ||
      a.availableAt - b.availableAt ||
      a.createdAt - b.createdAt ||
      a.id - b.id,
  );
}

function badRequest(reply: FastifyReply, problems: readonly string[]): FastifyReply {
  return reply.status(400).send({
    error: 'ADMIN_REQUEST_INVALID',
    message: `The request was refused and nothing was changed: ${problems.join('; ')}`,
    problems,
  });
}

// SNAPSHOT_INVALID lists its problems as "- ..." lines after a one-line preamble.
function snapshotProblems(message: string): readonly string[] {
  return message
    .split('\n')
    .filter((line) => line.startsWith('- '))
    .map((line) => line.slice(2));
}

function sourceOf(event: EventLogEntry): string | undefined {
  const source = event.data?.['source'];
  return typeof source === 'string' ? source : undefined;
}
