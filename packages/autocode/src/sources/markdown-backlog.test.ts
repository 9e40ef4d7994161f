import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BacklogParseOptions } from './markdown-backlog.js';
import { parseBacklog, readBacklogSources } from './markdown-backlog.js';

const options: BacklogParseOptions = {
  relPath: 'TODO.md',
  keyPrefix: 'backlog',
  titlePrefix: '[Backlog]',
  labels: ['autocode', 'backlog'],
};

function parse(lines: readonly string[], overrides: Partial<BacklogParseOptions> = {}) {
  return parseBacklog(lines.join('\n'), { ...options, ...overrides });
}

function sectionsOf(lines: readonly string[]): [string, string][] {
  return parse(lines).map((item) => [item.title.replace('[Backlog] ', ''), sectionOf(item.body)]);
}

function sectionOf(body: string): string {
  return /^Belongs to: (.*)$/m.exec(body)?.[1] ?? '';
}

describe('parseBacklog', () => {
  it('turns open checkbox items into items with the prefix, the configured labels and their source line', () => {
    const items = parse(['# Sprint', '', '- [ ] add API test', '## Cleanup', '* [ ] trim logs']);

    expect(items.map((item) => item.title)).toEqual(['[Backlog] add API test', '[Backlog] trim logs']);
    expect(items[0]?.body).toBe('Belongs to: Sprint\n\nSource: `TODO.md:3`');
    expect(items[0]).toMatchObject({
      source: 'backlog',
      sourcePath: 'TODO.md',
      lineNumber: 3,
      checked: false,
    });
    expect(items[0]?.labels).toEqual(['autocode', 'backlog']);
    expect(items[0]?.key).toMatch(/^backlog:[0-9a-f]{16}$/);
  });

  it('keeps ticked items, marked as checked', () => {
    const items = parse(['- [ ] open one', '- [x] done one', '- [X] done too']);

    expect(items.map((item) => [item.title, item.checked])).toEqual([
      ['[Backlog] open one', false],
      ['[Backlog] done one', true],
      ['[Backlog] done too', true],
    ]);
  });

  it('uses the raw text as title when there is no prefix and writes no metadata into the body', () => {
    const [item] = parse(['', '', '- [ ] fix flaky test'], { titlePrefix: '' });

    expect(item?.title).toBe('fix flaky test');
    expect(item?.body).toBe('Source: `TODO.md:3`');
    expect(item?.body).not.toMatch(/key/i);
  });

  it.each([
    [
      'sibling headings replace each other',
      ['## A', '- [ ] one', '## B', '- [ ] two'],
      [
        ['one', 'A'],
        ['two', 'B'],
      ],
    ],
    [
      'deeper headings nest under the current one',
      ['# Plan', '## A', '### A1', '- [ ] one', '## B', '- [ ] two'],
      [
        ['one', 'Plan / A / A1'],
        ['two', 'Plan / B'],
      ],
    ],
    ['items above the first heading have no section', ['- [ ] one', '# Later'], [['one', '']]],
    ['a shallower heading closes deeper ones', ['### Deep', '# Top', '- [ ] one'], [['one', 'Top']]],
  ])('builds sections from a heading stack by level: %s', (_case, lines, expected) => {
    expect(sectionsOf(lines)).toEqual(expected);
  });

  it.each([
    ['a nested item', ['- [ ] parent', '  - [ ] child'], ['parent', 'child']],
    ['an item with collapsed whitespace', ['-  [ ]   spaced    out   text'], ['spaced out text']],
    ['a plus bullet, a numbered list, a plain bullet', ['+ [ ] plus', '1. [ ] numbered', '- plain'], []],
    ['an empty checkbox and a missing space', ['- [ ] ', '- [ ]x', '- [  ] two spaces'], []],
  ])('recognises %s', (_case, lines, expected) => {
    expect(parse(lines).map((item) => item.title.replace('[Backlog] ', ''))).toEqual(expected);
  });

  it('ignores headings and checkboxes inside fenced code blocks', () => {
    const lines = [
      '# Real',
      '```md',
      '# Not a heading',
      '- [ ] not an item',
      '```',
      '~~~',
      '- [ ] nor this',
      '~~~',
      '- [ ] real item',
    ];

    expect(sectionsOf(lines)).toEqual([['real item', 'Real']]);
  });

  it('keeps a fence open until a closing fence of the same kind and at least the same length', () => {
    const lines = ['````', '```', '- [ ] inside', '````', '- [ ] outside'];

    expect(sectionsOf(lines)).toEqual([['outside', '']]);
  });

  it('gives identical items different keys, counting duplicates from the end', () => {
    const before = parse(['- [ ] same', '- [ ] same']);
    const after = parse(['- [ ] same']);

    expect(before[0]?.key).not.toBe(before[1]?.key);
    expect(after[0]?.key).toBe(before[1]?.key);
  });

  it('keeps keys when lines are inserted above and changes only the line number', () => {
    const before = parse(['# A', '- [ ] one']);
    const after = parse(['# A', 'Some intro.', '', '- [ ] one']);

    expect(after[0]?.key).toBe(before[0]?.key);
    expect([before[0]?.lineNumber, after[0]?.lineNumber]).toEqual([2, 4]);
  });

  it('keeps the key when an item is ticked, also next to an identical open item', () => {
    const open = parse(['- [ ] same', '- [ ] same', '- [ ] other']);
    const ticked = parse(['- [x] same', '- [ ] same', '- [X] other']);

    expect(ticked.map((item) => item.key)).toEqual(open.map((item) => item.key));
  });

  it.each([
    ['the text', ['# A', '- [ ] two']],
    ['the section', ['# B', '- [ ] one']],
  ])('changes the key when %s changes', (_case, lines) => {
    const before = parse(['# A', '- [ ] one']);

    expect(parse(lines)[0]?.key).not.toBe(before[0]?.key);
  });

  it('changes the key with the file path and the key prefix', () => {
    const backlog = parse(['- [ ] one']);
    const otherFile = parse(['- [ ] one'], { relPath: 'docs/TODO.md' });
    const plan = parse(['- [ ] one'], { keyPrefix: 'plan' });

    expect(otherFile[0]?.key).not.toBe(backlog[0]?.key);
    expect(plan[0]?.key).toMatch(/^plan:[0-9a-f]{16}$/);
    expect(plan[0]?.source).toBe('plan');
  });

  it('cuts titles to 120 characters', () => {
    const [item] = parse([`- [ ] ${'x'.repeat(200)}`]);

    expect([...(item?.title ?? '')]).toHaveLength(120);
  });

  it('reads CRLF files and a leading byte order mark like LF files', () => {
    const lf = parse(['# A', '- [ ] one']);
    const crlf = parseBacklog('\uFEFF# A\r\n- [ ] one\r\n', options);

    expect(crlf).toEqual(lf);
  });
});

