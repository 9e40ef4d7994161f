import { IllegalTransitionError } from '../errors/app-error.js';
import type { TaskStatus } from '../store/task.js';

/** Everything that can happen to a task; each event moves it along one edge of the lifecycle. */
export const taskEvents = ['claim', 'succeed', 'retry', 'defer', 'bury', 'recover', 'requeue'] as const;
/** One lifecycle event. */
export type TaskEvent = (typeof taskEvents)[number];

/**
 * THE task state machine. Missing entries are forbidden transitions. `queue/README.md` shows the
 * same table as a diagram, and a test keeps the two identical.
 */
export const transitions = {
  queued: { claim: 'running' },
  running: {
    succeed: 'done',
    retry: 'retry_waiting',
    // Deferral waits like a retry but gives its attempt back (see task-queue.ts).
    defer: 'retry_waiting',
    bury: 'dead_letter',
    // The lease expired: the worker crashed or hung, so another worker may take the task.
    recover: 'queued',
  },
  retry_waiting: { claim: 'running', requeue: 'queued' },
  dead_letter: { requeue: 'queued' },
  done: {},
} as const satisfies Record<TaskStatus, Partial<Record<TaskEvent, TaskStatus>>>;

/** The status after `event`; throws IllegalTransitionError when the lifecycle forbids it. */
export function nextStatus(status: TaskStatus, event: TaskEvent): TaskStatus {
  const row: Partial<Record<TaskEvent, TaskStatus>> = transitions[status];
  const next = row[event];
  if (next === undefined) throw new IllegalTransitionError(status, event);
  return next;
}
