import type { Clock, PullRequest } from '@patchloop/core';
import type { CiStatus } from '../context/ci-status.js';
import { summarizeCi } from '../context/ci-status.js';
import type { PullRequestDiscussion } from '../context/load-pull-request-context.js';
import { ciFailureFingerprint, pullRequestReviewKey } from '../store/review-keys.js';
import type { TrackedPullRequestRepository } from '../store/tracked-pull-request-repository.js';

/** Why a review is being written. */
export type ReviewMode = 'initial' | 'follow_up' | 'ci_failure';

/** What the review rules read. */
export interface PlanReviewDeps {
  readonly trackedPullRequests: Pick<
    TrackedPullRequestRepository,
    'get' | 'isPrReviewProcessed' | 'isPrHeadStable'
  >;
  /** A re-review waits until the head has been stable this long (PR_HEAD_STABILIZE_SECONDS). */
  readonly headStabilizeMs: number;
  /** How long to wait before looking again at checks that are still running. */
  readonly ciRecheckMs: number;
  readonly clock: Clock;
}

/** What to do with a pull request now: nothing, wait (no attempt used), or write one review. */
export type ReviewPlan =
  | { readonly kind: 'skip'; readonly reason: string }
  | { readonly kind: 'wait'; readonly reason: string; readonly until: number }
  | {
      readonly kind: 'review';
      readonly key: string;
      readonly aliasKeys: readonly string[];
      readonly mode: ReviewMode;
    };

/**
 * The review rules (spec §5.5): a first review waits for non-draft PRs with settled checks (or unanswered
 * discussion); a pushed head waits for the stability window; then new external discussion, then a
 * definitive CI failure on the reviewed head, each get one follow-up.
 */
export function planReview(
  deps: PlanReviewDeps,
  pull: PullRequest,
  ci: CiStatus,
  discussion: PullRequestDiscussion,
): ReviewPlan {
  const keyOf = (fingerprint?: string): string =>
    pullRequestReviewKey({
      headSha: pull.headSha,
      title: pull.title,
      body: pull.body,
      baseRef: pull.baseRef,
      discussionFingerprint: fingerprint,
    });
  const processed = (key: string): boolean => deps.trackedPullRequests.isPrReviewProcessed(pull.number, key);
  const initialKey = keyOf();
  const latest = discussion.latestActivity;
  const latestKey = latest ? keyOf(latest.fingerprint) : undefined;
  const record = deps.trackedPullRequests.get(pull.number);
  const reviewedHead = record?.lastProcessedHeadSha ?? null;
  const failedDefinitively = ci.finalized && ci.state === 'failure';
  // Someone asked something that was not answered yet: worth reviewing before CI settles. Read from
  // the discussion itself, not from the trigger, so merged or reordered triggers cannot hide it.
  const unansweredDiscussion = latestKey !== undefined && !processed(latestKey);
  const ciFailureKey = (): string =>
    keyOf(ciFailureFingerprint({ headSha: pull.headSha, ciSummary: summarizeCi(ci.details) }));
  const ciGate = (): ReviewPlan | undefined =>
    ci.ready || failedDefinitively || unansweredDiscussion
      ? undefined
      : { kind: 'wait', reason: `checks are ${ci.state}`, until: deps.clock.now() + deps.ciRecheckMs };

  if (reviewedHead === null || reviewedHead !== pull.headSha) {
    if (reviewedHead === null && pull.draft) return { kind: 'skip', reason: 'draft pull request' };
    if (
      reviewedHead !== null &&
      !deps.trackedPullRequests.isPrHeadStable(pull.number, pull.headSha, deps.headStabilizeMs)
    ) {
      const firstSeen = deps.trackedPullRequests.get(pull.number)?.headShaFirstSeenAt ?? deps.clock.now();
      return {
        kind: 'wait',
        reason: 'the new head is not stable yet',
        until: firstSeen + deps.headStabilizeMs,
      };
    }
    const gate = ciGate();
    if (gate !== undefined) return gate;
    if (processed(initialKey)) return { kind: 'skip', reason: 'this head is already reviewed' };
    // Existing discussion, and a CI failure this review already sees, are recorded as answered so
    // neither triggers an immediate follow-up.
    const aliasKeys = [latestKey, failedDefinitively ? ciFailureKey() : undefined].filter(
      (key): key is string => key !== undefined,
    );
    return { kind: 'review', key: initialKey, aliasKeys, mode: 'initial' };
  }

  if (latestKey !== undefined && !processed(latestKey)) {
    return { kind: 'review', key: latestKey, aliasKeys: [], mode: 'follow_up' };
  }
  if (failedDefinitively && !processed(ciFailureKey())) {
    return { kind: 'review', key: ciFailureKey(), aliasKeys: [], mode: 'ci_failure' };
  }
  if (checksStillRunning(ci)) {
    return {
      kind: 'wait',
      reason: 'reviewed; waiting for running checks',
      until: deps.clock.now() + deps.ciRecheckMs,
    };
  }
  return { kind: 'skip', reason: 'reviewed, and nothing new since' };
}

/** Checks exist and some still run: the CI verdict may yet change. */
export function checksStillRunning(ci: CiStatus): boolean {
  return ci.hasChecks && !ci.finalized;
}
