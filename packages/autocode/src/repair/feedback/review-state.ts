import type { Review } from '@patchloop/core';
import { compareIds, compareInstants } from './compare-instants.js';

/** The overall state of a pull request's reviews (spec autocode-execution §3.2). */
export type OverallReviewState = 'changes_requested' | 'approved' | 'commented' | 'pending';

/**
 * The latest review of each reviewer, keyed by lower-cased login: the greatest (submitted time,
 * id), times compared as instants. Reviews without a login are ignored.
 */
export function latestReviewsByReviewer(reviews: readonly Review[]): ReadonlyMap<string, Review> {
  const latest = new Map<string, Review>();
  for (const review of reviews) {
    const login = review.author.login.trim().toLowerCase();
    if (login === '') continue;
    const current = latest.get(login);
    if (current === undefined || isLater(review, current)) latest.set(login, review);
  }
  return latest;
}

/**
 * Any latest review requesting changes wins, then any approval, then any comment; with none of
 * those the pull request is `pending`.
 */
export function overallReviewState(latest: Iterable<Review>): OverallReviewState {
  const states = new Set([...latest].map((review) => review.state));
  if (states.has('CHANGES_REQUESTED')) return 'changes_requested';
  if (states.has('APPROVED')) return 'approved';
  if (states.has('COMMENTED')) return 'commented';
  return 'pending';
}

function isLater(candidate: Review, current: Review): boolean {
  // A review still being written has no submitted time; it sorts before every submitted one.
  const byTime = compareInstants(candidate.submittedAt ?? '', current.submittedAt ?? '');
  return (byTime || compareIds(`${candidate.id}`, `${current.id}`)) > 0;
}
