import { describe, expect, it } from 'vitest';
import { aggregateCiStatus } from './ci-status.js';
import {
  issueReferences,
  processThrottleFacts,
  reviewFacts,
  scopeHint,
  snapshotFacts,
  summarizeMergeState,
} from './runtime-facts.js';

describe('summarizeMergeState', () => {
  it.each([
    { mergeable: false, mergeableState: 'blocked', expected: /blocked .*this is not a conflict/ },
    {
      mergeable: false,
      mergeableState: 'dirty',
      expected: /^has merge conflicts \(mergeable_state=dirty\)$/,
    },
    {
      mergeable: false,
      mergeableState: 'behind',
      expected: /^cannot auto-merge \(mergeable_state=behind\)$/,
    },
    { mergeable: true, mergeableState: 'clean', expected: /^mergeable \(mergeable_state=clean\)$/ },
    { mergeable: null, mergeableState: 'unknown', expected: /^not yet stable/ },
    { mergeable: null, mergeableState: null, expected: /^no merge information$/ },
  ])('mergeable=$mergeable state=$mergeableState', ({ mergeable, mergeableState, expected }) => {
    expect(summarizeMergeState({ mergeable, mergeableState })).toMatch(expected);
  });
});

describe('issueReferences', () => {
  it('finds up to three distinct references including full-width colons', () => {
    expect(issueReferences('Refs Issue：#602\nCloses #603\ncloses #603\nfixes #1 resolved #2')).toBe(
      'Refs Issue：#602 | Closes #603 | closes #603',
    );
    expect(issueReferences('no links here, just #5')).toBe('none detected');
  });
});

describe('scopeHint', () => {
  it.each([
    [['README.md', 'docs/guide.md', 'docs/shot.png'], /every changed file is documentation/],
    [['docs/usage.md', 'src/sender.py'], /only touch comments or docstrings/],
    [['src/app.go', 'README.md'], /normal risk review/],
    [['src/app.ts'], /normal risk review/],
  ])('%j', (files, expected) => {
    expect(scopeHint(files)).toMatch(expected);
  });
});

describe('reviewFacts', () => {
  it('lists file count, references, scope, snapshot and runtime facts without duplicates', () => {
    const facts = reviewFacts({
      pull: { body: 'Closes #7', mergeable: false, mergeableState: 'dirty', draft: false },
      changedFiles: ['docs/a.md'],
      ci: aggregateCiStatus([], null),
      snapshot: {
        headSha: 'h'.repeat(40),
        compareRef: 'origin/main',
        mergeBase: '1234567890abcdef',
        fileListSource: 'git diff',
      },
      extra: ['Changed files: 1'],
    });

    expect(facts).toEqual([
      'Changed files: 1',
      'Issue references: Closes #7',
      expect.stringMatching(/every changed file is documentation/),
      `Checked-out head: ${'h'.repeat(40)}`,
      'Compared against: origin/main',
      'Merge-base: 1234567890ab',
      'Changed-file list source: git diff',
      'CI state: missing',
      'Merge state: has merge conflicts (mergeable_state=dirty)',
      'Draft: no',
      'CI details: no checks/statuses detected',
    ]);
  });

  it('keeps the snapshot facts to four lines', () => {
    expect(
      snapshotFacts({ headSha: 'a', compareRef: 'b', mergeBase: 'c', fileListSource: 'd' }),
    ).toHaveLength(4);
  });
});

describe('processThrottleFacts', () => {
  it('returns exactly one hint when earlier reviews repeatedly raised process items', () => {
    expect(
      processThrottleFacts(['Missing description and rollback plan', 'README not updated']),
    ).toHaveLength(1);
    expect(processThrottleFacts(['A real bug in parsing'])).toEqual([]);
  });
});
