import type { Clock, Database } from '@patchloop/core';
import { trackedPullRequestTable, unreachableLimit } from './tracked-pull-request.js';

/** Bounds of a tracked-PR selection: at most `limit` PRs whose activity is within `maxAgeMs`. */
export interface TrackedPullRequestSelection {
  readonly limit: number;
  readonly maxAgeMs: number;
}

/** The two batches the poll cycle revisits each round (spec §4.4). */
export interface TrackedPullRequestSelector {
  /** Reachable PRs, active within the age, never reviewed or observed on an unreviewed head. */
  pending(selection: TrackedPullRequestSelection): readonly number[];
  /** Reachable PRs, active within the age, not scanned since their last activity; fair rotation. */
  dueForReviewScan(selection: TrackedPullRequestSelection): readonly number[];
}

const TABLE = trackedPullRequestTable;
// `activity_at` is the newest GitHub time of the row as a parsed instant, kept by the repository,
// so the age filter and the ordering never compare ISO strings (weakness 26).
const REACHABLE_AND_RECENT = `unreachable_count < ${unreachableLimit} AND activity_at IS NOT NULL AND activity_at >= @since`;

/** Prepares the selection queries over the tracked-PR table. */
export function createTrackedPullRequestSelector({
  db,
  clock,
}: {
  readonly db: Database;
  readonly clock: Clock;
}): TrackedPullRequestSelector {
  const pending = db.prepare<[Record<string, unknown>], { number: number }>(
    `SELECT number FROM ${TABLE} WHERE ${REACHABLE_AND_RECENT}
       AND (last_processed_head_sha IS NULL OR last_seen_head_sha IS NOT last_processed_head_sha)
     ORDER BY activity_at DESC, number DESC LIMIT @limit`,
  );
  // Never-scanned first, then least recently scanned: batches rotate fairly across cycles.
  const dueForReviewScan = db.prepare<[Record<string, unknown>], { number: number }>(
    `SELECT number FROM ${TABLE} WHERE ${REACHABLE_AND_RECENT}
       AND (last_review_scan_at IS NULL OR last_review_scan_at < activity_at)
     ORDER BY last_review_scan_at IS NOT NULL, last_review_scan_at, activity_at DESC, number DESC
     LIMIT @limit`,
  );
  const select = (statement: typeof pending, selection: TrackedPullRequestSelection): readonly number[] =>
    selection.limit < 1
      ? []
      : statement
          .all({ since: clock.now() - selection.maxAgeMs, limit: Math.floor(selection.limit) })
          .map((row) => row.number);

  return {
    pending: (selection) => select(pending, selection),
    dueForReviewScan: (selection) => select(dueForReviewScan, selection),
  };
}
