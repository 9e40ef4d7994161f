import type { GitHubCommentWriter, GitHubReader, Issue, Logger, TaskHandler } from '@patchloop/core';
import { AppError, ensureIssueComment, hasMarker, renderMarker } from '@patchloop/core';
import type { IssueContext, IssueContextDeps } from '../context/load-issue-context.js';
import { loadIssueContext } from '../context/load-issue-context.js';
import { isBotAccount } from '../ingest/activity-rules.js';
import { issueProcessingKey } from '../store/review-keys.js';
import type { TrackedIssueRepository } from '../store/tracked-issue-repository.js';
import { ReviewIssuePayload } from '../tasks/review-tasks.js';
import type { Answer } from './answer.js';
import { dryRunResult, skipped } from './task-results.js';

/** What the answer pipeline gets for one issue. */
export interface IssueQuestion {
  readonly issue: Issue;
  readonly context: IssueContext;
  /** A reply to the latest external comment rather than a first analysis. */
  readonly followUp: boolean;
  /** Whether a canned "maintainers will look at it" reply may be posted. */
  readonly allowUnanswerableReply: boolean;
  readonly signal: AbortSignal;
}

/** Dependencies of the `review_issue` handler. */
export interface ReviewIssueTaskDeps {
  readonly reader: IssueContextDeps['reader'] & Pick<GitHubReader, 'getIssue'>;
  readonly writer: Pick<GitHubCommentWriter, 'getAuthenticatedUser' | 'createIssueComment'>;
  readonly trackedIssues: Pick<TrackedIssueRepository, 'get' | 'isIssueProcessed' | 'markIssueProcessed'>;
  readonly answerIssue: (question: IssueQuestion) => Promise<Answer>;
  readonly repo: string;
  readonly minIssueNumber: number;
  readonly botLogins: readonly string[];
  readonly ownLogin: () => string | null;
  readonly logger: Logger;
}

const service = 'openreview';

/**
 * The `review_issue` handler: re-reads the issue, decides between a first analysis and a follow-up
 * to the latest external comment, checks GitHub for an earlier reply (marker) before running the
 * coding CLI, and posts at most one comment per processing key. A dry-run post is reported in the
 * task result and leaves the issue unanswered, so live mode answers it later.
 */
export function createReviewIssueTask(deps: ReviewIssueTaskDeps): TaskHandler {
  return async (task, { signal }) => {
    const parsed = ReviewIssuePayload.safeParse(task.payload);
    if (!parsed.success)
      return { kind: 'dead_letter', reason: `Invalid review_issue payload: ${parsed.error.message}` };
    const payload = parsed.data;

    const issue = await readIssue(deps, payload.number);
    if (issue === undefined)
      return { kind: 'dead_letter', reason: `Issue #${payload.number} does not exist.` };
    const skip = skipReason(deps, issue);
    if (skip !== undefined) return skipped(skip);

    const ownLogin = deps.ownLogin();
    const context = await loadIssueContext(
      {
        reader: deps.reader,
        repo: deps.repo,
        logger: deps.logger,
        filter: { ownLogin, botLogins: deps.botLogins },
      },
      issue,
    );
    const plan = planReply(deps, issue, context, payload.allowUnanswerableReply);
    if (plan.kind === 'skip') return skipped(plan.reason);

    const marker = renderMarker({ service, kind: 'issue', key: plan.key });
    const markProcessed = (): void => {
      deps.trackedIssues.markIssueProcessed({
        number: issue.number,
        key: plan.key,
        aliasKeys: plan.aliasKeys,
        createdAt: issue.createdAt,
        updatedAt: issue.updatedAt,
        source: payload.source,
      });
    };
    // An earlier run may have posted and then died before recording it: GitHub is the truth.
    if (context.entries.some((entry) => hasMarker(entry.body, marker))) {
      markProcessed();
      return { kind: 'done', result: { outcome: 'already_posted', key: plan.key } };
    }

    const answer = await deps.answerIssue({
      issue,
      context,
      followUp: plan.followUp,
      allowUnanswerableReply: plan.allowUnanswerableReply,
      signal,
    });
    if (answer.kind === 'failed' || answer.kind === 'blocked')
      return { kind: 'retry', reason: answer.reason };
    if (answer.kind === 'no_reply') return skipped(answer.reason);

    const { created, comment } = await ensureIssueComment({
      reader: deps.reader,
      writer: deps.writer,
      issueNumber: issue.number,
      marker,
      body: answer.body,
    });
    if (comment.dryRun === true) {
      return { kind: 'done', result: dryRunResult('issue_comment', issue.number, comment.body, plan.key) };
    }
    markProcessed();
    return {
      kind: 'done',
      result: { outcome: created ? 'posted' : 'already_posted', key: plan.key, url: comment.htmlUrl },
    };
  };
}

type ReplyPlan =
  | { readonly kind: 'skip'; readonly reason: string }
  | {
      readonly kind: 'reply';
      readonly key: string;
      readonly aliasKeys: readonly string[];
      readonly followUp: boolean;
      readonly allowUnanswerableReply: boolean;
    };

/**
 * First reply: keyed by title and body, with the latest existing discussion recorded as an alias so
 * it does not trigger an immediate follow-up. Later: only a new external comment makes new work.
 */
function planReply(
  deps: ReviewIssueTaskDeps,
  issue: Issue,
  context: IssueContext,
  allowUnanswerableReply: boolean,
): ReplyPlan {
  const initialKey = issueProcessingKey({ title: issue.title, body: issue.body });
  const latest = context.latestActivity;
  const latestKey = latest
    ? issueProcessingKey({ title: issue.title, body: issue.body, fingerprint: latest.fingerprint })
    : undefined;
  const answeredBefore = deps.trackedIssues.get(issue.number) !== undefined;

  if (!answeredBefore) {
    return {
      kind: 'reply',
      key: initialKey,
      aliasKeys: latestKey === undefined ? [] : [latestKey],
      followUp: false,
      // A first reply is a full analysis even when a comment triggered it (spec §5.2 step 8).
      allowUnanswerableReply: allowUnanswerableReply || latest !== null,
    };
  }
  if (latestKey === undefined) return { kind: 'skip', reason: 'answered, and no new external comment' };
  if (deps.trackedIssues.isIssueProcessed(issue.number, latestKey)) {
    return { kind: 'skip', reason: 'the latest external comment is already answered' };
  }
  return { kind: 'reply', key: latestKey, aliasKeys: [], followUp: true, allowUnanswerableReply: false };
}

function skipReason(deps: ReviewIssueTaskDeps, issue: Issue): string | undefined {
  if (issue.isPullRequest) return 'it is a pull request';
  if (issue.state !== 'open') return 'the issue is closed';
  if (issue.number <= deps.minIssueNumber) return `issue numbers up to ${deps.minIssueNumber} are ignored`;
  if (isBotAccount(issue.author, deps.botLogins)) return 'opened by a bot';
  return undefined;
}

async function readIssue(deps: ReviewIssueTaskDeps, issueNumber: number): Promise<Issue | undefined> {
  try {
    return await deps.reader.getIssue(issueNumber);
  } catch (error) {
    if (error instanceof AppError && error.code === 'GITHUB_NOT_FOUND') return undefined;
    throw error;
  }
}
