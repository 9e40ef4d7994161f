import type { z } from 'zod';
import { GitHubError } from '../errors/app-error.js';
import {
  RestCheckRun,
  RestCollaboratorPermission,
  RestCombinedStatus,
  RestIssue,
  RestIssueComment,
  RestLabel,
  RestPullRequest,
  RestPullRequestFile,
  RestRepository,
  RestReview,
  RestReviewComment,
  type RestUser,
} from './schemas.js';
import type {
  CheckRun,
  CombinedStatus,
  Issue,
  IssueComment,
  Label,
  Permission,
  PullRequest,
  PullRequestFile,
  Repository,
  Review,
  ReviewComment,
  User,
} from './types.js';

// GitHub reports deleted accounts as `null` in some payloads; its UI shows them as "ghost".
const ghostUser: User = { login: 'ghost', id: 0, type: 'User' };

/**
 * Validates REST data against a schema; a mismatch is a GITHUB_RESPONSE_INVALID error naming
 * the resource and the offending fields, so a changed or broken API fails loudly here.
 */
export function parseRest<S extends z.ZodType>(schema: S, data: unknown, resource: string): z.output<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const fields = result.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
  throw new GitHubError(
    'GITHUB_RESPONSE_INVALID',
    `GitHub returned a ${resource} without the fields PatchLoop needs (${fields}). ` +
      'Check that GITHUB_API_URL points at the GitHub REST API.',
    { cause: result.error },
  );
}

/** Maps a REST user (or `null` for a deleted account) to a domain user. */
export function toUser(data: RestUser | null): User {
  if (data === null) return ghostUser;
  return { login: data.login, id: data.id, type: data.type === 'Bot' ? 'Bot' : 'User' };
}

/** Maps REST label data to a domain label. */
export function toLabel(data: unknown): Label {
  const label = parseRest(RestLabel, data, 'label');
  return { name: label.name, color: label.color ?? '', description: label.description ?? null };
}

/** Maps `GET /repos/{owner}/{repo}` data to a domain repository. */
export function toRepository(data: unknown): Repository {
  const repo = parseRest(RestRepository, data, 'repository');
  return {
    id: repo.id,
    owner: repo.owner.login,
    name: repo.name,
    fullName: repo.full_name,
    defaultBranch: repo.default_branch,
    isPrivate: repo.private,
    htmlUrl: repo.html_url,
    cloneUrl: repo.clone_url,
  };
}

/** Maps REST issue data (including pull requests listed as issues) to a domain issue. */
export function toIssue(data: unknown): Issue {
  const issue = parseRest(RestIssue, data, 'issue');
  return {
    id: issue.id,
    number: issue.number,
    title: issue.title,
    body: issue.body ?? '',
    state: issue.state,
    author: toUser(issue.user),
    authorAssociation: issue.author_association ?? 'NONE',
    labels: issue.labels.map((label) => (typeof label === 'string' ? label : label.name)),
    isPullRequest: issue.pull_request !== undefined && issue.pull_request !== null,
    commentCount: issue.comments,
    createdAt: issue.created_at,
    updatedAt: issue.updated_at,
    closedAt: issue.closed_at,
    htmlUrl: issue.html_url,
  };
}

/** Maps REST issue comment data to a domain comment. */
export function toIssueComment(data: unknown): IssueComment {
  const comment = parseRest(RestIssueComment, data, 'issue comment');
  return {
    id: comment.id,
    issueNumber: trailingNumber(comment.issue_url, '/issues/', 'issue comment'),
    body: comment.body ?? '',
    author: toUser(comment.user),
    authorAssociation: comment.author_association ?? 'NONE',
    createdAt: comment.created_at,
    updatedAt: comment.updated_at,
    htmlUrl: comment.html_url,
  };
}

