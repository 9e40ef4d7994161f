import { describe, expect, it } from 'vitest';
import { fenced, numberedSnippet, scoreFile } from './matched-files.js';

describe('scoreFile', () => {
  it('adds path, name, stem and capped term scores', () => {
    const match = scoreFile({
      path: 'src/loader.py',
      content: 'load_config load_config load_config load_config',
      lowerText: 'src/loader.py fails in load_config',
      terms: ['load_config', 'missing'],
      usageQuestion: false,
    });

    // path +10, name +6, stem +3, load_config 2·3 + 1
    expect(match).toEqual({ path: 'src/loader.py', score: 26, terms: ['load_config'] });
  });

  it('biases matching docs and config files only for usage questions', () => {
    const input = { content: 'PORT=1', lowerText: 'how to set port', terms: ['port'], usageQuestion: true };

    expect(scoreFile({ ...input, path: 'README.md' }).score).toBe(2 + 4);
    expect(scoreFile({ ...input, path: 'config/settings.yaml' }).score).toBe(2 + 3 + 2);
    expect(scoreFile({ ...input, path: 'docs/guide.md', content: 'nothing' }).score).toBe(0);
  });
});

describe('numberedSnippet', () => {
  const content = Array.from({ length: 30 }, (_, index) => `row-${index + 1}-end`).join('\n');

  it('shows hit lines with two lines around them and marks gaps', () => {
    expect(numberedSnippet(content, ['row-3-', 'ROW-12-'], 10_000)).toBe(
      [
        '1: row-1-end',
        '2: row-2-end',
        '3: row-3-end',
        '4: row-4-end',
        '5: row-5-end',
        '...',
        '10: row-10-end',
        '11: row-11-end',
        '12: row-12-end',
        '13: row-13-end',
        '14: row-14-end',
      ].join('\n'),
    );
  });

  it('falls back to the first 20 lines and respects the character cap', () => {
    expect(numberedSnippet(content, ['absent'], 10_000).split('\n')).toHaveLength(20);
    expect(numberedSnippet(content, ['absent'], 16)).toBe('1: row-1-end\n2:\n...');
  });
});

describe('fenced', () => {
  it('uses a fence longer than any backtick run in the content', () => {
    expect(fenced('a ```` b')).toBe('`````\na ```` b\n`````');
  });
});
