import { describe, expect, it } from 'vitest';
import { cleanReviewText, feedbackSummary, shortenSummary } from './feedback-summary.js';
import { anItem } from './test-builders.js';

describe('cleanReviewText', () => {
  it.each([
    ['HTML comments', 'keep <!-- hidden --> this', 'keep this'],
    ['fenced code', 'before\n```ts\nconst x = 1;\n```\nafter', 'before. after'],
    ['images and tags', '<sub>![badge](https://x/y.svg)</sub> title', 'title'],
    ['links (their text stays)', 'see [the docs](https://example.com/docs) now', 'see the docs now'],
    ['inline code (its text stays)', 'rename `token_count`', 'rename token_count'],
    ['bare URLs', 'read https://example.com/a?b=1 first', 'read first'],
    ['emphasis and quotes', '> **Bold** _word_ | # heading', 'Bold word heading'],
  ])('removes %s', (_name, text, expected) => {
    expect(cleanReviewText(text)).toBe(expected);
  });

  it('ends paragraphs with a period', () => {
    expect(cleanReviewText('First part\n\nSecond part.')).toBe('First part. Second part');
  });
});

describe('shortenSummary', () => {
  it('trims separators at both ends', () => {
    expect(shortenSummary(' - fix the loop; ')).toBe('fix the loop');
  });

  it('cuts text without spaces at 72 characters', () => {
    expect([...shortenSummary('补'.repeat(100))]).toHaveLength(72);
  });
});

describe('feedbackSummary', () => {
  it('returns null for an empty body', () => {
    expect(feedbackSummary(anItem({ body: '  ' }))).toBeNull();
  });

  it('turns a leading gerund into a verb', () => {
    expect(feedbackSummary(anItem({ body: 'Consider updating the README.' }))).toBe('update the README');
  });

  it('keeps underscores inside identifiers', () => {
    expect(feedbackSummary(anItem({ body: 'Please rename `max_items` to `limit`.' }))).toBe(
      'rename max_items to limit',
    );
  });
});
