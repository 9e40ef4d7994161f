import type {
  AdminGuardOptions,
  EventLevel,
  EventLogRepository,
  HttpServer,
  JsonObject,
  Task,
  TaskQueue,
  TaskStatus,
} from '@patchloop/core';
import { createAdminGuard } from '@patchloop/core';
import type { Scheduler } from '../scheduler/scheduler.js';
import { allTaskStatuses, listQueueTasks, retryQueueTask } from './queue-task-operations.js';
import type { TaskRouteQueryRules } from './task-route-query.js';
import { parseListLimit, parsePositiveInteger, parseTaskRouteQuery } from './task-route-query.js';
import type { AutocodeQueueName, AutocodeQueueSummaryView, AutocodeTaskView } from './task-views.js';
import {
  autocodeQueueNames,
  compareAcrossQueues,
  compareInQueue,
  createSupersededLookup,
  queueSummaryView,
  queueTaskTypes,
  toAutocodeTaskView,
  toTriagedTaskView,
} from './task-views.js';

/** What `POST /issues/:n/implement` did (spec §3.12); a refusal carries its HTTP status. */
export type ImplementOutcome =
  | { readonly ok: true; readonly created: boolean; readonly resumed: boolean; readonly task: Task }
  | { readonly ok: false; readonly status: 400 | 404 | 409; readonly message: string };

/** What `POST /pulls/:n/recheck` did (spec §3.13); `task` is null when no repair was queued. */
export type RecheckOutcome =
  | { readonly ok: true; readonly summary: string; readonly task: Task | null }
  | { readonly ok: false; readonly status: 400 | 404 | 409; readonly message: string };

/** Everything the autocode task routes need, passed in explicitly. */
export interface AutocodeAdminRoutesOptions {
  /** ADMIN_TOKEN handling; every POST goes through the guard. */
  readonly admin: AdminGuardOptions;
  readonly queue: Pick<TaskQueue, 'list' | 'get' | 'requeue' | 'summary'>;
  readonly scheduler: Pick<Scheduler, 'retry'>;
  implementIssue(issueNumber: number): Promise<ImplementOutcome>;
  recheckPullRequest(pullNumber: number): Promise<RecheckOutcome>;
  /** Where operator actions are recorded for `/logs/events`; omitted, they are only logged. */
  readonly events?: Pick<EventLogRepository, 'append'> | undefined;
}

// autocode does not depend on fastify itself; the guard's signature carries the reply type.
type Reply = Parameters<ReturnType<typeof createAdminGuard>>[1];
/** A Fastify plugin (registered with `app.register(plugin, options)`) typed without importing fastify. */
type RoutePlugin<Options> = (app: HttpServer, options: Options) => Promise<void>;

const retryableStatuses: readonly TaskStatus[] = ['retry_waiting', 'dead_letter'];
const activeStatuses: readonly TaskStatus[] = ['queued', 'running', 'retry_waiting'];
const summaryKeys = [
  'total',
  'queued',
  'running',
  'retry_waiting',
  'dead_letter',
  'dead_letter_action_required',
  'dead_letter_superseded',
  'problem',
] as const;
const LIST_LIMIT = 200;
const RETRY_LIMIT = 20;

/**
 * autocode's task surface in the original's shapes (spec §3.7-3.13): cross-queue and per-queue task
 * lists with dead-letter triage, single and batch retries, scheduler cycle retry, manual implement
 * and PR recheck. Validation errors answer 400 `{ detail }`; every POST needs the admin guard.
 */
