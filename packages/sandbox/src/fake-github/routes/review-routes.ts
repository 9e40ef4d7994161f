import type { ReviewCommentRecord, ReviewState } from '../model/model-records.js';
import { createReview, createReviewComment } from '../model/pull-mutations.js';
import { paginate } from '../server/pagination.js';
import {
  notFound,
  type RouteContext,
  type RouteDefinition,
  type RouteResult,
  validationFailed,
} from '../server/route-types.js';
import { renderReview, renderReviewComment } from '../shapes/review-shape.js';
import {
  bodyOf,
  intParam,
  isDescending,
  requirePull,
  sinceOf,
  sortBy,
  stringField,
  updatedSince,
} from './route-helpers.js';

const base = '/repos/{owner}/{repo}/pulls';

const reviewStates: Record<string, Exclude<ReviewState, 'DISMISSED'>> = {
  APPROVE: 'APPROVED',
  REQUEST_CHANGES: 'CHANGES_REQUESTED',
  COMMENT: 'COMMENTED',
};

/** Reviews and inline review comments, per PR and repository-wide. */
export const reviewRoutes: readonly RouteDefinition[] = [
  {
    method: 'GET',
    path: `${base}/{pull_number}/reviews`,
    handle: (context) => {
      const issue = requirePull(context);
      const page = paginate(
        context,
        context.state.reviews.filter((review) => review.pullNumber === issue.number),
      );
      return {
        status: 200,
        body: page.items.map((r) => renderReview(context.state, r)),
        headers: page.headers,
      };
    },
  },
  { method: 'POST', path: `${base}/{pull_number}/reviews`, handle: submitReview },
  {
    method: 'GET',
    path: `${base}/{pull_number}/reviews/{review_id}`,
    handle: (context) => {
      const issue = requirePull(context);
      const id = intParam(context, 'review_id');
      const review = context.state.reviews.find((r) => r.id === id && r.pullNumber === issue.number);
      if (review === undefined) throw notFound();
      return { status: 200, body: renderReview(context.state, review) };
    },
  },
  {
    method: 'GET',
    path: `${base}/{pull_number}/comments`,
    handle: (context) => {
      const issue = requirePull(context);
      return listComments(context, (comment) => comment.pullNumber === issue.number);
    },
  },
  {
    method: 'POST',
    path: `${base}/{pull_number}/comments`,
    handle: (context) => {
      const issue = requirePull(context);
      const body = bodyOf(context);
      const replyTo = typeof body['in_reply_to'] === 'number' ? body['in_reply_to'] : undefined;
      const parent = context.state.reviewComments.find((comment) => comment.id === replyTo);
      if (replyTo !== undefined && parent === undefined) throw notFound();
      const line = typeof body['line'] === 'number' ? body['line'] : (parent?.line ?? 1);
      const commitId = stringField(context, 'commit_id') ?? parent?.commitId;
      const comment = createReviewComment(context.state, issue, {
        user: context.login,
        body: stringField(context, 'body') ?? '',
        path: stringField(context, 'path') ?? parent?.path ?? '',
        line,
        side: body['side'] === 'LEFT' ? 'LEFT' : 'RIGHT',
        ...(commitId === undefined ? {} : { commitId }),
        ...(replyTo === undefined ? {} : { inReplyTo: replyTo }),
      });
      return { status: 201, body: renderReviewComment(context.state, comment) };
    },
  },
  { method: 'GET', path: `${base}/comments`, handle: (context) => listComments(context, () => true) },
];

function submitReview(context: RouteContext): RouteResult {
  const issue = requirePull(context);
  const body = bodyOf(context);
  const event = stringField(context, 'event');
  const text = stringField(context, 'body') ?? '';
  const state = event === undefined ? 'PENDING' : (reviewStates[event] ?? 'PENDING');
  const ownPull = issue.author.toLowerCase() === context.login.toLowerCase();
  if (ownPull && state === 'APPROVED')
    throw validationFailed(['Can not approve your own pull request'], 'Unprocessable Entity');
  if (ownPull && state === 'CHANGES_REQUESTED') {
    throw validationFailed(['Can not request changes on your own pull request'], 'Unprocessable Entity');
  }
  if (
    (state === 'CHANGES_REQUESTED' || state === 'COMMENTED') &&
    text.trim() === '' &&
    !Array.isArray(body['comments'])
  ) {
    throw validationFailed([`Review body is required for ${event ?? 'this event'}`], 'Unprocessable Entity');
  }
  const pendingExists = context.state.reviews.some(
    (r) =>
      r.pullNumber === issue.number &&
      r.state === 'PENDING' &&
      r.author.toLowerCase() === context.login.toLowerCase(),
  );
  if (state === 'PENDING' && pendingExists) {
    throw validationFailed(
      ['User can only have one pending review per pull request'],
      'Unprocessable Entity',
    );
  }
  const commitId = stringField(context, 'commit_id');
  const review = createReview(context.state, issue, {
    user: context.login,
    state,
    body: text,
    ...(commitId === undefined ? {} : { commitId }),
  });
  const comments = Array.isArray(body['comments']) ? (body['comments'] as Record<string, unknown>[]) : [];
  for (const comment of comments) {
    createReviewComment(context.state, issue, {
      user: context.login,
      body: typeof comment['body'] === 'string' ? comment['body'] : '',
      path: typeof comment['path'] === 'string' ? comment['path'] : '',
      line: typeof comment['line'] === 'number' ? comment['line'] : Number(comment['position'] ?? 1),
      side: comment['side'] === 'LEFT' ? 'LEFT' : 'RIGHT',
      commitId: review.commitId,
      reviewId: review.id,
    });
  }
  return { status: 200, body: renderReview(context.state, review) };
}

function listComments(
  context: RouteContext,
  include: (comment: ReviewCommentRecord) => boolean,
): RouteResult {
  const since = sinceOf(context);
  const matching = context.state.reviewComments.filter((c) => include(c) && updatedSince(c.updatedAt, since));
  const sort = context.query['sort'];
  // Like issue comments: oldest first unless a `sort` is given (then `direction`, default desc).
  const descending = sort === undefined ? false : isDescending(context, 'desc');
  const key =
    sort === 'updated' ? (c: ReviewCommentRecord) => c.updatedAt : (c: ReviewCommentRecord) => c.createdAt;
  const page = paginate(
    context,
    sortBy(matching, key, (c) => c.id, descending),
  );
  return {
    status: 200,
    body: page.items.map((c) => renderReviewComment(context.state, c)),
    headers: page.headers,
  };
}
