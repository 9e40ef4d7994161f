import type {
  GitHubCommentWriter,
  GitHubReader,
  Logger,
  PullRequest,
  TaskHandler,
  TaskOutcome,
} from '@patchloop/core';
import { AppError, ensureIssueComment, ensureReview, hasMarker, renderMarker } from '@patchloop/core';
import type { CiStatus } from '../context/ci-status.js';
import { aggregateCiStatus } from '../context/ci-status.js';
import type { PullRequestContextDeps, PullRequestDiscussion } from '../context/load-pull-request-context.js';
import { loadPullRequestDiscussion } from '../context/load-pull-request-context.js';
import { isBotAccount } from '../ingest/activity-rules.js';
import { buildBlockedNotice } from '../publish/blocked-notice.js';
import { pullRequestReviewMetadata } from '../store/review-keys.js';
import type { TrackedPullRequestRepository } from '../store/tracked-pull-request-repository.js';
import { ReviewPullRequestPayload } from '../tasks/review-tasks.js';
import type { Answer } from './answer.js';
import type { PlanReviewDeps, ReviewMode } from './plan-review.js';
import { checksStillRunning, planReview } from './plan-review.js';
import { dryRunResult, skipped } from './task-results.js';

/** What the review pipeline gets for one pull request. */
export interface PullRequestQuestion {
  readonly pull: PullRequest;
  readonly ci: CiStatus;
  readonly discussion: PullRequestDiscussion;
  readonly mode: ReviewMode;
  readonly signal: AbortSignal;
}

/** Dependencies of the `review_pull_request` handler. */
export interface ReviewPullRequestTaskDeps extends PlanReviewDeps {
  readonly reader: PullRequestContextDeps['reader'] &
    Pick<GitHubReader, 'getPullRequest' | 'listCheckRuns' | 'getCombinedStatus'>;
  /** Reviews, plus issue comments for the "review skipped" notice. */
  readonly writer: Pick<GitHubCommentWriter, 'getAuthenticatedUser' | 'createReview' | 'createIssueComment'>;
  readonly trackedPullRequests: Pick<
    TrackedPullRequestRepository,
    | 'get'
    | 'markPrSeen'
    | 'isPrReviewProcessed'
    | 'isPrHeadStable'
    | 'markPrProcessed'
    | 'shouldNotifyPrBlocked'
    | 'recordPrBlocked'
  >;
  /** GITHUB_NOTIFY_LOGIN: who the blocked notice mentions. */
  readonly notifyLogin: string | undefined;
  /** Minimum gap between two blocked notices for the same head and reason. */
  readonly blockedNoticeCooldownMs: number;
  /** Checks out the head, builds context and prompt, runs the CLI and formats the review. */
  readonly reviewPullRequest: (question: PullRequestQuestion) => Promise<Answer>;
  readonly minPullRequestNumber: number;
  readonly botLogins: readonly string[];
  readonly ownLogin: () => string | null;
  readonly logger: Logger;
}

/**
 * The `review_pull_request` handler: waits (without using attempts) for non-draft PRs whose checks
 * are settled and for a pushed head to be stable, reviews with event COMMENT once per key, follows
 * up on new external discussion or a definitive CI failure, and checks the head again just before
 * posting. A dry run reports the review in the task result and leaves the PR unreviewed.
 */
