import type { EnqueueRequest } from '@patchloop/core';
import {
  CheckRunPayload,
  CheckSuitePayload,
  IssueCommentPayload,
  IssuesPayload,
  PullRequestPayload,
  PullRequestReviewCommentPayload,
  PullRequestReviewPayload,
} from '@patchloop/core';
import type { z } from 'zod';
import { issueTaskRequest, pullRequestTaskRequest } from '../tasks/review-tasks.js';
import {
  activitySignal,
  hasSlashCommand,
  type IgnoreRules,
  ignoredActivityReason,
  isBotAccount,
} from './activity-rules.js';

/** A verified webhook delivery as the intake sees it. */
export interface WebhookEvent {
  readonly name: string;
  readonly action: string | undefined;
  readonly payload: Record<string, unknown>;
}

/** What the review daemon ignores and below which numbers. */
export interface EventRoutingSettings {
  readonly rules: IgnoreRules;
  readonly minIssueNumber: number;
  readonly minPullRequestNumber: number;
}

/** Tasks to enqueue for a delivery, or why it starts nothing (shown in logs). */
export type EventRouting =
  | { readonly kind: 'enqueue'; readonly requests: readonly EnqueueRequest[] }
  | { readonly kind: 'ignore'; readonly reason: string };

const issueActions = new Set(['opened', 'reopened', 'edited']);
const commentActions = new Set(['created', 'edited']);
const pullRequestActions = new Set(['opened', 'reopened', 'synchronize', 'edited', 'ready_for_review']);
const reviewActions = new Set(['submitted', 'edited']);

/**
 * Routes a verified webhook delivery to review tasks (spec §3.2 plus `reopened` and
 * `ready_for_review`). Pure and total: a malformed payload is ignored with a reason, never thrown.
 */
export function eventToTask(event: WebhookEvent, settings: EventRoutingSettings): EventRouting {
  const action = event.action ?? '';
  switch (event.name) {
    case 'issues':
      return issueActions.has(action) ? routeIssue(event, settings) : unhandled(event);
    case 'issue_comment':
      return commentActions.has(action) ? routeIssueComment(event, settings) : unhandled(event);
    case 'pull_request':
      return pullRequestActions.has(action) ? routePullRequest(event, settings) : unhandled(event);
    case 'pull_request_review':
      return reviewActions.has(action) ? routeReview(event, settings) : unhandled(event);
    case 'pull_request_review_comment':
      return commentActions.has(action) ? routeReviewComment(event, settings) : unhandled(event);
    case 'check_suite':
    case 'check_run':
      return action === 'completed' ? routeCheck(event, settings) : unhandled(event);
    case 'ping':
      return ignore('ping');
    default:
      return unhandled(event);
  }
}

function routeIssue(event: WebhookEvent, settings: EventRoutingSettings): EventRouting {
  const parsed = parse(IssuesPayload, event);
  if (!parsed.ok) return parsed.routing;
  const { issue, sender } = parsed.data;
  // Bots editing an issue (label sync, templates) would otherwise re-trigger an analysis.
  if (event.action === 'edited' && isBotAccount(sender, settings.rules.botLogins)) {
    return ignore('issue edited by a bot');
  }
  if (isBotAccount(issue.user, settings.rules.botLogins)) return ignore('issue author is a bot');
  if (issue.state !== 'open') return ignore('issue is closed');
  if (issue.number <= settings.minIssueNumber) return ignore('issue number is below ISSUE_MIN_NUMBER');
  return enqueue(
    issueTaskRequest({
      number: issue.number,
      source: 'webhook',
      updatedAt: issue.updated_at,
      activity: null,
      allowUnanswerableReply: true,
    }),
  );
}

function routeIssueComment(event: WebhookEvent, settings: EventRoutingSettings): EventRouting {
  const parsed = parse(IssueCommentPayload, event);
  if (!parsed.ok) return parsed.routing;
  const { issue, comment } = parsed.data;
  const body = comment.body ?? '';
  const ignored = ignoredActivityReason(comment.user, body, settings.rules);
  if (ignored !== null) return ignore(`comment ignored: ${ignored}`);
  if (hasSlashCommand(body)) return ignore('comment is a coding-daemon slash command');
  if (issue.state !== 'open') return ignore('issue or pull request is closed');
  const activity = activitySignal({
    kind: 'issue_comment',
    id: comment.id,
    at: comment.updated_at ?? comment.created_at,
    author: comment.user.login,
    body,
  });
  if (issue.pull_request !== undefined && issue.pull_request !== null) {
    if (issue.number <= settings.minPullRequestNumber)
      return ignore('pull request number is below PR_MIN_NUMBER');
    return enqueue(
      pullRequestTaskRequest({
        number: issue.number,
        source: 'webhook',
        headSha: null,
        updatedAt: issue.updated_at,
        activity,
      }),
    );
  }
  if (issue.number <= settings.minIssueNumber) return ignore('issue number is below ISSUE_MIN_NUMBER');
  return enqueue(
    issueTaskRequest({
      number: issue.number,
      source: 'webhook',
      updatedAt: issue.updated_at,
      activity,
      allowUnanswerableReply: false,
    }),
  );
}

