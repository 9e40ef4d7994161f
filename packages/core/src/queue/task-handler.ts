import type { JsonValue } from '../store/json-column.js';
import type { Task } from '../store/task.js';

/** What a handler reports; the worker maps each kind to one lifecycle event. */
export type TaskOutcome =
  | { readonly kind: 'done'; readonly result?: JsonValue | undefined }
  | { readonly kind: 'retry'; readonly reason: string; readonly delayMs?: number | undefined }
  /** Not now, and not the task's fault (e.g. a capacity limit): no attempt is used up. */
  | { readonly kind: 'defer'; readonly reason: string; readonly until: number }
  | { readonly kind: 'dead_letter'; readonly reason: string; readonly permanent?: boolean | undefined };

/** What a running handler gets besides its task. */
export interface TaskHandlerContext {
  /** Aborted when the worker stops (after its grace period) or loses the lease. */
  readonly signal: AbortSignal;
  /** Extends the lease now; false means the lease is lost and the handler should stop. */
  heartbeat(): boolean;
}

/** Runs one task type. Expected failures are returned as outcomes; throws go through retry-policy. */
export type TaskHandler = (task: Task, context: TaskHandlerContext) => Promise<TaskOutcome>;
