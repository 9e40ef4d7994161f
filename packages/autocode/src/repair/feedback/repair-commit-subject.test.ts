import { describe, expect, it } from 'vitest';
import { repairCommitSubject } from './repair-commit-subject.js';
import { anItem } from './test-builders.js';

const marker = '<!-- openreview:idempotency:pr-review:0123456789abcdef0123 -->';

function subject(...bodies: string[]): string {
  return repairCommitSubject(
    7,
    bodies.map((body, index) => anItem({ id: `${index + 1}`, body })),
  );
}

describe('repairCommitSubject', () => {
  it('keeps the point of a "consider …" review comment', () => {
    const body =
      'Consider reading usage with the same dict/object abstraction (`_get_field`) to preserve token accounting when providers return objects.';

    const result = repairCommitSubject(1284, [
      anItem({ kind: 'review_comment', path: 'src/usage.py', body }),
    ]);

    expect(result.startsWith('fix(review-feedback-1284): ')).toBe(true);
    expect(result).toContain('usage');
    expect(result).toContain('dict/object abstraction');
    expect(result).toBe(
      'fix(review-feedback-1284): read usage with the same dict/object abstraction to preserve token',
    );
  });

  it('uses the bold title of a Codex-style comment', () => {
    const body = [
      '**<sub><sub>![P2 Badge](https://img.shields.io/badge/P2-yellow?style=flat)</sub></sub>  Detect buy advice before skipping unavailable flow**',
      '',
      'The new early return skips the whole flow whenever the quote source is unavailable, so buy advice is never reported.',
      '',
      'Useful? React with 👍 / 👎.',
    ].join('\n');

    expect(repairCommitSubject(1289, [anItem({ body })])).toBe(
      'fix(review-feedback-1289): Detect buy advice before skipping unavailable flow',
    );
  });

  it.each([
    ['please update the changelog', 'update the changelog'],
    ['Adding a retry here would help a lot.', 'add a retry here'],
    ['You should add a guard for `null` input.', 'add a guard for null input'],
    ['This breaks on empty lists; fix the loop bound.', 'fix the loop bound'],
    ['Please preserve the order (callers rely on it) to prevent flaky output.', 'preserve the order'],
    [
      'The cursor goes backwards after a restart. It loses items.',
      'The cursor goes backwards after a restart',
    ],
    ['Bad name.', 'Bad name'],
  ])('summarises %j as %j', (body, expected) => {
    expect(subject(body)).toBe(`fix(review-feedback-7): ${expected}`);
  });

  it.each([
    [
      'a Chinese "需要先" request',
      `是否可直接合入：不可\n主要问题：需要先补充回归测试。其他没问题\n${marker}`,
      '补充回归测试',
    ],
    [
      'a Chinese "建议…补" request',
      `是否可直接合入：不可\n建议在文档中补充迁移说明；\n${marker}`,
      '补充迁移说明',
    ],
    [
      'an English blocker tag',
      `**Review summary**\n- **Ready to merge**: after fixes\n\n**Main problems**\n1. [Correctness blocker] The cursor is never rewound. Evidence: poller.ts.\n${marker}`,
      'The cursor is never rewound',
    ],
  ])('takes %s from an OpenReview review', (_name, body, expected) => {
    expect(subject(body)).toBe(`fix(review-feedback-7): ${expected}`);
  });

  it('joins two distinct summaries with "and"', () => {
    expect(subject('please update the docs', 'Please update the docs.', 'please add a test')).toBe(
      'fix(review-feedback-7): update the docs and add a test',
    );
  });

  it('keeps the summary within 72 characters, cut at a word', () => {
    const words = 'rename the variable '.repeat(10);

    const summary = subject(`please ${words}`).replace('fix(review-feedback-7): ', '');

    expect(summary.length).toBeLessThanOrEqual(72);
    expect(summary.length).toBeGreaterThan(60);
    expect(words.startsWith(`${summary} `)).toBe(true);
  });

  it('names the files when no item has text to summarise', () => {
    const items = [
      anItem({ id: '1', kind: 'review_comment', path: 'src/a.py', body: '```suggestion\nx = 1\n```' }),
      anItem({ id: '2', kind: 'review_comment', path: 'lib/b.py', body: '<!-- only a comment -->' }),
      anItem({ id: '3', kind: 'review_comment', path: 'docs/a.py', body: '' }),
    ];

    expect(repairCommitSubject(7, items)).toBe(
      'fix(review-feedback-7): update a.py, b.py from review feedback',
    );
  });

  it('falls back to a generic summary', () => {
    expect(repairCommitSubject(7, [])).toBe('fix(review-feedback-7): apply targeted review feedback');
  });

  it('summarises a failing check by its name', () => {
    const items = [anItem({ kind: 'ci_failure', id: 'unit tests@abc', body: 'Check `unit tests` failed' })];

    expect(repairCommitSubject(7, items)).toBe('fix(review-feedback-7): fix failing check unit tests');
  });

  it('cannot close issues or break the subject line (weakness 30)', () => {
    const result = subject('please fix #12 and see https://example.com/x\u202e\nsecond line');

    expect(result).toBe('fix(review-feedback-7): fix 12 and see second line');
  });
});
