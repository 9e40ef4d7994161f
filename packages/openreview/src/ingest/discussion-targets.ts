import type { GitHubReader, IssueComment, Logger, PullRequest, Review, ReviewComment } from '@patchloop/core';
import { AppError } from '@patchloop/core';
import type { ActivitySignal } from '../tasks/review-tasks.js';
import {
  activitySignal,
  hasSlashCommand,
  type IgnoreRules,
  ignoredActivityReason,
} from './activity-rules.js';
import { instant } from './cursor-window.js';
import type { TrackedPullRequests, TrackedSelection } from './poll-ports.js';

/** The newest external activity on one issue or PR, and which listing found it. */
export interface DiscussionTarget {
  readonly number: number;
  readonly activity: ActivitySignal;
  /** `issue_comment` targets may be issues or PRs; the other two are always PRs. */
  readonly origin: 'issue_comment' | 'review_comment' | 'review';
}

/** A finished review-submission scan, recorded once its target is safely queued. */
export interface CompletedReviewScan {
  readonly number: number;
  readonly newestReviewAt: string | null;
  /** The PR's `updated_at` when scanned; a PR whose `updated_at` has not moved is not rescanned. */
  readonly pullUpdatedAt: string;
}

/** Keeps one target per number, the newer one winning (spec §3.1 A.4). */
export function mergeTarget(targets: Map<number, DiscussionTarget>, target: DiscussionTarget): void {
  const current = targets.get(target.number);
  if (current === undefined || instant(target.activity.at) > instant(current.activity.at)) {
    targets.set(target.number, target);
  }
}

/** Phase A.1: the conversation comments of a repository listing, minus ignored ones and slash commands. */
export function issueCommentTargets(
  comments: readonly IssueComment[],
  rules: IgnoreRules,
): DiscussionTarget[] {
  return comments
    .filter((comment) => ignoredActivityReason(authorOf(comment), comment.body, rules) === null)
    .filter((comment) => !hasSlashCommand(comment.body))
    .filter((comment) => comment.issueNumber > 0)
    .map((comment) => ({
      number: comment.issueNumber,
      origin: 'issue_comment',
      activity: activitySignal({
        kind: 'issue_comment',
        id: comment.id,
        at: comment.updatedAt,
        author: comment.author.login,
        body: comment.body,
      }),
    }));
}

/** Phase A.2: inline review comments (slash commands are not filtered here, as in the original). */
export function reviewCommentTargets(
  comments: readonly ReviewComment[],
  rules: IgnoreRules,
): DiscussionTarget[] {
  return comments
    .filter((comment) => ignoredActivityReason(authorOf(comment), comment.body, rules) === null)
    .filter((comment) => comment.body.trim() !== '' && comment.pullRequestNumber > 0)
    .map((comment) => ({
      number: comment.pullRequestNumber,
      origin: 'review_comment',
      activity: activitySignal({
        kind: 'review_comment',
        id: comment.id,
        at: comment.updatedAt,
        author: comment.author.login,
        body: comment.body,
      }),
    }));
}

/** Dependencies of the per-PR review-submission scan. */
export interface ReviewScanDeps {
  readonly reader: Pick<GitHubReader, 'listReviews'>;
  readonly tracked: TrackedPullRequests;
  readonly rules: IgnoreRules;
  readonly selection: TrackedSelection;
  readonly logger: Logger;
  /** Open PRs listed this cycle; only these are scanned (closed PRs get no follow-ups). */
  readonly openPulls: ReadonlyMap<number, PullRequest>;
  /** `updated_at` of each PR at its last scan by this process. */
  readonly scannedVersions: ReadonlyMap<number, string>;
}

/**
 * Phase A.3: GitHub has no repository-wide review listing, so tracked PRs are scanned one by one.
 * A review bumps the PR's `updated_at`, so a PR whose `updated_at` has not moved since its last
 * scan is skipped: an idle cycle costs no request here, however many PRs are tracked.
 */
export async function scanReviewSubmissions(
  deps: ReviewScanDeps,
): Promise<{ targets: DiscussionTarget[]; scans: CompletedReviewScan[] }> {
  const targets: DiscussionTarget[] = [];
  const scans: CompletedReviewScan[] = [];
  for (const number of deps.tracked.prNumbersForReviewPolling(deps.selection)) {
    const pull = deps.openPulls.get(number);
    if (pull === undefined || deps.scannedVersions.get(number) === pull.updatedAt) continue;
    const reviews = await listReviewsOf(deps, number);
    if (reviews === undefined) continue;
    const cutoff = deps.tracked.prReviewPollingCutoff(number);
    const target = newestExternalReview(number, reviews, cutoff, deps.rules);
    if (target !== undefined) targets.push(target);
    scans.push({ number, newestReviewAt: newestReviewTime(reviews), pullUpdatedAt: pull.updatedAt });
  }
  return { targets, scans };
}

async function listReviewsOf(deps: ReviewScanDeps, number: number): Promise<readonly Review[] | undefined> {
  try {
    const reviews = await deps.reader.listReviews(number);
    deps.tracked.clearPrUnreachable(number);
    return reviews;
  } catch (error) {
    if (error instanceof AppError && error.code === 'GITHUB_NOT_FOUND') {
      deps.tracked.markPrUnreachable(number);
      deps.logger.warn({ pullNumber: number }, 'Review listing of a tracked pull request answered 404');
    } else {
      deps.logger.warn({ pullNumber: number, err: error }, 'Review listing of a tracked pull request failed');
    }
    return undefined;
  }
}

function newestExternalReview(
  number: number,
  reviews: readonly Review[],
  cutoff: string | null,
  rules: IgnoreRules,
): DiscussionTarget | undefined {
  let best: DiscussionTarget | undefined;
  for (const review of reviews) {
    const at = review.submittedAt;
    if (at === null || (cutoff !== null && instant(at) <= instant(cutoff))) continue;
    if (review.body.trim() === '' || ignoredActivityReason(authorOf(review), review.body, rules) !== null)
      continue;
    const candidate: DiscussionTarget = {
      number,
      origin: 'review',
      activity: activitySignal({
        kind: 'review',
        id: review.id,
        at,
        author: review.author.login,
        body: review.body,
      }),
    };
    if (best === undefined || instant(at) > instant(best.activity.at)) best = candidate;
  }
  return best;
}

function newestReviewTime(reviews: readonly Review[]): string | null {
  let newest: string | null = null;
  for (const review of reviews) {
    const at = review.submittedAt;
    if (at !== null && (newest === null || instant(at) > instant(newest))) newest = at;
  }
  return newest;
}

function authorOf(item: { readonly author: { readonly login: string; readonly type: string } }) {
  return { login: item.author.login, type: item.author.type };
}
