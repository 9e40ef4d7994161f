import type { EnqueueRequest } from '@patchloop/core';

// The narrow slices of the review store the poll cycle needs. store/ implements them; tests
// pass in-memory fakes, so the poll rules are specified without SQLite.

/** The four poll cursors, each the `since` of one listing. */
export type ReviewCursorName = 'issue' | 'pull_request' | 'issue_comment' | 'review_comment';

/** Poll cursors: ISO-8601 UTC strings that only ever move forward. */
export interface ReviewCursors {
  /** The cursor; a fresh store answers the bootstrap baseline (now − POLL_BACKFILL_HOURS). */
  get(name: ReviewCursorName): string;
  /** Moves the cursor to `at − overlapMs`, only when that is strictly later than the stored value. */
  advance(name: ReviewCursorName, at: string, overlapMs: number): void;
}

/** Bounds of a tracked-PR selection: at most `limit` PRs active within `maxAgeMs`. */
export interface TrackedSelection {
  readonly limit: number;
  readonly maxAgeMs: number;
}

/** What a completed review-submission scan of one PR observed. */
export interface ReviewScanRecord {
  readonly number: number;
  readonly scannedAt: string;
  /** The newest review timestamp seen, `null` when the PR has no reviews; never moves the cutoff back. */
  readonly newestReviewAt: string | null;
}

/** The tracked pull requests the poll cycle revisits. */
export interface TrackedPullRequests {
  /** Tracked PRs never reviewed or whose seen head differs from the reviewed head (spec §4.4). */
  pendingPrNumbersForPolling(selection: TrackedSelection): readonly number[];
  /** Tracked PRs whose review submissions are due for a scan, least recently scanned first. */
  prNumbersForReviewPolling(selection: TrackedSelection): readonly number[];
  /** Reviews at or before this time were already seen; `null` when nothing is known. */
  prReviewPollingCutoff(number: number): string | null;
  recordReviewScan(record: ReviewScanRecord): void;
  /** A 404 on the review listing; three in a row exclude the PR from the scans. */
  markPrUnreachable(number: number): void;
  clearPrUnreachable(number: number): void;
}

/** Hands one request to the durable queue; a throw counts as a failed item for the cursor. */
export type EnqueueTask = (request: EnqueueRequest) => unknown;
