import { describe, expect, it } from 'vitest';
import { appendIssueVersion, maxRememberedVersions, sameIssueVersion } from './issue-version.js';

describe('sameIssueVersion', () => {
  it.each([
    ['2026-01-01T09:00:00Z', '2026-01-01T09:00:00+00:00', true],
    ['2026-01-01T09:00:00Z', '2026-01-01T09:00:00.000Z', true],
    ['2026-01-01T10:00:00+01:00', '2026-01-01T09:00:00Z', true],
    ['2026-01-01T09:00:00Z', '2026-01-01T09:00:01Z', false],
    [' v1 ', 'v1', true],
    ['v1', 'v2', false],
  ])('compares %s and %s as the same version: %s', (a, b, same) => {
    expect(sameIssueVersion(a, b)).toBe(same);
  });
});

describe('appendIssueVersion', () => {
  it('moves a version seen again to the end instead of repeating it', () => {
    const history = ['2026-01-01T08:00:00Z', '2026-01-01T09:00:00Z'];

    const next = appendIssueVersion(history, '2026-01-01T08:00:00+00:00');

    expect(next).toEqual(['2026-01-01T09:00:00Z', '2026-01-01T08:00:00+00:00']);
  });

  it('keeps only the newest versions up to the cap', () => {
    let history: readonly string[] = [];

    for (let index = 0; index < 20; index += 1) history = appendIssueVersion(history, `v${index}`);

    expect(history).toHaveLength(maxRememberedVersions);
    expect(history[0]).toBe('v4');
    expect(history.at(-1)).toBe('v19');
  });

  it('ignores an empty version', () => {
    expect(appendIssueVersion(['v1'], '  ')).toEqual(['v1']);
  });
});
