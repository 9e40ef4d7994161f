import { describe, expect, it } from 'vitest';
import type { RelatedPullRequest } from './related-work.js';
import {
  formatRelatedIssues,
  formatRelatedPullRequests,
  formatResolutionSignals,
  formatTriageContext,
} from './related-work.js';
import { issue } from './test-builders.js';

function pull(fields: Partial<RelatedPullRequest> & Pick<RelatedPullRequest, 'number'>): RelatedPullRequest {
  return {
    title: `PR ${fields.number}`,
    body: '',
    state: 'open',
    draft: false,
    merged: false,
    mergeableState: null,
    mergeCommitSha: null,
    updatedAt: '2026-01-02T00:00:00Z',
    ...fields,
  };
}

describe('formatRelatedIssues', () => {
  it('excludes the current issue and shows labels and a summary', () => {
    const text = formatRelatedIssues(
      [
        issue({ number: 5, title: 'current' }),
        issue({ number: 6, title: 'other', labels: ['bug'], body: 'details' }),
      ],
      5,
    );

    expect(text).toBe(
      '- #6 [open] other (updated_at=2026-01-01T00:00:00Z)\n  labels: bug\n  summary: details',
    );
  });
});

describe('formatRelatedPullRequests and formatResolutionSignals', () => {
  it('shows merged and open PRs with their merge SHA, mergeable state and signals', () => {
    const pulls = [
      pull({ number: 20, merged: true, state: 'closed', mergeCommitSha: 'abcdef1234567' }),
      pull({ number: 21, mergeableState: 'dirty', draft: true }),
      pull({ number: 22, state: 'closed' }),
    ];

    const listing = formatRelatedPullRequests(pulls);
    const signals = formatResolutionSignals(pulls);

    expect(listing).toContain('- PR #20 [merged] PR 20');
    expect(listing).toContain('merged_sha: abcdef1');
    expect(listing).toContain('- PR #21 [open draft] PR 21');
    expect(listing).toContain('mergeable_state: dirty');
    expect(signals).toBe(
      [
        '- PR #20 merged, may already contain the fix (commit abcdef1)',
        '- PR #21 still in progress',
        '- PR #22 closed without merge record',
      ].join('\n'),
    );
  });
});

describe('formatTriageContext', () => {
  it('is empty when nothing was found', () => {
    expect(
      formatTriageContext({ currentNumber: 1, duplicates: [], similarIssues: [], relatedPullRequests: [] }),
    ).toBe('');
  });
});
