import type { Logger, TaskQueue, WebhookDelivery } from '@patchloop/core';
import { IssueCommentPayload, IssuesPayload } from '@patchloop/core';
import { slashCommandOf } from '../intent/comment-text.js';
import { commentIntakeRequest } from '../tasks/autocode-tasks.js';
import type { IssueIntake } from './issue-intake.js';

/** Turns a verified delivery into durable work; never calls GitHub or a CLI (the request must answer fast). */
export type WebhookIntake = (delivery: WebhookDelivery) => { readonly accepted: boolean };

const issueActions = new Set(['opened', 'reopened', 'edited']);
/** Deliveries that can mean new work on a tracked pull request: feedback, checks, pushes, closing. */
const pullRequestEvents = new Set([
  'pull_request',
  'pull_request_review',
  'pull_request_review_comment',
  'check_run',
  'check_suite',
  'status',
]);
const commentActions = new Set(['created', 'edited']);

/**
 * The coding daemon's webhook intake (spec autocode-service §3.1 dispatch): issue events go through
 * the issue intake (a local, synchronous decision), comments are stored as intake tasks whose
 * permission check and classification run in the worker. Pull request events belong to the repair
 * loop. A payload missing the fields we rely on is ignored with a log line, never a 500.
 */
export function createWebhookIntake(deps: {
  readonly queue: Pick<TaskQueue, 'enqueue'>;
  readonly intake: IssueIntake;
  readonly logger: Logger;
  /**
   * Pull request activity: the repair scan runs soon instead of at its next interval. Nothing is
   * stored for it, because the scan reads the pull request's current state anyway and polling
   * recovers a lost nudge.
   */
  readonly onPullRequestActivity?: () => void;
}): WebhookIntake {
  const ignore = (delivery: WebhookDelivery, reason: string) => {
    deps.logger.debug({ event: delivery.name, action: delivery.action, reason }, 'Webhook ignored');
    return { accepted: false };
  };
  return (delivery) => {
    if (delivery.name === 'issues' && issueActions.has(delivery.action ?? '')) {
      const parsed = IssuesPayload.safeParse(delivery.payload);
      if (!parsed.success) return ignore(delivery, 'malformed issues payload');
      const { issue } = parsed.data;
      const result = deps.intake.submit({
        issue: {
          number: issue.number,
          updatedAt: issue.updated_at,
          state: issue.state === 'open' ? 'open' : 'closed',
          isPullRequest: issue.pull_request !== undefined,
          author: { login: issue.user.login, type: issue.user.type === 'Bot' ? 'Bot' : 'User' },
        },
        source: 'webhook',
        trigger: delivery.action === 'edited' ? 'issue_update' : 'issue_open',
        explicit: false,
      });
      return { accepted: result.created };
    }
    if (delivery.name === 'issue_comment' && commentActions.has(delivery.action ?? '')) {
      const parsed = IssueCommentPayload.safeParse(delivery.payload);
      if (!parsed.success) return ignore(delivery, 'malformed issue_comment payload');
      const { issue, comment } = parsed.data;
      if (comment.body === null || comment.body.trim() === '') return ignore(delivery, 'empty comment');
      if (issue.pull_request !== undefined && slashCommandOf(comment.body) !== 'resume') {
        return ignore(delivery, 'pull request conversation');
      }
      const { created } = deps.queue.enqueue(
        commentIntakeRequest({
          issueNumber: issue.number,
          commentId: comment.id,
          commentUpdatedAt: comment.updated_at ?? comment.created_at,
          body: comment.body,
          author: comment.user.login,
          authorType: comment.user.type === 'Bot' ? 'Bot' : 'User',
          source: 'webhook',
        }),
      );
      return { accepted: created };
    }
    if (pullRequestEvents.has(delivery.name)) {
      deps.onPullRequestActivity?.();
      return { accepted: false };
    }
    return ignore(delivery, 'not an event the coding daemon acts on');
  };
}
