import type { PullRequest } from '@patchloop/core';
import { describe, expect, it } from 'vitest';
import type { TrackingSettings } from './tracking.js';
import { trackingSourceOf } from './tracking.js';

const settings: TrackingSettings = {
  repository: 'acme/widgets',
  branchPrefix: 'autocode',
  trackAuthors: ['alice'],
  queueEnabled: true,
  pollEnabled: true,
};

function aPull(
  overrides: Partial<Pick<PullRequest, 'headRef' | 'headRepoFullName'>> & { author?: string } = {},
) {
  return {
    headRef: overrides.headRef ?? 'autocode/issue-1-fast',
    headRepoFullName: overrides.headRepoFullName === undefined ? 'acme/widgets' : overrides.headRepoFullName,
    author: { login: overrides.author ?? 'patchloop-bot', id: 1, type: 'User' as const },
  };
}

describe('trackingSourceOf', () => {
  it('tracks PatchLoop branches of the repository itself', () => {
    expect(trackingSourceOf(aPull(), settings)).toBe('autocode_branch');
  });

  it('tracks same-repository PRs of allow-listed authors only while the PR queue is on', () => {
    const pull = aPull({ headRef: 'feature/x', author: 'Alice' });

    expect(trackingSourceOf(pull, settings)).toBe('author_allowlist');
    expect(trackingSourceOf(pull, { ...settings, queueEnabled: false })).toBeNull();
  });

  it('never tracks forks, other branches, or anything when both switches are off', () => {
    expect(trackingSourceOf(aPull({ headRepoFullName: 'mallory/widgets' }), settings)).toBeNull();
    expect(trackingSourceOf(aPull({ headRef: 'feature/x' }), settings)).toBeNull();
    expect(trackingSourceOf(aPull(), { ...settings, queueEnabled: false, pollEnabled: false })).toBeNull();
  });
});
