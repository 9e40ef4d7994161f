import type { ReviewCursorName, ReviewCursors } from './poll-ports.js';

/** Overlap re-read after a clean listing: GitHub's `since` has one-second precision. */
export const cleanOverlapMs = 5_000;
/** Overlap after an item failed: the failed item is listed again on the next cycle. */
export const failureOverlapMs = 30_000;

/** Collects what one listing observed and moves its cursor once the listing is handled. */
export interface CursorWindow {
  /** An item was listed (handled, skipped or failed): the cursor may move past it. */
  observe(at: string): void;
  /** An item could not be handed to the queue: the cursor must stay before it. */
  fail(at: string): void;
  /** Advances the cursor: earliest failure − 30 s, else newest observed − 5 s, else nothing. */
  commit(): void;
}

/**
 * The cursor rule of spec §3.1 for one listing. Timestamps are compared as instants, not strings
 * (weakness 26). A listing that failed to fetch never calls `commit`, so its cursor stays put.
 */
export function createCursorWindow(cursors: ReviewCursors, name: ReviewCursorName): CursorWindow {
  let newest: string | undefined;
  let earliestFailure: string | undefined;
  return {
    observe: (at) => {
      if (newest === undefined || instant(at) > instant(newest)) newest = at;
    },
    fail: (at) => {
      if (earliestFailure === undefined || instant(at) < instant(earliestFailure)) earliestFailure = at;
    },
    commit: () => {
      if (earliestFailure !== undefined) cursors.advance(name, earliestFailure, failureOverlapMs);
      else if (newest !== undefined) cursors.advance(name, newest, cleanOverlapMs);
    },
  };
}

/** Epoch milliseconds of an ISO timestamp; unparseable values sort first so they never win. */
export function instant(iso: string): number {
  const at = Date.parse(iso);
  return Number.isNaN(at) ? Number.NEGATIVE_INFINITY : at;
}
