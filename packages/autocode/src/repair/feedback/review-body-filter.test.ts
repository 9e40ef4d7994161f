import type { ReviewState } from '@patchloop/core';
import { describe, expect, it } from 'vitest';
import { isBoilerplate, isNonActionableSummary, shouldIncludeReviewBody } from './review-body-filter.js';

function include(body: string, reviewer = 'reviewer', state: ReviewState = 'COMMENTED'): boolean {
  return shouldIncludeReviewBody({ body, state, reviewer, prAuthor: 'author' });
}

describe('shouldIncludeReviewBody', () => {
  it.each([
    ['a plain request', 'please update this', true],
    [
      'a structured summary that passes everything',
      '评审结论\n必要性：通过\n是否可直接合入：可\n主要问题：无',
      false,
    ],
    ['an English summary that passes', '**Review summary**\n- Necessity: yes\n- Ready to merge: yes', false],
    ['a structured summary that blocks', '**Review summary**\n- Ready to merge: after fixes', true],
    ['a structured summary with a request', '评审结论\n必要性：通过\n请修复 src/a.py 的空指针', true],
    ['Codex boilerplate', '### 💡 Codex Review\n\nHere are some automated review suggestions.', false],
    [
      'Copilot boilerplate',
      'Copilot reviewed 3 out of 3 changed files in this pull request and generated 2 comments.',
      false,
    ],
    ['low-confidence boilerplate', '<details>Comments suppressed due to low confidence (1)</details>', false],
  ])('judges %s from another reviewer: %s', (_name, body, expected) => {
    expect(include(body)).toBe(expected);
  });

  it.each([
    ['"ready to merge"', 'Ready to merge.', false],
    ['"LGTM!"', '**LGTM!**', false],
    ['a Chinese approval', '没问题', false],
    ['boilerplate', '### 💡 Codex Review\nplease fix `x`', false],
    ['an actionable marker', 'please fix the empty-list case', true],
    ['a backticked token', 'The `parseConfig` guard is missing', true],
    ['a path under a source folder', 'see src/poller.ts for the retry', true],
    ['a path with an extension', 'lib/cursor.go loses the offset', true],
    ['vague prose', 'I had another look at this', false],
    [
      'a "not mergeable" Chinese verdict with file refs',
      '评审结论\n是否可直接合入：不可\n主要问题：app/service.py 缺少校验',
      true,
    ],
  ])('judges a self review with %s: %s', (_name, body, expected) => {
    expect(include(body, 'Author')).toBe(expected);
  });

  it('applies the self-review rules only to comment reviews', () => {
    expect(include('I had another look at this', 'author', 'CHANGES_REQUESTED')).toBe(true);
  });
});

describe('isNonActionableSummary', () => {
  it('needs the summary heading', () => {
    expect(isNonActionableSummary('Necessity: yes')).toBe(false);
  });
});

describe('isBoilerplate', () => {
  it('ignores case and spacing', () => {
    expect(isBoilerplate('SHOW   A SUMMARY\nPER FILE')).toBe(true);
  });
});
