import type { PullRequest } from '@patchloop/core';
import { ensureIssueComment } from '@patchloop/core';
import type { PullRequestRecord } from '../store/pull-request-record.js';
import { compareWithBase, failingChecks, pendingChecks } from './ci/ci-failures.js';
import { ciFeedbackItems } from './ci/ci-feedback-items.js';
import { collectFeedback } from './feedback/collect-feedback.js';
import { latestReviewsByReviewer, overallReviewState } from './feedback/review-state.js';
import type { FeedbackItem } from './feedback-item.js';
import type { RepairDeps } from './repair-deps.js';
import { baseFailureComment } from './stop-rules/base-failure-comment.js';

/** What one read of a pull request's reviews and checks found. */
export interface PullRequestFeedback {
  /** Review feedback after the cursor plus the head's own CI failures. */
  readonly items: FeedbackItem[];
  readonly reviewState: ReturnType<typeof overallReviewState>;
  /** Checks still running on the head: CI feedback waits for them. */
  readonly checksPending: boolean;
}

/**
 * Reads a tracked pull request's feedback (spec autocode-execution §3.2, plus CI failures): the
 * reviews and inline comments after the PR's cursor, with each author's trust from the permission
 * API, and the head's failing checks once none is running. Checks that fail the same way on the
 * base branch are reported once per head (a marked comment) and are not repair work. Every read is
 * a conditional request, so a PR where nothing changed costs no rate limit.
 */
export async function readPullRequestFeedback(
  deps: Pick<RepairDeps, 'reader' | 'writer' | 'approvers' | 'pullRequests' | 'settings' | 'logger'>,
  pr: PullRequest,
  record: PullRequestRecord,
): Promise<PullRequestFeedback> {
  const [reviews, reviewComments] = await Promise.all([
    deps.reader.listReviews(pr.number),
    deps.reader.listReviewComments(pr.number),
  ]);
  const logins = new Set([...reviews, ...reviewComments].map((item) => item.author.login.toLowerCase()));
  const trusted = new Set<string>();
  for (const login of logins) {
    if (await deps.approvers.isApprover(login)) trusted.add(login);
  }
  const items = collectFeedback({
    reviews,
    reviewComments,
    prAuthor: pr.author.login,
    headSha: pr.headSha,
    cursor: record.feedbackCursor,
    isTrusted: (login) => trusted.has(login.toLowerCase()),
    botLogins: deps.settings.botLogins,
  });
  const reviewState = overallReviewState(latestReviewsByReviewer(reviews).values());

  const head = {
    checkRuns: await deps.reader.listCheckRuns(pr.headSha),
    status: await deps.reader.getCombinedStatus(pr.headSha),
  };
  if (pendingChecks(head)) return { items, reviewState, checksPending: true };
  const failures = failingChecks(head);
  if (failures.length === 0) return { items, reviewState, checksPending: false };

  const base = failingChecks({
    checkRuns: await deps.reader.listCheckRuns(pr.baseRef),
    status: await deps.reader.getCombinedStatus(pr.baseRef),
  });
  const { toRepair, alsoOnBase } = compareWithBase(failures, base);
  if (alsoOnBase.length > 0 && record.baseFailureReportedSha !== pr.headSha) {
    const comment = baseFailureComment({
      prNumber: pr.number,
      checks: alsoOnBase.map((failure) => ({ name: failure.name, summary: failure.summary })),
      baseBranch: pr.baseRef,
    });
    await ensureIssueComment({
      reader: deps.reader,
      writer: deps.writer,
      issueNumber: pr.number,
      marker: comment.marker,
      body: comment.body,
    });
    deps.pullRequests.markBaseFailureReported(pr.number, pr.headSha);
    deps.logger.info(
      { pr: pr.number, checks: alsoOnBase.map((failure) => failure.name) },
      'Reported checks that also fail on the base branch',
    );
  }
  return {
    items: [...items, ...ciFeedbackItems(pr.number, pr.headSha, toRepair)],
    reviewState,
    checksPending: false,
  };
}
