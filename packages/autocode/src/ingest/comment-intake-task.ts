import type { CodingAgent, EventLogRepository, GitHubReader, Logger, TaskHandler } from '@patchloop/core';
import { classifyComment, isBotGenerated } from '../intent/comment-intent.js';
import { buildIntentPrompt, parseIntentAnswer } from '../intent/llm-intent.js';
import { CommentIntakePayload } from '../tasks/autocode-tasks.js';
import type { ApproverCheck } from './approver-check.js';
import type { IssueIntake } from './issue-intake.js';

/** Dependencies of the comment intake handler. */
export interface CommentIntakeDeps {
  readonly reader: Pick<GitHubReader, 'getIssue'>;
  readonly approvers: ApproverCheck;
  readonly intake: IssueIntake;
  readonly eventLog: Pick<EventLogRepository, 'append'>;
  /** Asks the planner CLI when an approver's comment is not an obvious command; absent disables that. */
  readonly intentAgent?: {
    readonly agent: CodingAgent;
    readonly cwd: string;
    readonly timeoutMs: number;
    readonly repository: string;
  };
  readonly allowApprovalByComment: boolean;
  /** Lets PatchLoop repair a pull request again; answers what happened (a result summary). */
  readonly resumeRepair?: (pullNumber: number, by: string) => Promise<string>;
  /** The write token's login, lower-cased, once known: our own comments never approve anything. */
  readonly ownLogin: () => string | null;
  readonly logger: Logger;
}

/**
 * Evaluates one issue comment (spec autocode-service §4.5, reordered per weaknesses 10-12): bots and
 * PatchLoop's own comments are dropped first, then the free deterministic classification, then the
 * permission check, and only an approver's ambiguous comment costs a CLI call. An approval enqueues
 * an explicit run through the issue intake.
 */
export function createCommentIntakeTask(deps: CommentIntakeDeps): TaskHandler {
  return async (task, { signal }) => {
    const payload = CommentIntakePayload.parse(task.payload);
    const done = (reason: string, extra: Record<string, string | number | null> = {}) => ({
      kind: 'done' as const,
      result: { summary: reason, issue: payload.issueNumber, comment: payload.commentId, ...extra },
    });
    const author = payload.author.toLowerCase();
    if (
      payload.authorType === 'Bot' ||
      author.includes('[bot]') ||
      author === deps.ownLogin() ||
      isBotGenerated(payload.body)
    ) {
      return done('ignored_bot');
    }
    const classification = classifyComment(payload.body);
    if (classification.kind === 'none' && deps.intentAgent === undefined) return done('no_implement_intent');
    if (classification.kind === 'redirect') return done('redirect_noted');

    const approver = await deps.approvers.isApprover(payload.author);
    if (!approver) {
      if (classification.kind === 'implement') {
        deps.eventLog.append({
          category: 'issue_comment',
          level: 'info',
          message: `@${payload.author} asked to implement #${payload.issueNumber} but lacks the permission to approve`,
          data: { source: payload.source, issue: payload.issueNumber, reason: 'not_approver' },
        });
      }
      return done('not_approver');
    }
    if (classification.kind === 'resume') {
      const pull = await deps.reader.getIssue(payload.issueNumber);
      if (!pull.isPullRequest || deps.resumeRepair === undefined) return done('resume_not_applicable');
      return done(await deps.resumeRepair(payload.issueNumber, payload.author));
    }
    if (!deps.allowApprovalByComment) {
      if (classification.kind !== 'implement') return done('no_implement_intent');
      deps.eventLog.append({
        category: 'issue_comment',
        level: 'info',
        message: `Approval by comment is disabled; ignored @${payload.author} on #${payload.issueNumber}`,
        data: { source: payload.source, issue: payload.issueNumber, reason: 'comment_approval_disabled' },
      });
      return done('comment_approval_disabled');
    }
    const issue = await deps.reader.getIssue(payload.issueNumber);
    if (issue.isPullRequest) return done('pull_request_conversation');
    if (classification.kind === 'none') {
      const wantsCode = await askIntent(deps, payload, issue.title, signal);
      if (!wantsCode) return done('no_implement_intent');
    }
    const result = deps.intake.submit({
      issue,
      source: payload.source,
      trigger: 'implement_comment',
      explicit: true,
      approvedBy: payload.author,
      commentId: payload.commentId,
      priority: 'urgent',
    });
    deps.logger.info(
      { issue: payload.issueNumber, approvedBy: payload.author, reason: result.reason },
      'Approval comment evaluated',
    );
    return done(`approval_${result.reason}`, { issueTask: result.task?.id ?? null });
  };
}

/** The planner CLI's reading of an approver's comment; any failure means "no". */
async function askIntent(
  deps: CommentIntakeDeps,
  payload: CommentIntakePayload,
  issueTitle: string,
  signal: AbortSignal,
): Promise<boolean> {
  const intent = deps.intentAgent;
  if (intent === undefined) return false;
  const { systemPrompt, prompt } = buildIntentPrompt({
    body: payload.body,
    issueTitle,
    repository: intent.repository,
  });
  const outcome = await intent.agent.run(
    {
      prompt,
      systemPrompt,
      cwd: intent.cwd,
      mode: 'plan',
      timeoutMs: intent.timeoutMs,
      outputFormat: 'text',
    },
    signal,
  );
  if (outcome.kind !== 'completed') {
    deps.logger.warn({ kind: outcome.kind, issue: payload.issueNumber }, 'Intent classification failed');
    return false;
  }
  return parseIntentAnswer(outcome.output)?.intent === 'implement';
}
