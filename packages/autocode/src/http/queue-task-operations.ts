import type { Task, TaskQueue, TaskStatus } from '@patchloop/core';
import { AppError, IllegalTransitionError } from '@patchloop/core';
import type { AutocodeQueueName } from './task-views.js';
import { queueTaskTypes } from './task-views.js';

// A Record keeps this list complete when core adds a status.
const statusSet: Readonly<Record<TaskStatus, true>> = {
  queued: true,
  running: true,
  retry_waiting: true,
  dead_letter: true,
  done: true,
};
/** Every task status, in lifecycle order. */
export const allTaskStatuses = Object.keys(statusSet) as readonly TaskStatus[];

/**
 * Rows read per (queue, status) listing call. Listing per status keeps a long tail of `done` tasks
 * from crowding out the active ones and the dead letters an operator is looking for.
 */
export const queueScanLimit = 1000;

/** The tasks of one queue in the given statuses (newest `queueScanLimit` per status). */
export function listQueueTasks(
  queue: Pick<TaskQueue, 'list'>,
  name: AutocodeQueueName,
  statuses: readonly TaskStatus[] = allTaskStatuses,
): Task[] {
  const type = queueTaskTypes[name];
  return statuses.flatMap((status) => queue.list({ type, status, limit: queueScanLimit }));
}

/** What an operator's retry of one task did, shaped for the HTTP answer (spec §3.10). */
export type TaskRetryResult =
  | { readonly ok: true; readonly task: Task; readonly previousStatus: TaskStatus }
  | { readonly ok: false; readonly status: 404 | 409; readonly detail: string };

const queueLabels: Readonly<Record<AutocodeQueueName, string>> = {
  issue: 'issue',
  pr: 'PR',
  source: 'source',
};

/**
 * Puts a task of queue `name` back to `queued` with a fresh attempt budget. An id of another queue's
 * task is as unknown as a missing one (404); a running task is refused (409). A task that is already
 * queued is returned unchanged; a `done` task cannot be retried (the lifecycle forbids it), so the
 * operator re-triggers the work instead.
 */
export function retryQueueTask(
  queue: Pick<TaskQueue, 'get' | 'requeue'>,
  name: AutocodeQueueName,
  id: number,
): TaskRetryResult {
  const label = queueLabels[name];
  const unknown = { ok: false, status: 404, detail: `Unknown ${label} task: ${id}` } as const;
  const task = queue.get(id);
  if (task === undefined || task.type !== queueTaskTypes[name]) return unknown;
  switch (task.status) {
    case 'queued':
      return { ok: true, task, previousStatus: 'queued' };
    case 'running':
      return {
        ok: false,
        status: 409,
        detail: `${capitalize(label)} task ${id} is running; retry it once it ends`,
      };
    case 'done':
      return {
        ok: false,
        status: 409,
        detail: `${capitalize(label)} task ${id} is done; trigger the work again instead of retrying it`,
      };
    case 'retry_waiting':
    case 'dead_letter':
      break;
    default:
      return assertNever(task.status);
  }
  try {
    return { ok: true, task: queue.requeue(id), previousStatus: task.status };
  } catch (error) {
    // A worker claimed the task between the read and the requeue.
    if (error instanceof IllegalTransitionError) {
      return {
        ok: false,
        status: 409,
        detail: `${capitalize(label)} task ${id} is ${error.from}; retry it later`,
      };
    }
    if (error instanceof AppError && error.code === 'TASK_NOT_FOUND') return unknown;
    throw error;
  }
}

function capitalize(label: string): string {
  return label === 'PR' ? label : `${label.charAt(0).toUpperCase()}${label.slice(1)}`;
}

function assertNever(value: never): never {
  throw new AppError('INTERNAL_INVARIANT', `Unexpected task status ${String(value)}.`);
}
