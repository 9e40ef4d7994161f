// Hand-built fixtures for the feedback tests. Each builder returns a complete, plausible value
// that a test overrides field by field.

import type { Review, ReviewComment, User } from '@patchloop/core';
import type { FeedbackItem } from '../feedback-item.js';

/** A GitHub user account (a `Bot` when the login ends in `[bot]`). */
export function aUser(login: string): User {
  return { login, id: login.length * 1000, type: login.endsWith('[bot]') ? 'Bot' : 'User' };
}

/** A COMMENTED review by `reviewer` on head `head-sha`. */
export function aReview(overrides: Partial<Review> & { login?: string } = {}): Review {
  const { login = 'reviewer', ...rest } = overrides;
  const id = rest.id ?? 100;
  return {
    id,
    author: aUser(login),
    body: 'please update this',
    state: 'COMMENTED',
    commitId: 'head-sha',
    submittedAt: '2026-03-24T10:00:00Z',
    htmlUrl: `https://github.com/acme/widgets/pull/11#pullrequestreview-${id}`,
    ...rest,
  };
}

/** A current inline comment by `reviewer` on `app.py` line 30, not tied to a review. */
export function aReviewComment(overrides: Partial<ReviewComment> & { login?: string } = {}): ReviewComment {
  const { login = 'reviewer', ...rest } = overrides;
  const id = rest.id ?? 200;
  return {
    id,
    pullRequestNumber: 11,
    reviewId: null,
    inReplyToId: null,
    author: aUser(login),
    body: 'rename variable',
    path: 'app.py',
    line: 30,
    originalLine: 30,
    side: 'RIGHT',
    commitId: 'head-sha',
    createdAt: '2026-03-24T10:00:00Z',
    updatedAt: '2026-03-24T10:00:00Z',
    htmlUrl: `https://github.com/acme/widgets/pull/11#discussion_r${id}`,
    ...rest,
  };
}

/** A trusted human's review item. */
export function anItem(overrides: Partial<FeedbackItem> = {}): FeedbackItem {
  const id = overrides.id ?? '100';
  return {
    kind: 'review',
    id,
    author: 'reviewer',
    authorIsBot: false,
    trusted: true,
    body: 'please update this',
    path: null,
    line: null,
    side: null,
    reviewId: null,
    state: 'COMMENTED',
    at: '2026-03-24T10:00:00Z',
    fingerprint: `review:${id}:0123456789abcdef`,
    ...overrides,
  };
}
