import { describe, expect, it } from 'vitest';
import { advanceCursor, sinceWithOverlap } from './overlap-window.js';

describe('sinceWithOverlap', () => {
  it.each([
    ['2026-03-24T12:00:00Z', 0, '2026-03-24T12:00:00Z'],
    ['2026-03-24T12:00:00Z', 60_000, '2026-03-24T11:59:00Z'],
    ['2026-03-24T12:00:00.999Z', 0, '2026-03-24T12:00:00Z'],
    ['2026-03-24T12:00:00.500Z', 1_000, '2026-03-24T11:59:59Z'],
    ['2026-03-24T14:00:00+02:00', 30_000, '2026-03-24T11:59:30Z'],
    ['2026-01-01T00:00:10Z', 20_000, '2025-12-31T23:59:50Z'],
  ])('moves cursor %s back by %i ms to %s, floored to whole seconds', (cursor, overlapMs, since) => {
    expect(sinceWithOverlap(cursor, overlapMs)).toBe(since);
  });

  it.each(['', 'yesterday', '2026-03-24', '1711281600'])('refuses the cursor "%s"', (cursor) => {
    expect(() => sinceWithOverlap(cursor, 0)).toThrow(
      expect.objectContaining({ code: 'POLL_CURSOR_INVALID' }),
    );
  });

  it('refuses a negative overlap', () => {
    expect(() => sinceWithOverlap('2026-03-24T12:00:00Z', -1)).toThrow('non-negative');
  });
});

describe('advanceCursor', () => {
  it('moves to the newest updated_at seen', () => {
    const next = advanceCursor('2026-03-24T12:00:00Z', ['2026-03-24T12:00:05Z', '2026-03-24T12:00:03Z']);

    expect(next).toBe('2026-03-24T12:00:05Z');
  });

  it('never moves the cursor backwards when the overlap re-reads older items', () => {
    const next = advanceCursor('2026-03-24T12:00:00Z', ['2026-03-24T11:59:30Z']);

    expect(next).toBe('2026-03-24T12:00:00Z');
  });

  it('compares instants, not strings, across time-zone notations', () => {
    const next = advanceCursor('2026-03-24T12:00:00Z', ['2026-03-24T13:30:00+02:00']);

    expect(next).toBe('2026-03-24T12:00:00Z');
  });

  it('starts a cursor from the first observations and stays unset without any', () => {
    expect(advanceCursor(undefined, ['2026-03-24T12:00:00Z'])).toBe('2026-03-24T12:00:00Z');
    expect(advanceCursor(undefined, [])).toBeUndefined();
  });
});
