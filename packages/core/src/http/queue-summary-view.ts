import type { QueueSummary } from '../queue/task-queue.js';
import type { TaskStatus } from '../store/task.js';

/** Counts for one task type (or all): one key per status, plus `total` and `problem`. */
export interface StatusCountsView {
  readonly total: number;
  readonly queued: number;
  readonly running: number;
  readonly retry_waiting: number;
  readonly dead_letter: number;
  readonly done: number;
  /** Tasks that need an operator's eye: `retry_waiting + dead_letter` (spec §3.5). */
  readonly problem: number;
}

/** The queue summary object of `/tasks` and `/observability`: overall counts plus counts per task type. */
export interface QueueSummaryView extends StatusCountsView {
  readonly by_type: Readonly<Record<string, StatusCountsView>>;
}

/** Maps the queue's counts to the JSON shape the HTTP surface serves. */
export function toQueueSummaryView(summary: QueueSummary): QueueSummaryView {
  return {
    ...countsView(summary.total),
    by_type: Object.fromEntries(
      Object.entries(summary.byType).map(([type, counts]) => [type, countsView(counts)]),
    ),
  };
}

function countsView(counts: Readonly<Record<TaskStatus, number>>): StatusCountsView {
  const { queued, running, retry_waiting, dead_letter, done } = counts;
  return {
    total: queued + running + retry_waiting + dead_letter + done,
    queued,
    running,
    retry_waiting,
    dead_letter,
    done,
    problem: retry_waiting + dead_letter,
  };
}
