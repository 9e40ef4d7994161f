import type { TaskStatus } from '@patchloop/core';
import {
  AppError,
  createSystemClock,
  createTaskQueue,
  IllegalTransitionError,
  taskStatuses,
  toTaskView,
} from '@patchloop/core';
import type { Output } from '../../output.js';
import type { AdminHttp } from '../state/admin-http.js';
import { describeRefusal, isRecord } from '../state/admin-http.js';
import type { DaemonAccess, DaemonAccessOptions } from '../state/daemon-access.js';
import { resolveDaemonAccess } from '../state/daemon-access.js';
import type { TaskEntry } from './task-entry.js';
import { formatTaskLine, newestFirst, toTaskEntries } from './task-entry.js';

/** Options of `patchloop tasks list|retry|requeue [--daemon review|code]`. */
export interface TasksCommandOptions extends DaemonAccessOptions {
  readonly action: 'list' | 'retry' | 'requeue';
  /** The task to put back to queued (`retry`/`requeue`). */
  readonly taskId?: number | undefined;
  /** `--status`: list only tasks in this status. */
  readonly status?: string | undefined;
  /** `--json`: print the task list as the daemon's JSON task views. */
  readonly json?: boolean | undefined;
  readonly output: Output;
}

// The admin API's largest page (spec §3.8); the file listing matches it.
const LIST_LIMIT = 200;
// The coding daemon serves one task list and one retry route per queue.
const codeQueues = ['issue', 'pr', 'source'] as const;

/**
 * `patchloop tasks`: lists or requeues tasks through the running daemon's admin API, or straight in
 * its state database when it is stopped. Returns the exit code: 0 done, 1 refused or failed, 2 misuse.
 */
export async function runTasksCommand(options: TasksCommandOptions): Promise<number> {
  const { output } = options;
  const status = options.status;
  if (status !== undefined && !isTaskStatus(status)) {
    output.err(`Unknown task status "${status}"; use one of ${taskStatuses.join(', ')}.`);
    return 2;
  }
  if (options.action !== 'list' && !isTaskId(options.taskId)) {
    output.err(`patchloop tasks ${options.action} needs the id of the task, a positive whole number.`);
    return 2;
  }
  try {
    const access = await resolveDaemonAccess(options);
    if (options.action === 'list') {
      const entries = newestFirst(await listTasks(access, options.daemon, status), LIST_LIMIT);
      if (options.json === true) output.out(JSON.stringify(entries, null, 2));
      else if (entries.length === 0) output.out('No tasks.');
      else for (const entry of entries) output.out(formatTaskLine(entry));
      return 0;
    }
    const taskId = options.taskId ?? 0;
    const result = await requeueTask(access, options.daemon, taskId);
    if (!result.ok) {
      output.err(result.message);
      return 1;
    }
    output.out(`Task #${taskId} (${result.entry.task_type}) is queued again with a fresh attempt budget.`);
    return 0;
  } catch (error) {
    if (error instanceof AppError) {
      output.err(error.message);
      return 1;
    }
    throw error;
  }
}

async function listTasks(
  access: DaemonAccess,
  daemon: TasksCommandOptions['daemon'],
  status: TaskStatus | undefined,
): Promise<TaskEntry[]> {
  const query = `?limit=${LIST_LIMIT}${status === undefined ? '' : `&status=${status}`}`;
  if (access.kind === 'http') {
    const paths = daemon === 'review' ? ['/tasks'] : codeQueues.map((queue) => `/tasks/${queue}`);
    const lists = await Promise.all(paths.map((path) => fetchTaskList(access.http, `${path}${query}`)));
    return lists.flat();
  }
  const state = access.open({ create: false });
  try {
    const queue = createTaskQueue({ db: state.db, clock: createSystemClock() });
    const tasks = queue.list({ status, limit: LIST_LIMIT }).map(toTaskView);
    return toTaskEntries(tasks, access.databasePath);
  } finally {
    state.close();
  }
}

async function fetchTaskList(http: AdminHttp, path: string): Promise<TaskEntry[]> {
  const response = await http.request('GET', path);
  if (response.status !== 200) throw new AppError('ADMIN_CALL_FAILED', describeRefusal(response));
  const tasks = isRecord(response.body) ? response.body['tasks'] : undefined;
  return toTaskEntries(tasks, `GET ${http.baseUrl}${path}`);
}

type RequeueResult =
  | { readonly ok: true; readonly entry: TaskEntry }
  | { readonly ok: false; readonly message: string };

async function requeueTask(
  access: DaemonAccess,
  daemon: TasksCommandOptions['daemon'],
  id: number,
): Promise<RequeueResult> {
  if (access.kind === 'http') {
    // Each queue's route answers 404 for another queue's task, so trying them in turn is harmless.
    const paths =
      daemon === 'review' ? [`/tasks/${id}/retry`] : codeQueues.map((q) => `/tasks/${q}/${id}/retry`);
    for (const path of paths) {
      const response = await access.http.request('POST', path);
      if (response.status === 404) continue;
      if (response.status !== 200) return { ok: false, message: describeRefusal(response) };
      const task = isRecord(response.body) ? response.body['task'] : undefined;
      const [entry] = toTaskEntries([task], `POST ${access.http.baseUrl}${path}`);
      if (entry !== undefined) return { ok: true, entry };
    }
    return { ok: false, message: `There is no task #${id} in the ${daemon} daemon.` };
  }
  const state = access.open({ create: false });
  try {
    const queue = createTaskQueue({ db: state.db, clock: createSystemClock() });
    const task = queue.requeue(id);
    const [entry] = toTaskEntries([toTaskView(task)], access.databasePath);
    return entry === undefined ? { ok: false, message: `Task #${id} vanished.` } : { ok: true, entry };
  } catch (error) {
    if (error instanceof IllegalTransitionError) {
      return {
        ok: false,
        message: `Task #${id} is ${error.from}; only retry_waiting and dead_letter tasks can be requeued.`,
      };
    }
    if (error instanceof AppError && error.code === 'TASK_NOT_FOUND') {
      return { ok: false, message: `There is no task #${id} in ${access.databasePath}.` };
    }
    throw error;
  } finally {
    state.close();
  }
}

function isTaskStatus(value: string): value is TaskStatus {
  return (taskStatuses as readonly string[]).includes(value);
}

function isTaskId(value: number | undefined): value is number {
  return value !== undefined && Number.isInteger(value) && value > 0;
}
