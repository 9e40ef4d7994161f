import { AppError } from '@patchloop/core';
import { z } from 'zod';
import { latestGitHubTime } from './github-time.js';
import { parseKeyList } from './key-history.js';
import type { PullRequestReviewMetadata } from './review-keys.js';

/**
 * What openreview remembers about one pull request (spec §4.2 `pull_requests`). GitHub's times
 * stay ISO strings; times from our clock are epoch ms. `null` means "never happened".
 */
export interface TrackedPullRequest {
  readonly number: number;
  readonly createdAt: string | null;
  readonly updatedAt: string | null;
  readonly lastSeenHeadSha: string | null;
  readonly lastSeenCiState: string | null;
  readonly lastSeenAt: number | null;
  /** When the current head was first observed: the anchor of the re-review debounce. */
  readonly headShaFirstSeenAt: number | null;
  readonly lastProcessedHeadSha: string | null;
  readonly lastProcessedReviewKey: string | null;
  /** Most recent review keys (primary + aliases), oldest first, at most 32. */
  readonly processedReviewKeys: readonly string[];
  /** The PR's `updated_at` when its last review was posted. */
  readonly lastProcessedUpdatedAt: string | null;
  readonly lastProcessedAt: number | null;
  readonly lastProcessedSource: string | null;
  readonly lastProcessedReviewMetadata: PullRequestReviewMetadata | null;
  /** Newest review submission a completed scan saw; reviews at or before it are old news. */
  readonly lastReviewSubmissionCursorAt: string | null;
  readonly lastReviewScanAt: number | null;
  readonly lastBlockedHeadSha: string | null;
  readonly lastBlockedAt: number | null;
  readonly lastBlockedReason: string | null;
  readonly lastBlockedSource: string | null;
  readonly lastBlockedNotifiedHeadSha: string | null;
  readonly lastBlockedNotifiedReason: string | null;
  readonly lastBlockedNotifiedAt: number | null;
  /** Consecutive 404s of the review listing; at `unreachableLimit` the PR leaves the scans. */
  readonly unreachableCount: number;
  readonly unreachableAt: number | null;
}

/** Consecutive 404s after which a PR is no longer scanned or re-fetched. */
export const unreachableLimit = 3;

/** The table the tracked pull requests live in. */
export const trackedPullRequestTable = 'review_tracked_pull_requests';

/** The row as SQLite returns it. */
export interface TrackedPullRequestRow {
  number: number;
  created_at: string | null;
  updated_at: string | null;
  last_seen_head_sha: string | null;
  last_seen_ci_state: string | null;
  last_seen_at: number | null;
  head_sha_first_seen_at: number | null;
  last_processed_head_sha: string | null;
  last_processed_review_key: string | null;
  processed_review_keys: string;
  last_processed_updated_at: string | null;
  last_processed_at: number | null;
  last_processed_source: string | null;
  last_processed_review_metadata: string | null;
  last_review_submission_cursor_at: string | null;
  last_review_scan_at: number | null;
  last_blocked_head_sha: string | null;
  last_blocked_at: number | null;
  last_blocked_reason: string | null;
  last_blocked_source: string | null;
  last_blocked_notified_head_sha: string | null;
  last_blocked_notified_reason: string | null;
  last_blocked_notified_at: number | null;
  unreachable_count: number;
  unreachable_at: number | null;
}

/** The review metadata JSON column. */
export const ReviewMetadataColumn = z.strictObject({
  baseRef: z.string(),
  titleHash: z.string(),
  bodyHash: z.string(),
  discussionHash: z.string(),
  digest: z.string(),
});

/** A pull request nobody has observed yet: the starting point of every first write. */
export function untrackedPullRequest(number: number): TrackedPullRequest {
  return {
    number,
    createdAt: null,
    updatedAt: null,
    lastSeenHeadSha: null,
    lastSeenCiState: null,
    lastSeenAt: null,
    headShaFirstSeenAt: null,
    lastProcessedHeadSha: null,
    lastProcessedReviewKey: null,
    processedReviewKeys: [],
    lastProcessedUpdatedAt: null,
    lastProcessedAt: null,
    lastProcessedSource: null,
    lastProcessedReviewMetadata: null,
    lastReviewSubmissionCursorAt: null,
    lastReviewScanAt: null,
    lastBlockedHeadSha: null,
    lastBlockedAt: null,
    lastBlockedReason: null,
    lastBlockedSource: null,
    lastBlockedNotifiedHeadSha: null,
    lastBlockedNotifiedReason: null,
    lastBlockedNotifiedAt: null,
    unreachableCount: 0,
    unreachableAt: null,
  };
}

