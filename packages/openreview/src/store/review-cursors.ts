import type { Clock, PollCursorRepository } from '@patchloop/core';
import { sinceWithOverlap, toIsoSeconds } from '@patchloop/core';
import { parseGitHubTime } from './github-time.js';

/** The four listings openreview polls, each with its own `since` cursor. */
export type ReviewCursorName = 'issue' | 'pull_request' | 'issue_comment' | 'review_comment';

/** Row names in core's `poll_cursors` table, prefixed so both daemons can share a file safely. */
export const reviewCursorKeys = {
  baseline: 'openreview:baseline',
  issue: 'openreview:issues',
  pull_request: 'openreview:pulls',
  issue_comment: 'openreview:issue-comments',
  review_comment: 'openreview:review-comments',
} as const;

// Spec §3.1: a missing comment cursor starts where its parent listing's cursor is, and every
// chain ends at the bootstrap baseline.
const fallbacks: Readonly<Record<ReviewCursorName, ReviewCursorName | null>> = {
  issue: null,
  pull_request: null,
  issue_comment: 'issue',
  review_comment: 'pull_request',
};

/** Poll cursors as ISO-8601 UTC strings (second precision, `Z`) that only ever move forward. */
export interface ReviewCursorStore {
  /** When polling started on this store: now minus the backfill window, fixed on first use. */
  baseline(): string;
  /** The cursor; missing ones are bootstrapped and persisted first. */
  get(name: ReviewCursorName): string;
  /** Moves the cursor to `at − overlapMs`, only when that is strictly later than the stored value. */
  advance(name: ReviewCursorName, at: string, overlapMs: number): void;
}

/**
 * Wraps core's poll cursors with the bootstrap of spec §3.1. A fresh install starts from
 * `now − backfillMs` instead of the original's hard-coded numbers (weakness 1), and the
 * baseline is persisted so a restart does not skip what happened while the daemon was down.
 */
export function createReviewCursors({
  cursors,
  clock,
  backfillMs,
}: {
  readonly cursors: PollCursorRepository;
  readonly clock: Clock;
  readonly backfillMs: number;
}): ReviewCursorStore {
  const baseline = (): string => {
    const stored = cursors.get(reviewCursorKeys.baseline)?.value;
    if (stored !== undefined) return stored;
    const value = toIsoSeconds(clock.now() - Math.max(0, backfillMs));
    cursors.put({ name: reviewCursorKeys.baseline, value });
    return value;
  };
  // Persisting the bootstrap value matters: a comment cursor that merely *read* its parent's
  // value would jump forward whenever the parent advanced, silently skipping comments.
  const get = (name: ReviewCursorName): string => {
    const stored = cursors.get(reviewCursorKeys[name])?.value;
    if (stored !== undefined) return stored;
    const parent = fallbacks[name];
    const value = parent === null ? baseline() : get(parent);
    cursors.put({ name: reviewCursorKeys[name], value });
    return value;
  };

  return {
    baseline,
    get,
    advance: (name, at, overlapMs) => {
      const candidate = sinceWithOverlap(at, overlapMs);
      const current = parseGitHubTime(get(name));
      const candidateAt = parseGitHubTime(candidate);
      if (candidateAt === null || (current !== null && candidateAt <= current)) return;
      cursors.put({ name: reviewCursorKeys[name], value: candidate });
    },
  };
}
