import { describe, expect, it } from 'vitest';
import { annotateIssueLink, issueLinkOf } from './backlog-issue-link.js';
import { parseBacklog } from './markdown-backlog.js';

const relPath = 'TODO.md';
const url = 'https://github.com/acme/app/issues/875';

function keyOf(text: string, title: string): string {
  const items = parseBacklog(text, { relPath, keyPrefix: 'backlog', titlePrefix: '', labels: [] });
  return items.find((item) => item.title === title)?.key ?? 'missing';
}

function annotate(lines: readonly string[], title: string, number = 875, linkUrl: string | null = url) {
  const text = lines.join('\n');
  return annotateIssueLink({ text, relPath }, keyOf(text, title), { number, url: linkUrl });
}

describe('annotateIssueLink', () => {
  it('adds an indented issue line under the item and keeps keys and titles of every item', () => {
    const text = '# A\n- [ ] first\n- [ ] second\n';

    const result = annotateIssueLink({ text, relPath }, keyOf(text, 'first'), { number: 875, url });

    expect(result).toEqual({
      changed: true,
      text: `# A\n- [ ] first\n  issue: [#875](${url})\n- [ ] second\n`,
    });
    const before = parseBacklog(text, { relPath, keyPrefix: 'backlog', titlePrefix: '', labels: [] });
    const after = parseBacklog(result.text, { relPath, keyPrefix: 'backlog', titlePrefix: '', labels: [] });
    expect(after.map((item) => [item.key, item.title])).toEqual(before.map((item) => [item.key, item.title]));
  });

  it.each([
    [
      'the end of the block, before trailing blank lines',
      'one',
      ['- [ ] one', '  note', '', '# B'],
      ['- [ ] one', '  note', '  issue: #9', '', '# B'],
    ],
    [
      'a nested item, one level deeper',
      'child',
      ['- [ ] parent', '  - [ ] child', '  - [ ] other'],
      ['- [ ] parent', '  - [ ] child', '    issue: #9', '  - [ ] other'],
    ],
    [
      'a parent item, before its first child',
      'parent',
      ['- [ ] parent', '  - [ ] child'],
      ['- [ ] parent', '  issue: #9', '  - [ ] child'],
    ],
    [
      'the item, not past a sibling plain bullet',
      'one',
      ['- [ ] one', '- plain', '  more'],
      ['- [ ] one', '  issue: #9', '- plain', '  more'],
    ],
    [
      'the item, before a following ticked item',
      'one',
      ['- [ ] one', '- [x] done'],
      ['- [ ] one', '  issue: #9', '- [x] done'],
    ],
    [
      'the end of a fenced block that belongs to the item',
      'one',
      ['- [ ] one', '  ```', '- [ ] code', '  ```', '- [ ] two'],
      ['- [ ] one', '  ```', '- [ ] code', '  ```', '  issue: #9', '- [ ] two'],
    ],
    [
      'the item, before a fence that does not belong to it',
      'one',
      ['- [ ] one', '```', 'x', '```'],
      ['- [ ] one', '  issue: #9', '```', 'x', '```'],
    ],
  ])('inserts the link at %s', (_case, title, lines, expected) => {
    const result = annotate(lines, title, 9, null);

    expect(result.text).toBe(expected.join('\n'));
  });

  it('replaces an existing issue line so exactly one link remains', () => {
    const lines = ['- [ ] one', `  issue: [#875](${url})`, '- [ ] two'];

    const result = annotate(lines, 'one', 883, 'https://github.com/acme/app/issues/883');

    expect(result.text).toBe(
      ['- [ ] one', '  issue: [#883](https://github.com/acme/app/issues/883)', '- [ ] two'].join('\n'),
    );
    expect(result.text.match(/issue: \[#/g)).toHaveLength(1);
  });

  it('leaves the text alone when the same link is already there', () => {
    const lines = ['- [ ] one', `  issue: [#875](${url})`];

    const result = annotate(lines, 'one');

    expect(result).toEqual({ changed: false, text: lines.join('\n') });
  });

  it('never writes under a ticked item', () => {
    const lines = ['- [x] done', '- [ ] open'];

    const result = annotate(lines, 'done');

    expect(result).toEqual({ changed: false, text: lines.join('\n') });
  });

  it.each([
    ['an unknown key', 'nothing', 875],
    ['a zero issue number', 'one', 0],
    ['a fractional issue number', 'one', 1.5],
  ])('changes nothing for %s', (_case, title, number) => {
    const lines = ['- [ ] one'];

    expect(annotate(lines, title, number).changed).toBe(false);
  });

  it('keeps CRLF line breaks and the missing final newline', () => {
    const text = '# A\r\n- [ ] one\r\n- [ ] two';

    const first = annotateIssueLink({ text, relPath }, keyOf(text, 'one'), { number: 1, url: null });
    const last = annotateIssueLink({ text, relPath }, keyOf(text, 'two'), { number: 2, url: null });

    expect(first.text).toBe('# A\r\n- [ ] one\r\n  issue: #1\r\n- [ ] two');
    expect(last.text).toBe('# A\r\n- [ ] one\r\n- [ ] two\r\n  issue: #2');
  });

  it('keeps a byte order mark', () => {
    const text = '\uFEFF- [ ] one\n';

    const result = annotateIssueLink({ text, relPath }, keyOf(text, 'one'), { number: 1, url: null });

    expect(result.text).toBe('\uFEFF- [ ] one\n  issue: #1\n');
  });

  it('writes a bare number when the URL could break the Markdown link', () => {
    const result = annotate(['- [ ] one'], 'one', 5, 'https://x.test/a) [evil](https://y.test');

    expect(result.text).toBe('- [ ] one\n  issue: #5');
  });

  it('links plan items too', () => {
    const text = '- [ ] one';
    const [item] = parseBacklog(text, { relPath, keyPrefix: 'plan', titlePrefix: '', labels: [] });

    const result = annotateIssueLink({ text, relPath }, item?.key ?? '', { number: 3, url: null });

    expect(result.text).toBe('- [ ] one\n  issue: #3');
  });
});

describe('issueLinkOf', () => {
  it.each([
    ['a Markdown link', `  issue: [#883](${url})`, { number: 883, url }],
    ['a bare number', '  issue: #12', { number: 12, url: null }],
    ['any case and extra spaces', '    Issue:   #7  ', { number: 7, url: null }],
    ['a link with an unsafe URL', '  issue: [#4](javascript:alert)', { number: 4, url: null }],
    ['something else', '  issue: soon', null],
  ])('reads %s', (_case, line, expected) => {
    const text = ['- [ ] one', line, '- [ ] two'].join('\n');

    expect(issueLinkOf({ text, relPath }, keyOf(text, 'one'))).toEqual(expected);
  });

  it('reads the link of a ticked item so its issue can be closed', () => {
    const text = '- [x] done\n  issue: #4\n';

    expect(issueLinkOf({ text, relPath }, keyOf(text, 'done'))).toEqual({ number: 4, url: null });
  });

  it('does not take the next item’s link', () => {
    const text = '- [ ] one\n- [ ] two\n  issue: #4\n';

    expect(issueLinkOf({ text, relPath }, keyOf(text, 'one'))).toBeNull();
  });

  it('returns null for an unknown key', () => {
    expect(issueLinkOf({ text: '- [ ] one', relPath }, 'backlog:0000000000000000')).toBeNull();
  });
});
