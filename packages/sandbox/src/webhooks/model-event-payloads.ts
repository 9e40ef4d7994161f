import type { GitHubModel } from '../fake-github/model/github-model.js';
import { examplePayload, hasExamplePayload, type WebhookPayload } from './example-payload.js';

/** Options shared by the payload builders. */
export interface EventPayloadOptions {
  /** Login of the account that caused the event; defaults to the item's author. */
  readonly sender?: string;
}

/** An `issues` payload: a real example with the model's current issue, repository and sender. */
export function issueEventPayload(
  model: GitHubModel,
  action: string,
  issueNumber: number,
  options: EventPayloadOptions = {},
): WebhookPayload {
  const issue = model.issue(issueNumber);
  return overlay(model, 'issues', action, options.sender ?? issue.user.login, { issue });
}

/** A `pull_request` payload over the model's current PR (`synchronize` also sets `after`). */
export function pullRequestEventPayload(
  model: GitHubModel,
  action: string,
  pullNumber: number,
  options: EventPayloadOptions = {},
): WebhookPayload {
  const pull = model.pullRequest(pullNumber);
  const extra = action === 'synchronize' ? { after: pull.head.sha } : {};
  return overlay(model, 'pull_request', action, options.sender ?? pull.user.login, {
    number: pullNumber,
    pull_request: pull,
    ...extra,
  });
}

/** An `issue_comment` payload: the model's comment plus the issue (or PR) it belongs to. */
export function issueCommentEventPayload(
  model: GitHubModel,
  action: string,
  commentId: number,
  options: EventPayloadOptions = {},
): WebhookPayload {
  const comment = model.comment(commentId);
  const issue = model.issue(trailingNumber(comment.issue_url));
  return overlay(model, 'issue_comment', action, options.sender ?? comment.user.login, { issue, comment });
}

/** A `pull_request_review` payload for one of the PR's reviews. */
export function pullRequestReviewEventPayload(
  model: GitHubModel,
  action: string,
  pullNumber: number,
  reviewId: number,
  options: EventPayloadOptions = {},
): WebhookPayload {
  const review = model.reviews(pullNumber).find((candidate) => candidate.id === reviewId);
  if (review === undefined) throw new Error(`Pull request #${pullNumber} has no review ${reviewId}.`);
  return overlay(model, 'pull_request_review', action, options.sender ?? review.user.login, {
    review,
    pull_request: model.pullRequest(pullNumber),
  });
}

/** A `pull_request_review_comment` payload for one of the PR's inline comments. */
export function pullRequestReviewCommentEventPayload(
  model: GitHubModel,
  action: string,
  pullNumber: number,
  commentId: number,
  options: EventPayloadOptions = {},
): WebhookPayload {
  const comment = model.reviewComments(pullNumber).find((candidate) => candidate.id === commentId);
  if (comment === undefined)
    throw new Error(`Pull request #${pullNumber} has no review comment ${commentId}.`);
  return overlay(model, 'pull_request_review_comment', action, options.sender ?? comment.user.login, {
    comment,
    pull_request: model.pullRequest(pullNumber),
  });
}

/**
 * A `check_run` payload for one of the model's check runs. Its `pull_requests` (which daemons
 * read to find the PRs to re-check) are the open PRs whose head is the run's commit.
 */
export function checkRunEventPayload(
  model: GitHubModel,
  action: string,
  checkRunId: number,
  options: EventPayloadOptions = {},
): WebhookPayload {
  const run = model.checkRun(checkRunId);
  const exampleRun = exampleOf('check_run', action)['check_run'] as WebhookPayload;
  const suite = {
    ...(exampleRun['check_suite'] as WebhookPayload),
    head_sha: run.head_sha,
    status: run.status,
    conclusion: run.conclusion,
    pull_requests: run['pull_requests'],
  };
  return overlay(model, 'check_run', action, options.sender ?? 'github-actions[bot]', {
    check_run: { ...exampleRun, ...run, check_suite: suite },
  });
}

function exampleOf(eventName: string, action: string): WebhookPayload {
  return hasExamplePayload(eventName, action) ? examplePayload(eventName, action) : examplePayload(eventName);
}

// Start from a real example so every field a daemon might read exists, then replace what the
// model knows, so that a webhook and a poll describe the same item.
function overlay(
  model: GitHubModel,
  eventName: string,
  action: string,
  sender: string,
  fields: WebhookPayload,
): WebhookPayload {
  const base = hasExamplePayload(eventName, action)
    ? examplePayload(eventName, action)
    : examplePayload(eventName);
  return { ...base, ...fields, action, repository: model.repository(), sender: model.user(sender) };
}

function trailingNumber(url: string): number {
  return Number(/\/(\d+)$/.exec(url)?.[1] ?? Number.NaN);
}
