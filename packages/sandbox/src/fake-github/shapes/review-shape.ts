import type { ReviewCommentRecord, ReviewRecord } from '../model/model-records.js';
import type { ModelState } from '../model/model-state.js';
import {
  authorAssociation,
  emptyReactions,
  iso,
  type JsonObject,
  nodeId,
  repoApiUrl,
  repoWebUrl,
} from './shape-helpers.js';
import { renderUser } from './user-shape.js';

/** A pull-request review; pending reviews have no `submitted_at`, as on GitHub. */
export function renderReview(state: ModelState, review: ReviewRecord): JsonObject {
  const html = repoWebUrl(state, `/pull/${review.pullNumber}#pullrequestreview-${review.id}`);
  const pullUrl = repoApiUrl(state, `/pulls/${review.pullNumber}`);
  const rendered: JsonObject = {
    id: review.id,
    node_id: nodeId('PullRequestReview', review.id),
    user: renderUser(state, review.author),
    body: review.body,
    state: review.state,
    html_url: html,
    pull_request_url: pullUrl,
    author_association: authorAssociation(state, review.author),
    _links: { html: { href: html }, pull_request: { href: pullUrl } },
    commit_id: review.commitId,
  };
  if (review.submittedAt !== null) rendered['submitted_at'] = iso(review.submittedAt);
  return rendered;
}

/** An inline review comment on a pull request's diff. */
export function renderReviewComment(state: ModelState, comment: ReviewCommentRecord): JsonObject {
  const url = repoApiUrl(state, `/pulls/comments/${comment.id}`);
  const html = repoWebUrl(state, `/pull/${comment.pullNumber}#discussion_r${comment.id}`);
  const pullUrl = repoApiUrl(state, `/pulls/${comment.pullNumber}`);
  const rendered: JsonObject = {
    url,
    pull_request_review_id: comment.reviewId,
    id: comment.id,
    node_id: nodeId('PullRequestReviewComment', comment.id),
    diff_hunk: `@@ -${comment.line},1 +${comment.line},1 @@`,
    path: comment.path,
    position: comment.line,
    original_position: comment.line,
    commit_id: comment.commitId,
    original_commit_id: comment.commitId,
    user: renderUser(state, comment.author),
    body: comment.body,
    created_at: iso(comment.createdAt),
    updated_at: iso(comment.updatedAt),
    html_url: html,
    pull_request_url: pullUrl,
    author_association: authorAssociation(state, comment.author),
    _links: { self: { href: url }, html: { href: html }, pull_request: { href: pullUrl } },
    start_line: null,
    original_start_line: null,
    start_side: null,
    line: comment.line,
    original_line: comment.line,
    side: comment.side,
    subject_type: 'line',
    reactions: emptyReactions(url),
  };
  if (comment.inReplyToId !== undefined) rendered['in_reply_to_id'] = comment.inReplyToId;
  return rendered;
}
