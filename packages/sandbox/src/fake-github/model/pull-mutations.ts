import { createIssue, defaultAuthor, patchIssue, recordEvent } from './issue-mutations.js';
import type {
  AddPullRequestInput,
  AddReviewCommentInput,
  AddReviewInput,
  PullRequestPatch,
} from './model-inputs.js';
import type { PullIssue, ReviewCommentRecord, ReviewRecord } from './model-records.js';
import type { ModelState } from './model-state.js';
import { branchHeads, branchSha, pullShas } from './pull-heads.js';

/**
 * Stores a pull request (an issue plus its pull half). With a bare repository the branches
 * must exist there; their SHAs are re-read on every serve.
 */
export function createPullRequest(state: ModelState, input: AddPullRequestInput): PullIssue {
  const heads = branchHeads(state);
  const baseRef = input.base ?? state.defaultBranch;
  const headSha = branchSha(state, heads, input.head);
  const baseSha = branchSha(state, heads, baseRef);
  if (headSha === undefined) throw new Error(`The fake GitHub's repository has no branch "${input.head}".`);
  if (baseSha === undefined) throw new Error(`The fake GitHub's repository has no branch "${baseRef}".`);
  const pull = {
    id: state.nextId(),
    headRef: input.head,
    baseRef,
    draft: input.draft ?? false,
    maintainerCanModify: true,
    lastHeadSha: headSha,
    lastBaseSha: baseSha,
    mergeability: undefined,
  };
  const issueInput = {
    title: input.title,
    body: input.body ?? null,
    user: input.user ?? defaultAuthor,
    labels: input.labels ?? [],
  };
  return createIssue(state, issueInput, pull) as PullIssue;
}

/** Applies a PR edit; moving the base resets mergeability as a push would. */
export function patchPullRequest(
  state: ModelState,
  issue: PullIssue,
  patch: PullRequestPatch,
  actor: string,
): void {
  const { pull } = issue;
  if (patch.base !== undefined && patch.base !== pull.baseRef) {
    pull.baseRef = patch.base;
    pull.mergeability = undefined;
  }
  if (patch.draft === false && pull.draft) recordEvent(state, issue, actor, 'ready_for_review');
  if (patch.draft !== undefined) pull.draft = patch.draft;
  if (patch.maintainerCanModify !== undefined) pull.maintainerCanModify = patch.maintainerCanModify;
  const issuePatch = {
    ...(patch.title === undefined ? {} : { title: patch.title }),
    ...(patch.body === undefined ? {} : { body: patch.body }),
    ...(patch.state === undefined ? {} : { state: patch.state }),
  };
  patchIssue(state, issue, issuePatch, actor);
}

/** Stores a review; submitting one bumps the PR's updated_at. */
export function createReview(state: ModelState, issue: PullIssue, input: AddReviewInput): ReviewRecord {
  const now = state.now();
  const review: ReviewRecord = {
    id: state.nextId(),
    pullNumber: issue.number,
    author: state.ensureUser(input.user).login,
    state: input.state,
    body: input.body,
    commitId: input.commitId ?? pullShas(state, issue).headSha,
    submittedAt: input.state === 'PENDING' ? null : now,
  };
  state.reviews.push(review);
  if (review.submittedAt !== null) issue.updatedAt = now;
  return review;
}

/** Stores an inline review comment; bumps the PR's updated_at. */
export function createReviewComment(
  state: ModelState,
  issue: PullIssue,
  input: AddReviewCommentInput,
): ReviewCommentRecord {
  const now = state.now();
  const comment: ReviewCommentRecord = {
    id: state.nextId(),
    pullNumber: issue.number,
    reviewId: input.reviewId ?? null,
    author: state.ensureUser(input.user).login,
    body: input.body,
    path: input.path,
    line: input.line,
    side: input.side ?? 'RIGHT',
    commitId: input.commitId ?? pullShas(state, issue).headSha,
    inReplyToId: input.inReplyTo,
    createdAt: now,
    updatedAt: now,
  };
  state.reviewComments.push(comment);
  issue.updatedAt = now;
  return comment;
}
