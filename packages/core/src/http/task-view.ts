import type { JsonObject, JsonValue } from '../store/json-column.js';
import type { Task, TaskPriority, TaskStatus } from '../store/task.js';
import { toIsoSeconds } from '../time/clock.js';

/** A task as the admin API shows it: the spec's snake_case field names, times as ISO-8601 UTC. */
export interface TaskView {
  readonly task_id: number;
  readonly task_type: string;
  readonly status: TaskStatus;
  readonly priority: TaskPriority;
  readonly source: string;
  readonly dedupe_key: string;
  readonly target_key: string | null;
  readonly attempt_count: number;
  readonly max_attempts: number;
  readonly permanent_failure: boolean;
  readonly available_at: string;
  readonly created_at: string;
  readonly updated_at: string;
  readonly last_started_at: string | null;
  readonly last_finished_at: string | null;
  readonly lease_owner: string | null;
  readonly locked_until: string | null;
  readonly last_error: string | null;
  readonly result: JsonValue | null;
  readonly payload: JsonObject;
}

/** Serializes a task for JSON responses (spec §3.6 field names where they apply to the port's task). */
export function toTaskView(task: Task): TaskView {
  return {
    task_id: task.id,
    task_type: task.type,
    status: task.status,
    priority: task.priority,
    source: task.source,
    dedupe_key: task.dedupeKey,
    target_key: task.targetKey,
    attempt_count: task.attemptCount,
    max_attempts: task.maxAttempts,
    permanent_failure: task.permanentFailure,
    available_at: toIsoSeconds(task.availableAt),
    created_at: toIsoSeconds(task.createdAt),
    updated_at: toIsoSeconds(task.updatedAt),
    last_started_at: isoOrNull(task.lastStartedAt),
    last_finished_at: isoOrNull(task.lastFinishedAt),
    lease_owner: task.leaseOwner,
    locked_until: isoOrNull(task.lockedUntil),
    last_error: task.lastError,
    result: task.result,
    payload: task.payload,
  };
}

function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : toIsoSeconds(ms);
}
