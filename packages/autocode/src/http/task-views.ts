import type { Task, TaskStatus, TaskView } from '@patchloop/core';
import { toIsoSeconds, toTaskView } from '@patchloop/core';

/** The three queues of the original's admin API, in their canonical order. */
export const autocodeQueueNames = ['issue', 'pr', 'source'] as const;
/** A queue name as the admin API spells it (`?queue=issue,pr`). */
export type AutocodeQueueName = (typeof autocodeQueueNames)[number];

/** Queue name → the task type the queue holds. */
export const queueTaskTypes: Readonly<Record<AutocodeQueueName, string>> = {
  issue: 'issue_execution',
  pr: 'pr_feedback_repair',
  source: 'source_issue_create',
};

/** The queue a task type belongs to, or undefined for a type autocode does not queue. */
export function queueOfTaskType(type: string): AutocodeQueueName | undefined {
  return autocodeQueueNames.find((queue) => queueTaskTypes[queue] === type);
}

/** Core's task view plus the fields of the original's task serialization (spec §3.6). */
export interface AutocodeTaskView extends TaskView {
  /** The issue or pull request number from the target key; 0 for source tasks. */
  readonly target_number: number;
  readonly command: string;
  readonly result_summary: string | null;
  readonly queue: AutocodeQueueName | null;
}

/** A task view with the dead-letter triage of spec §3.6 (only dead letters carry these fields). */
export interface TriagedTaskView extends AutocodeTaskView {
  readonly superseded?: boolean;
  readonly action_required?: boolean;
  readonly superseded_by_task_id?: number;
  readonly superseded_by_result_summary?: string | null;
  readonly superseded_by_updated_at?: string;
}

/** The queue summary object of `/tasks`, `/health` and `/observability` (spec §3.5). */
export interface AutocodeQueueSummaryView {
  readonly total: number;
  readonly queued: number;
  readonly running: number;
  readonly retry_waiting: number;
  readonly dead_letter: number;
  readonly dead_letter_action_required: number;
  readonly dead_letter_superseded: number;
  /** `retry_waiting + dead_letter_action_required`: what needs an operator's eye. */
  readonly problem: number;
  /** The last 10 tasks in list order, triaged. */
  readonly tasks: readonly TriagedTaskView[];
}

const statusRank: Readonly<Record<TaskStatus, number>> = {
  running: 0,
  queued: 1,
  retry_waiting: 2,
  dead_letter: 3,
  done: 4,
};
const priorityRank = { urgent: 0, normal: 1, background: 2 } as const;
const SUMMARY_TASKS = 10;

/** Serializes a task with `target_number`, `command`, `result_summary` and `queue`. */
export function toAutocodeTaskView(task: Task): AutocodeTaskView {
  const command = task.payload['command'];
  return {
    ...toTaskView(task),
    target_number: targetNumberOf(task),
    command: typeof command === 'string' ? command : '',
    result_summary: resultSummaryOf(task),
    queue: queueOfTaskType(task.type) ?? null,
  };
}

/** Finds the task that superseded a dead letter, or undefined when it still needs action. */
export type SupersededLookup = (task: Task) => Task | undefined;

/**
 * Indexes `candidates` for the superseded rule of spec §3.6: a dead letter with a target number is
 * moot when a `done` task of the same type and target finished strictly later; the newest such
 * task is reported. Source tasks (no number) are never superseded.
 */
export function createSupersededLookup(candidates: readonly Task[]): SupersededLookup {
  const latestDone = new Map<string, Task>();
  for (const candidate of candidates) {
    if (candidate.status !== 'done' || targetNumberOf(candidate) <= 0) continue;
    const key = `${candidate.type} ${candidate.targetKey}`;
    const latest = latestDone.get(key);
    if (latest === undefined || finishedAt(candidate) > finishedAt(latest)) latestDone.set(key, candidate);
  }
  return (task) => {
    if (task.status !== 'dead_letter' || targetNumberOf(task) <= 0) return undefined;
    const latest = latestDone.get(`${task.type} ${task.targetKey}`);
    return latest !== undefined && finishedAt(latest) > finishedAt(task) ? latest : undefined;
  };
}

/** Serializes a task and, for a dead letter, says whether a later success superseded it. */
export function toTriagedTaskView(task: Task, superseded: SupersededLookup): TriagedTaskView {
  const view = toAutocodeTaskView(task);
  if (task.status !== 'dead_letter') return view;
  const by = superseded(task);
  if (by === undefined) return { ...view, superseded: false, action_required: true };
  return {
    ...view,
    superseded: true,
    action_required: false,
    superseded_by_task_id: by.id,
    superseded_by_result_summary: resultSummaryOf(by),
    superseded_by_updated_at: toIsoSeconds(by.updatedAt),
  };
}

/**
 * Summarizes one queue from its tasks. `counts` (exact, from `TaskQueue.summary()`) wins over
 * counting `tasks`, which a caller may have collected with a limit.
 */
export function queueSummaryView(
  tasks: readonly Task[],
  counts?: Readonly<Record<TaskStatus, number>>,
): AutocodeQueueSummaryView {
  const count = (status: TaskStatus): number =>
    counts?.[status] ?? tasks.filter((task) => task.status === status).length;
  const lookup = createSupersededLookup(tasks);
  const superseded = tasks.filter((task) => lookup(task) !== undefined).length;
  const deadLetter = count('dead_letter');
  const retryWaiting = count('retry_waiting');
  const actionRequired = Math.max(0, deadLetter - superseded);
  const total = counts === undefined ? tasks.length : Object.values(counts).reduce((sum, n) => sum + n, 0);
  return {
    total,
    queued: count('queued'),
    running: count('running'),
    retry_waiting: retryWaiting,
    dead_letter: deadLetter,
    dead_letter_action_required: actionRequired,
    dead_letter_superseded: superseded,
    problem: retryWaiting + actionRequired,
    tasks: [...tasks]
      .sort(compareInQueue)
      .slice(-SUMMARY_TASKS)
      .map((task) => toTriagedTaskView(task, lookup)),
  };
}

/** The order of one queue's listing: priority, then due time, age and id (spec §3.5). */
export function compareInQueue(a: Task, b: Task): number {
  return (
    priorityRank[a.priority] - priorityRank[b.priority] ||
    a.availableAt - b.availableAt ||
    a.createdAt - b.createdAt ||
    a.id - b.id
  );
}

/** The order of cross-queue listings: running, queued, retry_waiting, dead_letter, then queue order (§3.7). */
export function compareAcrossQueues(a: Task, b: Task): number {
  return statusRank[a.status] - statusRank[b.status] || compareInQueue(a, b);
}

function targetNumberOf(task: Task): number {
  const match = /^[a-z_]+:(\d+)$/.exec(task.targetKey ?? '');
  return match?.[1] === undefined ? 0 : Number(match[1]);
}

function resultSummaryOf(task: Task): string | null {
  const { result } = task;
  if (typeof result === 'string') return result;
  if (typeof result === 'object' && result !== null && !Array.isArray(result)) {
    const summary = result['summary'];
    if (typeof summary === 'string') return summary;
  }
  return null;
}

// The original fell back through updated/available/created when a task had no finish time.
function finishedAt(task: Task): number {
  return task.lastFinishedAt ?? task.updatedAt;
}
