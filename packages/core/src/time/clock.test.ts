import { describe, expect, it } from 'vitest';
import { toIsoSeconds } from './clock.js';

describe('toIsoSeconds', () => {
  it('formats epoch milliseconds as UTC with second precision and a trailing Z', () => {
    expect(toIsoSeconds(Date.UTC(2026, 2, 24, 12, 0, 0, 987))).toBe('2026-03-24T12:00:00Z');
  });
});