function routePullRequest(event: WebhookEvent, settings: EventRoutingSettings): EventRouting {
  const parsed = parse(PullRequestPayload, event);
  if (!parsed.ok) return parsed.routing;
  const { pull_request: pull, sender } = parsed.data;
  if (event.action === 'edited' && isBotAccount(sender, settings.rules.botLogins)) {
    return ignore('pull request edited by a bot');
  }
  if (isBotAccount(pull.user, settings.rules.botLogins)) return ignore('pull request author is a bot');
  if (pull.state !== 'open') return ignore('pull request is closed');
  if (pull.number <= settings.minPullRequestNumber)
    return ignore('pull request number is below PR_MIN_NUMBER');
  // Drafts are enqueued too: only the handler knows whether an initial review already exists.
  return enqueue(
    pullRequestTaskRequest({
      number: pull.number,
      source: 'webhook',
      headSha: pull.head.sha,
      updatedAt: pull.updated_at,
      activity: null,
    }),
  );
}

function routeReview(event: WebhookEvent, settings: EventRoutingSettings): EventRouting {
  const parsed = parse(PullRequestReviewPayload, event);
  if (!parsed.ok) return parsed.routing;
  const { pull_request: pull, review } = parsed.data;
  const body = review.body ?? '';
  const ignored = ignoredActivityReason(review.user, body, settings.rules);
  if (ignored !== null) return ignore(`review ignored: ${ignored}`);
  if (body.trim() === '') return ignore('review has no body');
  if (!review.submitted_at) return ignore('review is not submitted');
  const activity = activitySignal({
    kind: 'review',
    id: review.id,
    at: review.submitted_at,
    author: review.user.login,
    body,
  });
  return pullRequestActivity(pull, activity, settings);
}

function routeReviewComment(event: WebhookEvent, settings: EventRoutingSettings): EventRouting {
  const parsed = parse(PullRequestReviewCommentPayload, event);
  if (!parsed.ok) return parsed.routing;
  const { pull_request: pull, comment } = parsed.data;
  const body = comment.body ?? '';
  const ignored = ignoredActivityReason(comment.user, body, settings.rules);
  if (ignored !== null) return ignore(`review comment ignored: ${ignored}`);
  if (body.trim() === '') return ignore('review comment has no body');
  const activity = activitySignal({
    kind: 'review_comment',
    id: comment.id,
    at: comment.updated_at ?? comment.created_at,
    author: comment.user.login,
    body,
  });
  return pullRequestActivity(pull, activity, settings);
}

function pullRequestActivity(
  pull: z.infer<typeof PullRequestPayload>['pull_request'],
  activity: ReturnType<typeof activitySignal>,
  settings: EventRoutingSettings,
): EventRouting {
  if (pull.state !== 'open') return ignore('pull request is closed');
  if (pull.number <= settings.minPullRequestNumber)
    return ignore('pull request number is below PR_MIN_NUMBER');
  return enqueue(
    pullRequestTaskRequest({
      number: pull.number,
      source: 'webhook',
      // Discussion tasks are versioned by the activity; the handler reads the current head itself.
      headSha: null,
      updatedAt: pull.updated_at,
      activity,
    }),
  );
}

function routeCheck(event: WebhookEvent, settings: EventRoutingSettings): EventRouting {
  const check = readCheck(event);
  if (!check.ok) return check.routing;
  const { conclusion, headSha, version, numbers } = check.data;
  if (!conclusion) return ignore('check completed without a conclusion');
  const eligible = numbers.filter((number) => number > settings.minPullRequestNumber);
  if (eligible.length === 0) return ignore('check is linked to no eligible pull request');
  return {
    kind: 'enqueue',
    requests: eligible.map((number) =>
      pullRequestTaskRequest({ number, source: 'webhook', headSha, updatedAt: version, activity: null }),
    ),
  };
}

interface CheckFacts {
  readonly conclusion: string | null;
  readonly headSha: string;
  /** The completion time: CI results do not move the PR's `updated_at`, so it versions the task. */
  readonly version: string;
  readonly numbers: readonly number[];
}

function readCheck(event: WebhookEvent): Parsed<CheckFacts> {
  if (event.name === 'check_suite') {
    const parsed = parse(CheckSuitePayload, event);
    if (!parsed.ok) return parsed;
    const suite = parsed.data.check_suite;
    return ok({
      conclusion: suite.conclusion,
      headSha: suite.head_sha,
      version: suite.updated_at,
      numbers: suite.pull_requests.map((pull) => pull.number),
    });
  }
  const parsed = parse(CheckRunPayload, event);
  if (!parsed.ok) return parsed;
  const run = parsed.data.check_run;
  return ok({
    conclusion: run.conclusion,
    headSha: run.head_sha,
    version: run.completed_at ?? run.head_sha,
    numbers: run.pull_requests.map((pull) => pull.number),
  });
}

type Parsed<T> =
  | { readonly ok: true; readonly data: T }
  | { readonly ok: false; readonly routing: EventRouting };

function ok<T>(data: T): Parsed<T> {
  return { ok: true, data };
}

function parse<T>(schema: z.ZodType<T>, event: WebhookEvent): Parsed<T> {
  const result = schema.safeParse(event.payload);
  if (result.success) return ok(result.data);
  const first = result.error.issues[0];
  const where = first === undefined || first.path.length === 0 ? 'payload' : first.path.join('.');
  return { ok: false, routing: ignore(`malformed ${event.name} payload: ${where} is missing or invalid`) };
}

function enqueue(request: EnqueueRequest): EventRouting {
  return { kind: 'enqueue', requests: [request] };
}

function ignore(reason: string): EventRouting {
  return { kind: 'ignore', reason };
}

function unhandled(event: WebhookEvent): EventRouting {
  return ignore(`${event.name}${event.action === undefined ? '' : `.${event.action}`} is not handled`);
}