/** Maps REST pull request data (single or list item) to a domain pull request. */
export function toPullRequest(data: unknown): PullRequest {
  const pull = parseRest(RestPullRequest, data, 'pull request');
  return {
    id: pull.id,
    number: pull.number,
    title: pull.title,
    body: pull.body ?? '',
    state: pull.state,
    draft: pull.draft ?? false,
    merged: pull.merged ?? (pull.merged_at !== undefined && pull.merged_at !== null),
    mergeable: pull.mergeable ?? null,
    mergeableState: pull.mergeable_state ?? null,
    headRef: pull.head.ref,
    headSha: pull.head.sha,
    headRepoFullName: pull.head.repo?.full_name ?? null,
    headRepoCloneUrl: pull.head.repo?.clone_url ?? null,
    baseRef: pull.base.ref,
    baseSha: pull.base.sha,
    author: toUser(pull.user),
    labels: pull.labels.map((label) => label.name),
    additions: pull.additions ?? null,
    deletions: pull.deletions ?? null,
    createdAt: pull.created_at,
    updatedAt: pull.updated_at,
    htmlUrl: pull.html_url,
  };
}

/** Maps one entry of a pull request's file list. */
export function toPullRequestFile(data: unknown): PullRequestFile {
  const file = parseRest(RestPullRequestFile, data, 'pull request file');
  return {
    filename: file.filename,
    status: file.status,
    additions: file.additions,
    deletions: file.deletions,
    previousFilename: file.previous_filename ?? null,
  };
}

/** Maps REST review data to a domain review. */
export function toReview(data: unknown): Review {
  const review = parseRest(RestReview, data, 'pull request review');
  return {
    id: review.id,
    author: toUser(review.user),
    body: review.body ?? '',
    state: review.state,
    commitId: review.commit_id,
    submittedAt: review.submitted_at ?? null,
    htmlUrl: review.html_url,
  };
}

/** Maps REST inline review comment data to a domain review comment. */
export function toReviewComment(data: unknown): ReviewComment {
  const comment = parseRest(RestReviewComment, data, 'review comment');
  return {
    id: comment.id,
    pullRequestNumber: trailingNumber(comment.pull_request_url, '/pulls/', 'review comment'),
    reviewId: comment.pull_request_review_id,
    inReplyToId: comment.in_reply_to_id ?? null,
    author: toUser(comment.user),
    body: comment.body,
    path: comment.path,
    line: comment.line ?? null,
    originalLine: comment.original_line ?? null,
    side: comment.side ?? null,
    commitId: comment.commit_id,
    createdAt: comment.created_at,
    updatedAt: comment.updated_at,
    htmlUrl: comment.html_url,
  };
}

/** Maps REST check run data to a domain check run. */
export function toCheckRun(data: unknown): CheckRun {
  const run = parseRest(RestCheckRun, data, 'check run');
  return {
    id: run.id,
    name: run.name,
    status: run.status,
    conclusion: run.conclusion,
    headSha: run.head_sha,
    startedAt: run.started_at ?? null,
    completedAt: run.completed_at,
    htmlUrl: run.html_url,
    output: {
      title: run.output?.title ?? null,
      summary: run.output?.summary ?? null,
      text: run.output?.text ?? null,
    },
  };
}

/** Maps `GET /commits/{ref}/status` data to a domain combined status. */
export function toCombinedStatus(data: unknown): CombinedStatus {
  const combined = parseRest(RestCombinedStatus, data, 'combined commit status');
  return {
    sha: combined.sha,
    state: combined.state,
    totalCount: combined.total_count,
    statuses: combined.statuses.map((status) => ({
      context: status.context,
      state: status.state,
      description: status.description,
      targetUrl: status.target_url,
      updatedAt: status.updated_at,
    })),
  };
}

const permissions: readonly Permission[] = ['admin', 'maintain', 'write', 'triage', 'read', 'none'];

/**
 * Maps a collaborator-permission answer to the finest role: `role_name` distinguishes
 * maintain/triage, while the legacy `permission` field folds them into write/read.
 */
export function toPermission(data: unknown): Permission {
  const answer = parseRest(RestCollaboratorPermission, data, 'collaborator permission');
  const role = permissions.find((p) => p === answer.role_name);
  return role ?? permissions.find((p) => p === answer.permission) ?? 'none';
}

function trailingNumber(url: string, segment: string, resource: string): number {
  const match = new RegExp(`${segment}(\\d+)$`).exec(url);
  const value = match?.[1];
  if (value === undefined) {
    throw new GitHubError(
      'GITHUB_RESPONSE_INVALID',
      `GitHub returned a ${resource} whose URL "${url}" does not end in ${segment}<number>.`,
    );
  }
  return Number(value);
}
