import { describe, expect, it } from 'vitest';
import { findRedirect } from './owner-redirect.js';
import { anItem } from './test-builders.js';

const marker = '<!-- openreview:idempotency:pr-review:0123456789abcdef0123 -->';

describe('findRedirect', () => {
  it('returns the text of a trusted person’s stop', () => {
    const items = [anItem({ body: '伪需求，这个改github配置即可' })];

    expect(findRedirect(items)).toBe('伪需求，这个改github配置即可');
  });

  it.each([
    ['a slash command', '/patchloop stop'],
    ['an English phrase', 'No code changes needed, a config change is enough.'],
    ['a request to close the PR', 'Please close this PR.'],
  ])('recognises %s', (_name, body) => {
    expect(findRedirect([anItem({ body })])).toBe(body);
  });

  it('lets a newer request override an older stop', () => {
    const items = [
      anItem({ id: '1', body: '伪需求，这个改github配置即可', at: '2026-03-24T05:30:00Z' }),
      anItem({ id: '2', body: '请修复这个回归问题', at: '2026-03-24T05:40:00Z' }),
    ];

    expect(findRedirect(items)).toBeUndefined();
  });

  it('lets a newer stop override an older request, whatever the input order', () => {
    const items = [
      anItem({ id: '2', body: '/patchloop stop', at: '2026-03-24T05:40:00Z' }),
      anItem({ id: '1', body: 'please fix the cursor', at: '2026-03-24T05:30:00Z' }),
    ];

    expect(findRedirect(items)).toBe('/patchloop stop');
  });

  it.each([
    ['an untrusted person', { trusted: false }],
    ['a bot', { authorIsBot: true, trusted: false }],
    ['a failing check', { kind: 'ci_failure' as const, id: 'lint@abc' }],
  ])('ignores a stop written by %s', (_name, author) => {
    const items = [anItem({ body: '/patchloop stop', ...author })];

    expect(findRedirect(items)).toBeUndefined();
  });

  it('skips newer items that cannot decide and lets the trusted stop below them decide', () => {
    const items = [
      anItem({ id: '1', body: '伪需求，这个改github配置即可', at: '2026-03-24T05:30:00Z' }),
      anItem({ id: '2', body: 'please keep going', trusted: false, at: '2026-03-24T05:40:00Z' }),
      anItem({ id: '3', body: 'Rename x', authorIsBot: true, trusted: false, at: '2026-03-24T05:50:00Z' }),
    ];

    expect(findRedirect(items)).toBe('伪需求，这个改github配置即可');
  });

  it.each([
    ['a marked OpenReview review', `是否可直接合入：不可\n无需修改 src 代码，改配置即可\n${marker}`],
    [
      'an unmarked structured review',
      '评审结论\n是否可直接合入：不可\n主要问题：不需要复杂预案，关闭这个 PR',
    ],
  ])('does not read %s as a stop', (_name, body) => {
    expect(findRedirect([anItem({ body })])).toBeUndefined();
  });

  it('collapses whitespace and caps the text at 180 characters', () => {
    const body = `/patchloop stop\n\n${'because '.repeat(40)}`;

    const text = findRedirect([anItem({ body })]) ?? '';

    expect(text).toHaveLength(180);
    expect(text.startsWith('/patchloop stop because because')).toBe(true);
    expect(text.endsWith('...')).toBe(true);
  });

  it('returns undefined without feedback', () => {
    expect(findRedirect([])).toBeUndefined();
  });
});