export function createReviewPullRequestTask(deps: ReviewPullRequestTaskDeps): TaskHandler {
  return async (task, { signal }) => {
    const parsed = ReviewPullRequestPayload.safeParse(task.payload);
    if (!parsed.success) {
      return { kind: 'dead_letter', reason: `Invalid review_pull_request payload: ${parsed.error.message}` };
    }
    const payload = parsed.data;

    const pull = await readPullRequest(deps, payload.number);
    if (pull === undefined)
      return { kind: 'dead_letter', reason: `Pull request #${payload.number} does not exist.` };
    const skip = skipReason(deps, pull);
    if (skip !== undefined) return skipped(skip);

    const [checkRuns, combined] = await Promise.all([
      deps.reader.listCheckRuns(pull.headSha),
      deps.reader.getCombinedStatus(pull.headSha),
    ]);
    const ci = aggregateCiStatus(checkRuns, combined);
    // Observe before any debounce, so a pushed head is always "seen" (original weakness 2).
    deps.trackedPullRequests.markPrSeen({
      number: pull.number,
      headSha: pull.headSha,
      ciState: ci.state,
      createdAt: pull.createdAt,
      updatedAt: pull.updatedAt,
    });
    const discussion = await loadPullRequestDiscussion(
      {
        reader: deps.reader,
        logger: deps.logger,
        filter: { ownLogin: deps.ownLogin(), botLogins: deps.botLogins },
      },
      pull.number,
    );

    const plan = planReview(deps, pull, ci, discussion);
    if (plan.kind === 'skip') return skipped(plan.reason);
    if (plan.kind === 'wait') return { kind: 'defer', reason: plan.reason, until: plan.until };

    const marker = renderMarker({ service: 'openreview', kind: 'pr-review', key: plan.key });
    const markProcessed = (): void => {
      deps.trackedPullRequests.markPrProcessed({
        number: pull.number,
        key: plan.key,
        aliasKeys: plan.aliasKeys,
        headSha: pull.headSha,
        updatedAt: pull.updatedAt,
        createdAt: pull.createdAt,
        ciState: ci.state,
        source: payload.source,
        metadata: pullRequestReviewMetadata({ title: pull.title, body: pull.body, baseRef: pull.baseRef }),
      });
    };
    if (discussion.entries.some((entry) => hasMarker(entry.body, marker))) {
      markProcessed();
      return { kind: 'done', result: { outcome: 'already_posted', key: plan.key } };
    }

    const answer = await deps.reviewPullRequest({ pull, ci, discussion, mode: plan.mode, signal });
    if (answer.kind === 'failed') return { kind: 'retry', reason: answer.reason };
    if (answer.kind === 'blocked') return notifyBlocked(deps, pull, answer.reason, payload.source);
    if (answer.kind === 'no_reply') return skipped(answer.reason);

    // The review is about one head: if someone pushed meanwhile, the newer head gets its own task.
    const fresh = await deps.reader.getPullRequest(pull.number);
    if (fresh.state !== 'open' || fresh.headSha !== pull.headSha)
      return skipped('the head moved during the review');

    const { created, review } = await ensureReview({
      reader: deps.reader,
      writer: deps.writer,
      pullNumber: pull.number,
      marker,
      event: 'COMMENT',
      commitId: pull.headSha,
      body: answer.body,
    });
    if (review.dryRun === true) {
      return {
        kind: 'done',
        result: dryRunResult('pull_request_review', pull.number, review.body, plan.key),
      };
    }
    markProcessed();
    if (checksStillRunning(ci)) {
      // Reviewed while checks run: keep watching (no attempt used) so a definitive failure gets its
      // follow-up even when no webhook tells us.
      return {
        kind: 'defer',
        reason: 'reviewed; waiting for running checks',
        until: deps.clock.now() + deps.ciRecheckMs,
      };
    }
    return {
      kind: 'done',
      result: {
        outcome: created ? 'posted' : 'already_posted',
        key: plan.key,
        mode: plan.mode,
        url: review.htmlUrl,
      },
    };
  };
}

/**
 * A review that could not be prepared (head or base not fetchable): tell maintainers once per head
 * and reason (cooldown), with a marker so a retry never posts the notice twice, and retry later. The
 * PR is not marked reviewed.
 */
async function notifyBlocked(
  deps: ReviewPullRequestTaskDeps,
  pull: PullRequest,
  reason: string,
  source: string,
): Promise<TaskOutcome> {
  const fresh = await deps.reader.getPullRequest(pull.number);
  if (fresh.state !== 'open' || fresh.headSha !== pull.headSha)
    return skipped('the head moved during the review');
  const due = deps.trackedPullRequests.shouldNotifyPrBlocked(
    pull.number,
    pull.headSha,
    reason,
    deps.blockedNoticeCooldownMs,
  );
  let notified = false;
  if (due) {
    const { comment } = await ensureIssueComment({
      reader: deps.reader,
      writer: deps.writer,
      issueNumber: pull.number,
      marker: renderMarker({
        service: 'openreview',
        kind: 'pr-blocked',
        key: `${pull.headSha}\n${reason.trim()}`,
      }),
      body: buildBlockedNotice({ reason, mention: deps.notifyLogin }),
    });
    notified = comment.dryRun !== true;
  }
  deps.trackedPullRequests.recordPrBlocked({
    number: pull.number,
    headSha: pull.headSha,
    reason,
    source,
    notified,
  });
  return { kind: 'retry', reason: `review blocked: ${reason}` };
}

function skipReason(deps: ReviewPullRequestTaskDeps, pull: PullRequest): string | undefined {
  if (pull.state !== 'open') return 'the pull request is not open';
  if (pull.number <= deps.minPullRequestNumber)
    return `pull request numbers up to ${deps.minPullRequestNumber} are ignored`;
  if (isBotAccount(pull.author, deps.botLogins)) return 'opened by a bot';
  return undefined;
}

async function readPullRequest(
  deps: ReviewPullRequestTaskDeps,
  pullNumber: number,
): Promise<PullRequest | undefined> {
  try {
    return await deps.reader.getPullRequest(pullNumber);
  } catch (error) {
    if (error instanceof AppError && error.code === 'GITHUB_NOT_FOUND') return undefined;
    throw error;
  }
}
