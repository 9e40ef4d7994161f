import { describe, expect, it } from 'vitest';
import { checkSummaryText, fencedBlock, logExcerpt } from './check-output-text.js';

const esc = String.fromCharCode(0x1b);

function numberedLines(count: number, width = 0): string {
  return Array.from({ length: count }, (_, i) => `line ${i + 1}`.padEnd(width, '.')).join('\n');
}

describe('checkSummaryText', () => {
  it.each([
    ['title and summary', '2 errors', 'tsc found problems', '2 errors\ntsc found problems'],
    ['title only', '2 errors', null, '2 errors'],
    ['summary only', null, 'tsc found problems', 'tsc found problems'],
    ['neither', null, null, ''],
    ['blank parts', '  ', '\n', ''],
    ['the same text twice', 'Build failed', 'Build failed', 'Build failed'],
    ['coloured text', `${esc}[31mBuild failed${esc}[0m`, null, 'Build failed'],
    ['Windows line ends', null, 'first\r\nsecond', 'first\nsecond'],
  ])('joins %s', (_case, title, summary, expected) => {
    const text = checkSummaryText(title, summary);

    expect(text).toBe(expected);
  });

  it('cuts a long summary to 600 characters ending in an ellipsis', () => {
    const summary = 'x'.repeat(1_000);

    const text = checkSummaryText('Title', summary);

    expect(text).toHaveLength(600);
    expect(text.startsWith('Title\nxxx')).toBe(true);
    expect(text.endsWith('…')).toBe(true);
  });
});

describe('logExcerpt', () => {
  it('keeps the last 40 lines of the log', () => {
    const log = numberedLines(100);

    const excerpt = logExcerpt(log);

    const lines = excerpt.split('\n');
    expect(lines).toHaveLength(40);
    expect(lines[0]).toBe('line 61');
    expect(lines[39]).toBe('line 100');
  });

  it('keeps a short log whole', () => {
    const log = 'FAIL src/app.test.ts\n  expected 1 to be 2';

    const excerpt = logExcerpt(log);

    expect(excerpt).toBe(log);
  });

  it('cuts long lines to the last 2,000 characters, starting on a whole line', () => {
    const log = numberedLines(40, 100);

    const excerpt = logExcerpt(log);

    expect(excerpt.length).toBeLessThanOrEqual(2_000);
    expect(excerpt.split('\n')[0]).toMatch(/^line \d+\.+$/);
    expect(excerpt.endsWith('line 40'.padEnd(100, '.'))).toBe(true);
  });

  it('cuts a single huge line to its last 2,000 characters', () => {
    const log = `${'a'.repeat(3_000)}END`;

    const excerpt = logExcerpt(log);

    expect(excerpt).toHaveLength(2_000);
    expect(excerpt.endsWith('aEND')).toBe(true);
  });

  it('removes ANSI colour codes', () => {
    const log = `${esc}[1m${esc}[31mFAIL${esc}[39m${esc}[22m src/app.test.ts`;

    const excerpt = logExcerpt(log);

    expect(excerpt).toBe('FAIL src/app.test.ts');
  });

  it('shows only the last redraw of a carriage-return progress line', () => {
    const log = 'Downloading 10%\rDownloading 50%\rDownloading 100%\r\nerror: build failed';

    const excerpt = logExcerpt(log);

    expect(excerpt).toBe('Downloading 100%\nerror: build failed');
  });

  it('drops trailing blank lines before counting the 40', () => {
    const log = `${numberedLines(45)}\n\n\n   \n`;

    const excerpt = logExcerpt(log);

    expect(excerpt.split('\n')).toHaveLength(40);
    expect(excerpt.endsWith('line 45')).toBe(true);
  });

  it.each([
    ['no log', null],
    ['an empty log', ''],
    ['only blank lines', '\n \n'],
  ])('is empty for %s', (_case, log) => {
    const excerpt = logExcerpt(log);

    expect(excerpt).toBe('');
  });
});

describe('fencedBlock', () => {
  it('fences text with three backticks', () => {
    const block = fencedBlock('npm ERR! code 1');

    expect(block).toBe('```\nnpm ERR! code 1\n```');
  });

  it('uses a fence longer than any backtick run inside the text', () => {
    const block = fencedBlock('expected:\n````\ncode\n````');

    expect(block.startsWith('`````\n')).toBe(true);
    expect(block.endsWith('\n`````')).toBe(true);
  });
});
