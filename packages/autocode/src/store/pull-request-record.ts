import { z } from 'zod';
import { parseStoredJson, parseStoredValue } from './stored-json.js';

/** Why a pull request is tracked: PatchLoop's branch prefix, or an author on the allowlist. */
export const trackedPullRequestSources = ['autocode_branch', 'author_allowlist'] as const;
/** One of {@link trackedPullRequestSources}. */
export type TrackedPullRequestSource = (typeof trackedPullRequestSources)[number];

/** The overall review state of a pull request, from each reviewer's latest review. */
export const pullRequestReviewStates = ['changes_requested', 'approved', 'commented', 'pending'] as const;
/** One of {@link pullRequestReviewStates}. */
export type PullRequestReviewState = (typeof pullRequestReviewStates)[number];

/** Where feedback handling stopped: the newest GitHub time handled and the item ids seen at it. */
export interface StoredFeedbackCursor {
  /** GitHub ISO-8601 time. */
  readonly at: string;
  readonly ids: readonly string[];
}

/** A pull request PatchLoop opened or tracks, as recorded in `autocode_pull_requests`. */
export interface PullRequestRecord {
  readonly number: number;
  /** The issue the pull request implements, when known. */
  readonly issueNumber: number | null;
  readonly branch: string;
  readonly base: string;
  /** The live head as last seen. */
  readonly headSha: string | null;
  readonly url: string | null;
  /** `open` or `closed` (GitHub's state as last seen). */
  readonly status: string;
  /** Our clock, epoch ms, when the pull request was first recorded. */
  readonly openedAt: number | null;
  readonly updatedAt: number;
  readonly author: string | null;
  /** Null until a tracking scan has seen the pull request. */
  readonly source: TrackedPullRequestSource | null;
  readonly reviewState: PullRequestReviewState | null;
  readonly lastSummary: string | null;
  /** Repair rounds spent (pushes and failed attempts) since the last reset. */
  readonly repairCount: number;
  readonly feedbackCursor: StoredFeedbackCursor | null;
  readonly repairPaused: boolean;
  readonly pauseReason: string | null;
  readonly pausedAt: number | null;
  /** The last head PatchLoop pushed or adopted; a different live head means someone else pushed. */
  readonly knownHeadSha: string | null;
  readonly handedBackAt: number | null;
  /** The stop code the pull request was handed back to people with. */
  readonly handbackCode: string | null;
  readonly rebaseFailedHeadSha: string | null;
  readonly rebaseFailedAt: number | null;
  readonly rebaseFailure: string | null;
  /** The head whose base-branch check failures were already reported. */
  readonly baseFailureReportedSha: string | null;
  /** GitHub's `updated_at` of the pull request when last tracked. */
  readonly prUpdatedAt: string | null;
}

/** A raw `autocode_pull_requests` row. */
export interface PullRequestRow {
  number: number;
  issue_number: number | null;
  branch: string;
  base: string;
  head_sha: string | null;
  url: string | null;
  status: string;
  opened_at: number | null;
  updated_at: number;
  author: string | null;
  source: string | null;
  review_state: string | null;
  last_summary: string | null;
  repair_count: number;
  feedback_cursor_at: string | null;
  feedback_cursor_ids: string | null;
  repair_paused: number;
  pause_reason: string | null;
  paused_at: number | null;
  known_head_sha: string | null;
  handed_back_at: number | null;
  handback_code: string | null;
  rebase_failed_head_sha: string | null;
  rebase_failed_at: number | null;
  rebase_failure: string | null;
  base_failure_reported_sha: string | null;
  pr_updated_at: string | null;
}

/** Every column of `autocode_pull_requests`, in table order. */
export const pullRequestColumns =
  'number, issue_number, branch, base, head_sha, url, status, opened_at, updated_at, author, source, ' +
  'review_state, last_summary, repair_count, feedback_cursor_at, feedback_cursor_ids, repair_paused, ' +
  'pause_reason, paused_at, known_head_sha, handed_back_at, handback_code, rebase_failed_head_sha, ' +
  'rebase_failed_at, rebase_failure, base_failure_reported_sha, pr_updated_at';

const TABLE = 'autocode_pull_requests';
const Source = z.enum(trackedPullRequestSources).nullable();
const ReviewState = z.enum(pullRequestReviewStates).nullable();
const CursorIds = z.array(z.string());

/** Maps a row to its record; an unknown source or review state, or unreadable cursor ids, fail loudly. */
export function toPullRequestRecord(row: PullRequestRow): PullRequestRecord {
  const where = (column: string) => ({ table: TABLE, column, key: row.number });
  return {
    number: row.number,
    issueNumber: row.issue_number,
    branch: row.branch,
    base: row.base,
    headSha: row.head_sha,
    url: row.url,
    status: row.status,
    openedAt: row.opened_at,
    updatedAt: row.updated_at,
    author: row.author,
    source: parseStoredValue(Source, row.source, where('source')),
    reviewState: parseStoredValue(ReviewState, row.review_state, where('review_state')),
    lastSummary: row.last_summary,
    repairCount: row.repair_count,
    // A cursor time without its ids would re-handle items already handled, so that fails loudly too.
    feedbackCursor:
      row.feedback_cursor_at === null
        ? null
        : {
            at: row.feedback_cursor_at,
            ids: parseStoredJson(CursorIds, row.feedback_cursor_ids ?? 'null', where('feedback_cursor_ids')),
          },
    repairPaused: row.repair_paused === 1,
    pauseReason: row.pause_reason,
    pausedAt: row.paused_at,
    knownHeadSha: row.known_head_sha,
    handedBackAt: row.handed_back_at,
    handbackCode: row.handback_code,
    rebaseFailedHeadSha: row.rebase_failed_head_sha,
    rebaseFailedAt: row.rebase_failed_at,
    rebaseFailure: row.rebase_failure,
    baseFailureReportedSha: row.base_failure_reported_sha,
    prUpdatedAt: row.pr_updated_at,
  };
}
