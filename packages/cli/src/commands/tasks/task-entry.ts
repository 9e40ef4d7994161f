import { AppError } from '@patchloop/core';

/** The fields of a task view (`GET /tasks`, `toTaskView`) the command prints; the rest ride along. */
export interface TaskEntry {
  readonly task_id: number;
  readonly task_type: string;
  readonly status: string;
  readonly attempt_count: number;
  readonly max_attempts: number;
  readonly target_key: string | null;
  readonly last_error: string | null;
  readonly [field: string]: unknown;
}

const ERROR_WIDTH = 80;

/**
 * Checks that a daemon's task list holds the fields the command relies on; the entries are kept
 * whole so `--json` prints exactly what the daemon sent.
 */
export function toTaskEntries(value: unknown, source: string): TaskEntry[] {
  if (!Array.isArray(value)) {
    throw new AppError('ADMIN_CALL_FAILED', `${source} did not answer with a task list.`);
  }
  return value.map((item, index) => {
    if (!isTaskEntry(item)) {
      throw new AppError('ADMIN_CALL_FAILED', `${source}: task ${index} lacks task_id, task_type or status.`);
    }
    return item;
  });
}

/** Newest first by id (ids grow with creation), at most `limit`. */
export function newestFirst(entries: readonly TaskEntry[], limit: number): TaskEntry[] {
  return [...entries].sort((a, b) => b.task_id - a.task_id).slice(0, limit);
}

/** One list line: id, type, status, attempts, target and the last error cut to 80 characters. */
export function formatTaskLine(entry: TaskEntry): string {
  return [
    `#${entry.task_id}`.padEnd(7),
    entry.task_type.padEnd(22),
    entry.status.padEnd(13),
    `${entry.attempt_count}/${entry.max_attempts}`.padEnd(6),
    (entry.target_key ?? '-').padEnd(14),
    cut(entry.last_error),
  ]
    .join(' ')
    .trimEnd();
}

function cut(error: string | null): string {
  if (error === null) return '';
  // Errors can span lines (stderr tails); one line per task keeps the list greppable.
  const flat = error.replace(/\s+/g, ' ').trim();
  return flat.length <= ERROR_WIDTH ? flat : `${flat.slice(0, ERROR_WIDTH - 1)}…`;
}

function isTaskEntry(value: unknown): value is TaskEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return (
    typeof entry['task_id'] === 'number' &&
    typeof entry['task_type'] === 'string' &&
    typeof entry['status'] === 'string' &&
    typeof entry['attempt_count'] === 'number' &&
    typeof entry['max_attempts'] === 'number' &&
    (typeof entry['target_key'] === 'string' || entry['target_key'] === null) &&
    (typeof entry['last_error'] === 'string' || entry['last_error'] === null)
  );
}
