import type { Review, ReviewComment } from '@patchloop/core';
import type { FeedbackItem } from '../feedback-item.js';
import type { TrustCheck } from './bot-feedback.js';
import {
  isActionableOpenReviewItem,
  isBotAuthored,
  isOpenReviewBody,
  isOpenReviewItem,
  isStaleForHead,
} from './bot-feedback.js';
import { compareIds, compareInstants } from './compare-instants.js';
import type { FeedbackCursor } from './feedback-cursor.js';
import { isPending } from './feedback-cursor.js';
import { feedbackFingerprint } from './feedback-fingerprint.js';
import { shouldIncludeReviewBody } from './review-body-filter.js';
import { latestReviewsByReviewer } from './review-state.js';

/** What {@link collectFeedback} reads: one pull request's reviews and inline comments (all pages). */
export interface CollectFeedbackInput {
  readonly reviews: readonly Review[];
  readonly reviewComments: readonly ReviewComment[];
  /** Login of the pull request's author; their own comment reviews need concrete content. */
  readonly prAuthor: string;
  readonly headSha: string;
  readonly cursor: FeedbackCursor | null;
  readonly isTrusted: TrustCheck;
  /** Extra review bot logins (besides `[bot]` accounts and the known review bots). */
  readonly botLogins?: readonly string[];
}

/**
 * The pending feedback of a pull request (spec autocode-execution §3.2 steps 1-5), oldest first:
 * bodies of each reviewer's latest commenting or change-requesting review, their inline comments,
 * standalone inline comments from anyone (untrusted authors' marked `trusted: false`), then, when
 * an actionable OpenReview verdict exists, without the bot items older than it.
 */
export function collectFeedback(input: CollectFeedbackInput): FeedbackItem[] {
  const actionable = actionableReviews(input);
  const actionableReviewers = new Set(actionable.map((review) => loginOf(review)));
  const reviewsById = new Map(input.reviews.map((review) => [review.id, review]));

  const reviewItems = actionable
    .filter(
      (review) =>
        review.body.trim() !== '' &&
        shouldIncludeReviewBody({
          body: review.body,
          state: review.state,
          reviewer: review.author.login,
          prAuthor: input.prAuthor,
        }),
    )
    .map((review) => reviewItem(review, input));
  const commentItems = input.reviewComments
    .filter((comment) => comment.body.trim() !== '' && !isOutdated(comment))
    .filter((comment) => {
      if (comment.reviewId === null) return true;
      // GitHub files even a single inline comment under a review of its own, so a reviewer's
      // comments count while their latest review still asks for something, not only that review's.
      const review = reviewsById.get(comment.reviewId);
      if (review === undefined || !actionableReviewers.has(loginOf(review))) return false;
      return isAskingReview(review, input);
    })
    .map((comment) => commentItem(comment, input));

  const pending = [...reviewItems, ...commentItems]
    .filter((item) => isPending(item, input.cursor))
    .sort((a, b) => compareInstants(a.at, b.at) || compareIds(a.id, b.id));
  return focusOnLatestOpenReview(pending);
}

// Step 1: a later APPROVED or DISMISSED review silences its author; an OpenReview review made on an
// older head is stale.
function actionableReviews(input: CollectFeedbackInput): Review[] {
  return [...latestReviewsByReviewer(input.reviews).values()].filter((review) =>
    isAskingReview(review, input),
  );
}

function isAskingReview(review: Review, input: CollectFeedbackInput): boolean {
  if (review.state !== 'COMMENTED' && review.state !== 'CHANGES_REQUESTED') return false;
  return !(isOpenReviewReview(review, input) && isStaleForHead(review.commitId, input.headSha));
}

function isOpenReviewReview(review: Review, input: CollectFeedbackInput): boolean {
  const trustedSource =
    isBotAuthored(review.author, review.body, input.isTrusted, input.botLogins) ||
    input.isTrusted(review.author.login);
  return trustedSource && isOpenReviewBody(review.body);
}

// A comment on a line that no longer exists in the diff: it had a line once, it has none now.
function isOutdated(comment: ReviewComment): boolean {
  return (
    comment.path !== '' && !(comment.line !== null && comment.line > 0) && (comment.originalLine ?? 0) > 0
  );
}

// Step 5: an actionable OpenReview verdict supersedes older bot chatter.
function focusOnLatestOpenReview(items: FeedbackItem[]): FeedbackItem[] {
  const verdicts = items.filter(isActionableOpenReviewItem);
  const newest = verdicts.at(-1);
  if (newest === undefined) return items;
  return items.filter(
    (item) => !item.authorIsBot || isOpenReviewItem(item) || compareInstants(item.at, newest.at) >= 0,
  );
}

function reviewItem(review: Review, input: CollectFeedbackInput): FeedbackItem {
  const authorIsBot = isBotAuthored(review.author, review.body, input.isTrusted, input.botLogins);
  const base = {
    kind: 'review' as const,
    id: `${review.id}`,
    author: loginOf(review),
    body: review.body,
    path: null,
    line: null,
    side: null,
    reviewId: null,
    state: review.state,
    at: review.submittedAt ?? '',
  };
  return {
    ...base,
    authorIsBot,
    trusted: !authorIsBot && input.isTrusted(review.author.login),
    fingerprint: feedbackFingerprint({ ...base, originalLine: null }),
  };
}

function commentItem(comment: ReviewComment, input: CollectFeedbackInput): FeedbackItem {
  const authorIsBot = isBotAuthored(comment.author, comment.body, input.isTrusted, input.botLogins);
  const base = {
    kind: 'review_comment' as const,
    id: `${comment.id}`,
    author: comment.author.login.trim().toLowerCase(),
    body: comment.body,
    path: comment.path === '' ? null : comment.path,
    // The current line helps the agent on the current head; the original line is the fallback.
    line: positive(comment.line) ?? positive(comment.originalLine),
    side: comment.side,
    reviewId: comment.reviewId,
    state: null,
    at: comment.updatedAt === '' ? comment.createdAt : comment.updatedAt,
  };
  return {
    ...base,
    authorIsBot,
    trusted: !authorIsBot && input.isTrusted(comment.author.login),
    fingerprint: feedbackFingerprint({ ...base, originalLine: comment.originalLine }),
  };
}

function positive(value: number | null): number | null {
  return value !== null && value > 0 ? value : null;
}

function loginOf(review: Review): string {
  return review.author.login.trim().toLowerCase();
}