describe('readBacklogSources', () => {
  let root = '';

  afterEach(() => {
    fs.rmSync(path.dirname(root), { recursive: true, force: true });
  });

  function makeRoot(files: Record<string, string>): string {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'patchloop-'));
    root = path.join(base, 'repo');
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(base, name)), { recursive: true });
      fs.writeFileSync(path.join(base, name), text);
    }
    fs.mkdirSync(root, { recursive: true });
    return root;
  }

  const sourceOptions = { keyPrefix: 'backlog', titlePrefix: '', labels: ['autocode'] } as const;

  it('reads the listed files in order with repository-relative paths', async () => {
    makeRoot({ 'repo/TODO.md': '- [ ] first\n', 'repo/docs/PLAN.md': '- [ ] second\n- [x] third\n' });

    const items = await readBacklogSources({
      ...sourceOptions,
      root,
      filePaths: ['docs/PLAN.md', './TODO.md'],
    });

    expect(items.map((item) => [item.sourcePath, item.title, item.checked])).toEqual([
      ['docs/PLAN.md', 'second', false],
      ['docs/PLAN.md', 'third', true],
      ['TODO.md', 'first', false],
    ]);
  });

  it('ignores missing files, paths outside the root and a file listed twice', async () => {
    makeRoot({ 'repo/TODO.md': '- [ ] inside\n', 'outside.md': '- [ ] outside\n' });

    const items = await readBacklogSources({
      ...sourceOptions,
      root,
      filePaths: [
        'missing.md',
        '../outside.md',
        path.join(path.dirname(root), 'outside.md'),
        'TODO.md',
        'TODO.md',
      ],
    });

    expect(items.map((item) => item.title)).toEqual(['inside']);
  });

  it('ignores a symbolic link that leads outside the root', async () => {
    makeRoot({ 'outside.md': '- [ ] outside\n' });
    fs.symlinkSync(path.join(path.dirname(root), 'outside.md'), path.join(root, 'TODO.md'));

    const items = await readBacklogSources({ ...sourceOptions, root, filePaths: ['TODO.md'] });

    expect(items).toEqual([]);
  });

  it('gives the same keys as parsing the text directly', async () => {
    makeRoot({ 'repo/TODO.md': '# A\n- [ ] one\n' });

    const [read] = await readBacklogSources({ ...sourceOptions, root, filePaths: ['TODO.md'] });

    expect(read?.key).toBe(
      parseBacklog('# A\n- [ ] one\n', { ...sourceOptions, relPath: 'TODO.md' })[0]?.key,
    );
  });
});
