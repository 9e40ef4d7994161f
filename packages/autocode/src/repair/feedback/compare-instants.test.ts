import { describe, expect, it } from 'vitest';
import { compareIds, compareInstants, parseInstant } from './compare-instants.js';

describe('parseInstant', () => {
  it.each([
    ['2026-03-24T10:00:00Z', '2026-03-24T10:00:00+00:00'],
    ['2026-03-24T10:00:00Z', '2026-03-24T10:00:00'],
    ['2026-03-24T10:00:00Z', '2026-03-24 10:00:00'],
    ['2026-03-24T10:00:00Z', '2026-03-24T12:00:00+02:00'],
    ['2026-03-24T10:00:00Z', '2026-03-24T05:30:00-0430'],
    ['2026-03-24T10:00:00Z', '2026-03-24T10:00:00.000000Z'],
  ])('reads %s and %s as the same instant', (left, right) => {
    expect(parseInstant(left)).not.toBeNull();

    expect(parseInstant(left)).toBe(parseInstant(right));
  });

  it('keeps microseconds', () => {
    const whole = parseInstant('2026-03-24T10:00:00Z') ?? 0;

    expect(parseInstant('2026-03-24T10:00:00.000123Z')).toBe(whole + 123);
  });

  it.each([[''], ['yesterday'], ['2026-13-01T00:00:00Z'], ['2026-03-24T25:00:00Z']])(
    'returns null for %j',
    (text) => {
      expect(parseInstant(text)).toBeNull();
    },
  );
});

describe('compareInstants', () => {
  it('orders by instant, not by string', () => {
    expect(compareInstants('2026-03-24T11:00:00+02:00', '2026-03-24T10:00:00Z')).toBe(-1);
    expect(compareInstants('2026-03-24T10:00:00Z', '2026-03-24T10:00:00+00:00')).toBe(0);
  });

  it('falls back to string order when a side does not parse', () => {
    expect(compareInstants('', '2026-03-24T10:00:00Z')).toBe(-1);
    expect(compareInstants('b', 'a')).toBe(1);
  });
});

describe('compareIds', () => {
  it('orders numeric ids by value and other ids after them', () => {
    expect(['lint@abc', '100', '99', '201'].sort(compareIds)).toEqual(['99', '100', '201', 'lint@abc']);
  });
});
