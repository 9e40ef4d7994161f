import type { Review } from '@patchloop/core';
import { describe, expect, it } from 'vitest';
import type { OverallReviewState } from './review-state.js';
import { latestReviewsByReviewer, overallReviewState } from './review-state.js';
import { aReview } from './test-builders.js';

describe('latestReviewsByReviewer', () => {
  it('keeps the latest review per lower-cased login', () => {
    const reviews = [
      aReview({ id: 1, login: 'Alice', state: 'CHANGES_REQUESTED', submittedAt: '2026-03-24T10:00:00Z' }),
      aReview({ id: 2, login: 'alice', state: 'APPROVED', submittedAt: '2026-03-24T11:00:00Z' }),
      aReview({ id: 3, login: 'bob', submittedAt: '2026-03-24T09:00:00Z' }),
    ];

    const latest = latestReviewsByReviewer(reviews);

    expect([...latest.keys()]).toEqual(['alice', 'bob']);
    expect(latest.get('alice')?.id).toBe(2);
  });

  it('compares submitted times as instants, not strings', () => {
    const reviews = [
      aReview({ id: 1, state: 'CHANGES_REQUESTED', submittedAt: '2026-03-24T11:30:00+02:00' }),
      aReview({ id: 2, state: 'APPROVED', submittedAt: '2026-03-24T10:00:00Z' }),
    ];

    expect(latestReviewsByReviewer(reviews).get('reviewer')?.id).toBe(2);
  });

  it('breaks equal times by the greater id', () => {
    const reviews = [aReview({ id: 7 }), aReview({ id: 5 })];

    expect(latestReviewsByReviewer(reviews).get('reviewer')?.id).toBe(7);
  });

  it('ranks a review without a submitted time below submitted ones', () => {
    const reviews = [aReview({ id: 9, state: 'PENDING', submittedAt: null }), aReview({ id: 1 })];

    expect(latestReviewsByReviewer(reviews).get('reviewer')?.id).toBe(1);
  });

  it('ignores reviews without a login', () => {
    expect(latestReviewsByReviewer([aReview({ login: ' ' })]).size).toBe(0);
  });
});

describe('overallReviewState', () => {
  const of = (...states: Review['state'][]): Review[] =>
    states.map((state, index) => aReview({ id: index + 1, login: `user${index}`, state }));

  it.each<[Review['state'][], OverallReviewState]>([
    [['APPROVED', 'CHANGES_REQUESTED', 'COMMENTED'], 'changes_requested'],
    [['COMMENTED', 'APPROVED'], 'approved'],
    [['COMMENTED', 'DISMISSED'], 'commented'],
    [['DISMISSED'], 'pending'],
    [[], 'pending'],
  ])('reads %j as %s', (states, expected) => {
    expect(overallReviewState(of(...states))).toBe(expected);
  });

  it('accepts the map of latest reviews', () => {
    const latest = latestReviewsByReviewer([
      aReview({ id: 1, state: 'CHANGES_REQUESTED' }),
      aReview({ id: 2, state: 'APPROVED', submittedAt: '2026-03-24T11:00:00Z' }),
    ]);

    expect(overallReviewState(latest.values())).toBe('approved');
  });
});
