import { describe, expect, it } from 'vitest';
import type { IssueRecord } from './model-records.js';
import { matchesSearch, parseSearchQuery } from './search-query.js';

function anIssue(overrides: Partial<IssueRecord> = {}): IssueRecord {
  return {
    number: 1,
    id: 1,
    title: 'Crash on startup',
    body: 'Stack trace in config.ts',
    author: 'alice',
    labels: ['bug'],
    assignees: [],
    state: 'open',
    stateReason: null,
    locked: false,
    createdAt: 0,
    updatedAt: 0,
    closedAt: null,
    closedBy: null,
    pull: undefined,
    ...overrides,
  };
}

describe('parseSearchQuery', () => {
  it('separates qualifiers, quoted phrases and terms', () => {
    expect(
      parseSearchQuery('repo:acme/widgets is:issue is:open label:"good first" "#12" Crash in:title'),
    ).toEqual({
      repos: ['acme/widgets'],
      kind: 'issue',
      state: 'open',
      labels: ['good first'],
      author: undefined,
      titleOnly: true,
      terms: ['#12', 'crash'],
    });
  });
});

describe('matchesSearch', () => {
  it.each([
    ['repo:acme/widgets crash', true],
    ['repo:acme/gadgets crash', false],
    ['is:pr crash', false],
    ['is:closed crash', false],
    ['label:bug config.ts', true],
    ['in:title config.ts', false],
    ['author:bob crash', false],
    ['"on startup"', true],
  ])('%s → %s', (q, expected) => {
    expect(matchesSearch(parseSearchQuery(q), anIssue(), 'acme/widgets')).toBe(expected);
  });
});
