import { AppError } from '../errors/app-error.js';
import { toIsoSeconds } from '../time/clock.js';

/**
 * The `since` to send for the next poll: the cursor minus an overlap, floored to whole seconds.
 * GitHub's `since` has one-second precision and filters on `updated_at`, which can lag the
 * event, so re-reading a short window (and deduplicating by id) is what keeps polls lossless.
 */
export function sinceWithOverlap(cursorIso: string, overlapMs: number): string {
  if (!Number.isFinite(overlapMs) || overlapMs < 0) {
    throw new AppError(
      'INTERNAL_INVARIANT',
      `The poll overlap must be a non-negative duration, got ${overlapMs}.`,
    );
  }
  return toIsoSeconds(parseCursor(cursorIso) - overlapMs);
}

/**
 * The cursor after a poll: the newest `updated_at` seen, never earlier than the current cursor.
 * Timestamps are compared as instants, not strings, so `Z` and `+00:00` forms mix safely.
 */
export function advanceCursor(
  currentIso: string | undefined,
  observedIsos: readonly string[],
): string | undefined {
  let newest = currentIso === undefined ? undefined : parseCursor(currentIso);
  for (const observed of observedIsos) {
    const at = parseCursor(observed);
    if (newest === undefined || at > newest) newest = at;
  }
  return newest === undefined ? undefined : toIsoSeconds(newest);
}

function parseCursor(iso: string): number {
  // Date.parse accepts many loose forms; a cursor must be a full ISO-8601 date-time.
  const at = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(iso)
    ? Date.parse(iso)
    : Number.NaN;
  if (Number.isNaN(at)) {
    throw new AppError(
      'POLL_CURSOR_INVALID',
      `Poll cursor "${iso}" is not an ISO-8601 date-time such as 2026-01-01T00:00:00Z.`,
    );
  }
  return at;
}
