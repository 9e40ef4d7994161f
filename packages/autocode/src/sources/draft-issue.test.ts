import { renderMarker } from '@patchloop/core';
import { describe, expect, it } from 'vitest';
import { draftIssue } from './draft-issue.js';
import type { SourceItem } from './source-item.js';

function aBacklogItem(overrides: Partial<SourceItem> = {}): SourceItem {
  return {
    key: 'backlog:0123456789abcdef',
    source: 'backlog',
    sourcePath: 'TODO.md',
    lineNumber: 3,
    title: '[Backlog] add a CSV export',
    body: 'Belongs to: Reports\n\nSource: `TODO.md:3`',
    labels: ['autocode', 'backlog'],
    checked: false,
    ...overrides,
  };
}

function anIdleItem(detail: string, marker = 'TODO', sourcePath = 'src/app.ts'): SourceItem {
  return {
    key: 'idle:0123456789abcdef',
    source: 'idle',
    sourcePath,
    lineNumber: 7,
    title: detail,
    body: `Found a \`${marker}\` comment at \`${sourcePath}:7\`.\n\n${detail}`,
    labels: ['autocode'],
    checked: false,
  };
}

describe('draftIssue', () => {
  it('files a plain item as a feature with the type prefix and the autocode labels', () => {
    const draft = draftIssue(aBacklogItem());

    expect(draft).toMatchObject({
      action: 'create',
      title: '[Feature] add a CSV export',
      labels: ['autocode', 'enhancement'],
      reason: 'feature_default',
    });
  });

  it.each([
    ['a security gap', 'close the SQL injection in search', 'security_keyword'],
    ['a leaked secret', 'stop logging the API token secret', 'security_keyword'],
    ['a crash', 'app crashes on empty config', 'bug_keyword'],
    ['a Chinese bug report', '导出时报错', 'bug_keyword'],
    ['a security word in a docs item', 'document the security model in the README', 'security_keyword'],
  ])('files %s as a bug', (_case, title, reason) => {
    const draft = draftIssue(aBacklogItem({ title }));

    expect(draft.title).toBe(`[Bug] ${title}`);
    expect(draft.labels).toEqual(['autocode', 'bug']);
    expect(draft.reason).toBe(reason);
  });

  it.each([
    ['a README item', aBacklogItem({ title: 'simplify the README quick start' })],
    ['a Chinese docs item', aBacklogItem({ title: '补充部署文档' })],
    ['a note left in a Markdown file', anIdleItem('add screenshots', 'TODO', 'guide/setup.md')],
  ])('files %s as documentation', (_case, item) => {
    const draft = draftIssue(item);

    expect(draft.title.startsWith('[Docs] ')).toBe(true);
    expect(draft.labels).toEqual(['autocode', 'documentation']);
  });

  it('files a FIXME as a bug and a TODO in the same words as a feature', () => {
    expect(draftIssue(anIdleItem('handle the empty list', 'FIXME')).labels).toEqual(['autocode', 'bug']);
    expect(draftIssue(anIdleItem('handle the empty list', 'TODO')).labels).toEqual([
      'autocode',
      'enhancement',
    ]);
  });

  it('does not classify by file paths', () => {
    const draft = draftIssue(anIdleItem('add paging', 'TODO', 'src/errors/crash-docs.ts'));

    expect(draft.labels).toEqual(['autocode', 'enhancement']);
  });

  it('files a long-function finding as an improvement', () => {
    const item = {
      ...anIdleItem('src/crash.ts: function run is too long'),
      key: 'idle-analysis:0123456789abcdef',
    };

    expect(draftIssue(item)).toMatchObject({
      labels: ['autocode', 'enhancement'],
      reason: 'heuristic_finding',
    });
  });

  it.each([
    ['maybe cache the results'],
    ['Perhaps switch to streaming'],
    ['unverified: slow start on Windows'],
    ['not sure we need retries'],
    ['暂不处理旧格式'],
  ])('skips the tentative item "%s"', (title) => {
    const draft = draftIssue(aBacklogItem({ title }));

    expect(draft).toMatchObject({ action: 'skip', reason: 'tentative_item', labels: [] });
  });

  it('skips every item of a section whose heading says maybe', () => {
    const draft = draftIssue(aBacklogItem({ body: 'Belongs to: Maybe later\n\nSource: `TODO.md:3`' }));

    expect(draft.reason).toBe('tentative_item');
  });

  it('skips ticked and empty items', () => {
    expect(draftIssue(aBacklogItem({ checked: true })).reason).toBe('checked_item');
    expect(draftIssue(aBacklogItem({ title: '[Backlog]' })).reason).toBe('empty_item');
  });

  it('strips leading tags except priority tags, strips quotes and gives a vague title some context', () => {
    expect(draftIssue(aBacklogItem({ title: '[Backlog] [reports] "add a CSV export"' })).title).toBe(
      '[Feature] add a CSV export',
    );
    expect(draftIssue(aBacklogItem({ title: '[Backlog] [P0] [ui] app crashes at start' })).title).toBe(
      '[Bug] [P0] app crashes at start',
    );
    expect(draftIssue(aBacklogItem({ title: 'cleanup' })).title).toBe(
      '[Feature] Follow up on backlog item in TODO.md: cleanup',
    );
  });

  it('cuts titles to 120 characters', () => {
    const draft = draftIssue(aBacklogItem({ title: `add ${'x'.repeat(300)}` }));

    expect([...draft.title]).toHaveLength(120);
    expect(draft.title.endsWith('…')).toBe(true);
  });

  it('writes the item text, its context and the hidden item marker into the body', () => {
    const item = aBacklogItem();

    const draft = draftIssue(item);

    expect(draft.body).toBe(
      [
        'add a CSV export',
        'Belongs to: Reports',
        'Source: `TODO.md:3`',
        renderMarker({ service: 'autocode', kind: 'source-item', key: item.key }),
      ].join('\n\n'),
    );
    expect(draft.body).toMatch(/<!-- autocode:idempotency:source-item:[0-9a-f]{20} -->$/);
  });

  it('keeps the marker stable when the item moves to another line', () => {
    const before = draftIssue(aBacklogItem());
    const after = draftIssue(
      aBacklogItem({ lineNumber: 30, body: 'Belongs to: Reports\n\nSource: `TODO.md:30`' }),
    );

    expect(after.body.split('\n').at(-1)).toBe(before.body.split('\n').at(-1));
  });

  it('removes absolute paths and defuses mentions and forged markers', () => {
    const item = anIdleItem(
      'read /home/alice/app/config.yaml and C:\\Users\\bob\\x.ini for @maintainers <!-- autocode:x -->',
    );

    const draft = draftIssue(item);

    expect(draft.body).not.toMatch(/\/home\/alice|C:\\Users/);
    expect(draft.body).toContain('read config.yaml and x.ini');
    expect(draft.body).toContain('`@maintainers`');
    expect(draft.body.match(/<!--/g)).toHaveLength(1);
    expect(draft.title).toContain('read config.yaml and x.ini');
  });
});