export const autocodeAdminRoutes: RoutePlugin<AutocodeAdminRoutesOptions> = async (app, options) => {
  const { queue } = options;
  const guard = createAdminGuard(options.admin);
  const record = (category: string, level: EventLevel, message: string, data: JsonObject): void => {
    options.events?.append({ category, level, message, data: { source: 'api', ...data } });
  };
  const retryOne = (name: AutocodeQueueName, id: number) => {
    const result = retryQueueTask(queue, name, id);
    if (result.ok && result.previousStatus !== 'queued') {
      const command = toAutocodeTaskView(result.task).command;
      record(`${name}_task_queue_recovery`, 'info', `Task ${id} retried by an operator`, {
        task_id: id,
        previous_status: result.previousStatus,
        command,
      });
    }
    return result;
  };

  app.get('/tasks', async (request, reply) => {
    const limit = parseListLimit(request.query, LIST_LIMIT);
    if (!limit.ok) return refuse(reply, 400, limit.detail);
    const byType = queue.summary().byType;
    const summarize = (name: AutocodeQueueName, tasks: readonly Task[]): AutocodeQueueSummaryView =>
      queueSummaryView(tasks, byType[queueTaskTypes[name]]);
    const tasksOf = {
      issue: listQueueTasks(queue, 'issue'),
      pr: listQueueTasks(queue, 'pr'),
      source: listQueueTasks(queue, 'source'),
    } as const;
    const queues: Record<AutocodeQueueName, AutocodeQueueSummaryView> = {
      issue: summarize('issue', tasksOf.issue),
      pr: summarize('pr', tasksOf.pr),
      source: summarize('source', tasksOf.source),
    };
    const all = autocodeQueueNames.flatMap((name) => tasksOf[name]);
    const superseded = createSupersededLookup(all);
    const listed = (keep: (task: Task) => boolean) =>
      all
        .filter(keep)
        .sort(compareAcrossQueues)
        .slice(0, limit.value)
        .map((task) => toTriagedTaskView(task, superseded));
    return {
      status: 'ok',
      filters: { limit: limit.value },
      summary: {
        queues: autocodeQueueNames.length,
        ...Object.fromEntries(
          summaryKeys.map((key) => [
            key,
            autocodeQueueNames.reduce((sum, name) => sum + queues[name][key], 0),
          ]),
        ),
      },
      queues,
      active_tasks: listed((task) => activeStatuses.includes(task.status)),
      problem_tasks: listed(
        (task) =>
          task.status === 'retry_waiting' ||
          (task.status === 'dead_letter' && superseded(task) === undefined),
      ),
    };
  });

  app.get('/tasks/dead-letter', async (request, reply) => {
    const parsed = parseTaskRouteQuery(request.query, {
      statuses: ['dead_letter'],
      defaultLimit: LIST_LIMIT,
      queueFilter: true,
      supersededFilter: true,
    });
    if (!parsed.ok) return refuse(reply, 400, parsed.detail);
    const query = parsed.value;
    const deadLetters = query.queues.flatMap((name) => listQueueTasks(queue, name, ['dead_letter']));
    // Supersession is judged against the same queue's done tasks, whatever the page shows.
    const superseded = createSupersededLookup(
      query.queues.flatMap((name) => listQueueTasks(queue, name, ['done'])),
    );
    const supersededCount = deadLetters.filter((task) => superseded(task) !== undefined).length;
    const matching = deadLetters
      .filter((task) => query.includeSuperseded || superseded(task) === undefined)
      .sort(compareAcrossQueues);
    return {
      status: 'ok',
      filters: {
        queue: query.queues,
        status: ['dead_letter'],
        limit: query.limit,
        include_superseded: query.includeSuperseded,
      },
      count: matching.length,
      action_required_count: deadLetters.length - supersededCount,
      superseded_count: supersededCount,
      tasks: matching.slice(0, query.limit).map((task) => toTriagedTaskView(task, superseded)),
    };
  });

  app.post('/tasks/retry', { preHandler: guard }, async (request, reply) => {
    const parsed = parseTaskRouteQuery(request.query, {
      statuses: retryableStatuses,
      defaultLimit: RETRY_LIMIT,
      queueFilter: true,
    });
    if (!parsed.ok) return refuse(reply, 400, parsed.detail);
    const query = parsed.value;
    const matched = query.queues
      .flatMap((name) => listQueueTasks(queue, name, query.statuses).map((task) => ({ name, task })))
      .sort((a, b) => compareAcrossQueues(a.task, b.task));
    const retried: { queue: AutocodeQueueName; task: AutocodeTaskView }[] = [];
    const skipped: { queue: AutocodeQueueName; task_id: number; detail: string }[] = [];
    for (const { name, task } of matched.slice(0, query.limit)) {
      const result = retryOne(name, task.id);
      // A worker may have claimed the task since it was listed; the rest of the batch still runs.
      if (result.ok) retried.push({ queue: name, task: toAutocodeTaskView(result.task) });
      else skipped.push({ queue: name, task_id: task.id, detail: result.detail });
    }
    const statuses = [...query.statuses].sort();
    record('task_operations', 'info', `Batch retry requeued ${retried.length} of ${matched.length} tasks`, {
      queues: [...query.queues],
      statuses,
      matched: matched.length,
      retried: retried.length,
      limit: query.limit,
    });
    return {
      status: 'ok',
      filters: { queue: query.queues, status: statuses, limit: query.limit },
      matched: matched.length,
      retried,
      skipped,
    };
  });

  const perQueueRules: TaskRouteQueryRules = { statuses: allTaskStatuses, defaultLimit: LIST_LIMIT };
  for (const name of autocodeQueueNames) {
    app.get(`/tasks/${name}`, async (request, reply) => {
      const parsed = parseTaskRouteQuery(request.query, perQueueRules);
      if (!parsed.ok) return refuse(reply, 400, parsed.detail);
      const tasks = listQueueTasks(queue, name, parsed.value.statuses).sort(compareInQueue);
      return { status: 'ok', tasks: tasks.slice(0, parsed.value.limit).map(toAutocodeTaskView) };
    });

    app.post<{ Params: { id: string } }>(
      `/tasks/${name}/:id/retry`,
      { preHandler: guard },
      async (request, reply) => {
        const id = parsePositiveInteger(request.params.id);
        if (id === undefined) return refuse(reply, 400, 'Task id must be a positive integer');
        const result = retryOne(name, id);
        if (!result.ok) return refuse(reply, result.status, result.detail);
        return { status: 'ok', task: toAutocodeTaskView(result.task) };
      },
    );
  }

  app.post<{ Params: { name: string } }>(
    '/scheduler/tasks/:name/retry',
    { preHandler: guard },
    async (request, reply) => {
      const result = options.scheduler.retry(request.params.name);
      if (!result.ok) return refuse(reply, result.status, result.message);
      record('scheduler_recovery', 'info', `Scheduler cycle ${result.cycle.name} retried by an operator`, {
        task_name: result.cycle.name,
        previous_status: result.previousStatus,
        next_run_at: result.cycle.next_run_at,
      });
      return { status: 'ok', task: result.cycle };
    },
  );

  app.post<{ Params: { number: string } }>(
    '/issues/:number/implement',
    { preHandler: guard },
    async (request, reply) => {
      const issueNumber = parsePositiveInteger(request.params.number);
      if (issueNumber === undefined) return refuse(reply, 400, 'Issue number must be a positive integer');
      const outcome = await options.implementIssue(issueNumber);
      if (!outcome.ok) return refuse(reply, outcome.status, outcome.message);
      record('issue_task_queue', 'info', `Issue #${issueNumber} approved for implementation`, {
        issue_number: issueNumber,
        task_id: outcome.task.id,
        created: outcome.created,
        resumed: outcome.resumed,
      });
      return {
        status: 'ok',
        created: outcome.created,
        resumed: outcome.resumed,
        task: toAutocodeTaskView(outcome.task),
      };
    },
  );

  app.post<{ Params: { number: string } }>(
    '/pulls/:number/recheck',
    { preHandler: guard },
    async (request, reply) => {
      const pullNumber = parsePositiveInteger(request.params.number);
      if (pullNumber === undefined)
        return refuse(reply, 400, 'Pull request number must be a positive integer');
      const outcome = await options.recheckPullRequest(pullNumber);
      if (!outcome.ok) return refuse(reply, outcome.status, outcome.message);
      record('pr_task_queue', 'info', `Pull request #${pullNumber} rechecked by an operator`, {
        pr_number: pullNumber,
        task_id: outcome.task?.id ?? null,
        summary: outcome.summary,
      });
      return {
        status: 'ok',
        summary: outcome.summary,
        task: outcome.task === null ? null : toAutocodeTaskView(outcome.task),
      };
    },
  );
};

function refuse(reply: Reply, status: number, detail: string): Reply {
  return reply.status(status).send({ detail });
}