/**
 * Latest source activity of a PR (spec §4.4): the newest of its GitHub times, compared as
 * instants. Selections filter and order on it, so it is stored alongside the row.
 */
export function pullRequestActivityAt(pr: TrackedPullRequest): number | null {
  return latestGitHubTime([
    pr.updatedAt,
    pr.createdAt,
    pr.lastProcessedUpdatedAt,
    pr.lastReviewSubmissionCursorAt,
  ]);
}

/** Maps a row to the domain record, validating the JSON columns. */
export function toTrackedPullRequest(row: TrackedPullRequestRow): TrackedPullRequest {
  return {
    number: row.number,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastSeenHeadSha: row.last_seen_head_sha,
    lastSeenCiState: row.last_seen_ci_state,
    lastSeenAt: row.last_seen_at,
    headShaFirstSeenAt: row.head_sha_first_seen_at,
    lastProcessedHeadSha: row.last_processed_head_sha,
    lastProcessedReviewKey: row.last_processed_review_key,
    processedReviewKeys: parseKeyList(row.processed_review_keys, {
      table: trackedPullRequestTable,
      number: row.number,
    }),
    lastProcessedUpdatedAt: row.last_processed_updated_at,
    lastProcessedAt: row.last_processed_at,
    lastProcessedSource: row.last_processed_source,
    lastProcessedReviewMetadata: parseMetadata(row),
    lastReviewSubmissionCursorAt: row.last_review_submission_cursor_at,
    lastReviewScanAt: row.last_review_scan_at,
    lastBlockedHeadSha: row.last_blocked_head_sha,
    lastBlockedAt: row.last_blocked_at,
    lastBlockedReason: row.last_blocked_reason,
    lastBlockedSource: row.last_blocked_source,
    lastBlockedNotifiedHeadSha: row.last_blocked_notified_head_sha,
    lastBlockedNotifiedReason: row.last_blocked_notified_reason,
    lastBlockedNotifiedAt: row.last_blocked_notified_at,
    unreachableCount: row.unreachable_count,
    unreachableAt: row.unreachable_at,
  };
}

/** Maps the domain record back to named statement parameters (plus the derived `activity_at`). */
export function toTrackedPullRequestParams(pr: TrackedPullRequest): Record<string, unknown> {
  return {
    number: pr.number,
    created_at: pr.createdAt,
    updated_at: pr.updatedAt,
    last_seen_head_sha: pr.lastSeenHeadSha,
    last_seen_ci_state: pr.lastSeenCiState,
    last_seen_at: pr.lastSeenAt,
    head_sha_first_seen_at: pr.headShaFirstSeenAt,
    last_processed_head_sha: pr.lastProcessedHeadSha,
    last_processed_review_key: pr.lastProcessedReviewKey,
    processed_review_keys: JSON.stringify(pr.processedReviewKeys),
    last_processed_updated_at: pr.lastProcessedUpdatedAt,
    last_processed_at: pr.lastProcessedAt,
    last_processed_source: pr.lastProcessedSource,
    last_processed_review_metadata:
      pr.lastProcessedReviewMetadata === null ? null : JSON.stringify(pr.lastProcessedReviewMetadata),
    last_review_submission_cursor_at: pr.lastReviewSubmissionCursorAt,
    last_review_scan_at: pr.lastReviewScanAt,
    last_blocked_head_sha: pr.lastBlockedHeadSha,
    last_blocked_at: pr.lastBlockedAt,
    last_blocked_reason: pr.lastBlockedReason,
    last_blocked_source: pr.lastBlockedSource,
    last_blocked_notified_head_sha: pr.lastBlockedNotifiedHeadSha,
    last_blocked_notified_reason: pr.lastBlockedNotifiedReason,
    last_blocked_notified_at: pr.lastBlockedNotifiedAt,
    unreachable_count: pr.unreachableCount,
    unreachable_at: pr.unreachableAt,
    activity_at: pullRequestActivityAt(pr),
  };
}

function parseMetadata(row: TrackedPullRequestRow): PullRequestReviewMetadata | null {
  if (row.last_processed_review_metadata === null) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(row.last_processed_review_metadata);
  } catch (error) {
    throw invalidMetadata(row.number, error);
  }
  const parsed = ReviewMetadataColumn.safeParse(raw);
  if (!parsed.success) throw invalidMetadata(row.number, parsed.error);
  return parsed.data;
}

function invalidMetadata(number: number, cause: unknown): AppError {
  return new AppError(
    'STORE_ROW_INVALID',
    `The review metadata of ${trackedPullRequestTable} row ${number} is not valid. ` +
      'Restore the row from a snapshot or set the column to NULL.',
    { cause },
  );
}
