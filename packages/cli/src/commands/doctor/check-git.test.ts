import { describe, expect, it } from 'vitest';
import { isGitVersionAtLeast, minimumGitVersion, parseGitVersion } from './check-git.js';

describe('parseGitVersion', () => {
  it('reads a plain release', () => {
    expect(parseGitVersion('git version 2.39.5\n')).toEqual({ major: 2, minor: 39, patch: 5 });
  });

  it('reads vendor suffixes and two-part versions', () => {
    expect(parseGitVersion('git version 2.45.1.windows.1')).toEqual({ major: 2, minor: 45, patch: 1 });
    expect(parseGitVersion('git version 2.30.GIT')).toEqual({ major: 2, minor: 30, patch: 0 });
  });

  it('returns undefined for text that is not a git version', () => {
    expect(parseGitVersion('command not found')).toBeUndefined();
  });
});

describe('isGitVersionAtLeast', () => {
  it('accepts the minimum and anything newer', () => {
    expect(isGitVersionAtLeast({ major: 2, minor: 30, patch: 0 }, minimumGitVersion)).toBe(true);
    expect(isGitVersionAtLeast({ major: 2, minor: 39, patch: 5 }, minimumGitVersion)).toBe(true);
    expect(isGitVersionAtLeast({ major: 3, minor: 0, patch: 0 }, minimumGitVersion)).toBe(true);
  });

  it('rejects anything older than the minimum', () => {
    expect(isGitVersionAtLeast({ major: 2, minor: 29, patch: 9 }, minimumGitVersion)).toBe(false);
    expect(isGitVersionAtLeast({ major: 1, minor: 99, patch: 0 }, minimumGitVersion)).toBe(false);
  });
});
