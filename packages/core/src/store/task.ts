import type { JsonObject, JsonValue } from './json-column.js';

/** Every status a task can be in; the transitions between them live in queue/task-lifecycle.ts. */
export const taskStatuses = ['queued', 'running', 'retry_waiting', 'done', 'dead_letter'] as const;
/** A task status, identical in the database and in code. */
export type TaskStatus = (typeof taskStatuses)[number];

/** Claim order from most to least urgent. */
export const taskPriorities = ['urgent', 'normal', 'background'] as const;
/** How urgently a task should be claimed relative to others that are due. */
export type TaskPriority = (typeof taskPriorities)[number];

/** One unit of queued work, as stored in the `tasks` table. Times are epoch milliseconds. */
export interface Task {
  readonly id: number;
  readonly type: string;
  /** Unique per type: a second delivery of the same event maps to the same key and is dropped. */
  readonly dedupeKey: string;
  /** What the task works on (`issue:12`, `pr:5`); tasks of one type never run concurrently per target. */
  readonly targetKey: string | null;
  readonly status: TaskStatus;
  readonly priority: TaskPriority;
  readonly payload: JsonObject;
  readonly source: string;
  /** Claims that counted as attempts (a deferral gives its attempt back). */
  readonly attemptCount: number;
  readonly maxAttempts: number;
  /** Not claimed before this time. */
  readonly availableAt: number;
  readonly leaseOwner: string | null;
  /** A running task whose lease passed this time is presumed abandoned and recovered. */
  readonly lockedUntil: number | null;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly lastStartedAt: number | null;
  readonly lastFinishedAt: number | null;
  readonly lastError: string | null;
  readonly result: JsonValue | null;
  /** Set when the failure can never succeed by retrying; blocks revival by enqueue. */
  readonly permanentFailure: boolean;
}

const priorityRank: Readonly<Record<TaskPriority, number>> = { urgent: 0, normal: 1, background: 2 };

/** The more urgent of two priorities; a merged request never loses urgency. */
export function higherPriority(a: TaskPriority, b: TaskPriority): TaskPriority {
  return priorityRank[a] <= priorityRank[b] ? a : b;
}
