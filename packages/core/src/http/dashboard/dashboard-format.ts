import type { JsonValue } from '../../store/json-column.js';
import type { Task } from '../../store/task.js';

const htmlEscapes: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and quoted attributes; task errors and events are untrusted. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => htmlEscapes[character] ?? character);
}

/** A compact duration such as `3d 4h`, `2h 5m`, `4m 10s` or `12s`; negative spans read as `0s`. */
export function formatDuration(ms: number): string {
  const totalSeconds = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(totalSeconds / 86_400);
  const hours = Math.floor((totalSeconds % 86_400) / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (days > 0) return `${days}d ${hours}h`;
  if (hours > 0) return `${hours}h ${minutes}m`;
  if (minutes > 0) return `${minutes}m ${seconds}s`;
  return `${seconds}s`;
}

const MAX_OUTCOME_LENGTH = 160;

/**
 * One line saying how a task ended or why it waits: its last error when it failed, else the
 * `summary`/`outcome`/`status` of its result, else the result as JSON, cut to a table cell's length.
 */
export function describeOutcome(task: Task): string {
  const failed = task.status === 'dead_letter' || task.status === 'retry_waiting';
  const text = failed && task.lastError !== null ? task.lastError : resultSummary(task.result);
  return truncate(text ?? task.lastError ?? '', MAX_OUTCOME_LENGTH);
}

/** Cuts `text` to `max` characters, marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function resultSummary(result: JsonValue | null): string | undefined {
  if (result === null) return undefined;
  if (typeof result === 'string') return result;
  if (typeof result === 'object' && !Array.isArray(result)) {
    for (const key of ['summary', 'outcome', 'status']) {
      const value = result[key];
      if (typeof value === 'string') return value;
    }
  }
  return JSON.stringify(result);
}
