import { describe, expect, it } from 'vitest';
import { feedbackFingerprint } from './feedback-fingerprint.js';
import { feedbackKey } from './feedback-key.js';
import { anItem } from './test-builders.js';

describe('feedbackKey', () => {
  it('has the shape pr:<n>:<16 hex>', () => {
    expect(feedbackKey(11, [anItem()])).toMatch(/^pr:11:[0-9a-f]{16}$/);
  });

  it('does not depend on the order of the items', () => {
    const first = anItem({ id: '1', fingerprint: 'review:1:aaaa' });
    const second = anItem({ id: '2', fingerprint: 'review:2:bbbb', at: '2026-03-24T11:00:00Z' });

    expect(feedbackKey(11, [first, second])).toBe(feedbackKey(11, [second, first]));
  });

  it.each([
    ['another pull request', 12, anItem()],
    ['another id', 11, anItem({ id: '101' })],
    ['another time', 11, anItem({ at: '2026-03-24T11:00:00Z' })],
    ['another fingerprint', 11, anItem({ fingerprint: 'review:100:fedcba9876543210' })],
  ])('changes with %s', (_name, prNumber, item) => {
    expect(feedbackKey(prNumber, [item])).not.toBe(feedbackKey(11, [anItem()]));
  });
});

describe('feedbackFingerprint', () => {
  const fields = {
    kind: 'review_comment' as const,
    id: '200',
    at: '2026-03-24T10:00:00Z',
    author: 'Reviewer',
    state: null,
    path: 'app.py',
    side: 'RIGHT',
    line: 30,
    originalLine: 30,
    reviewId: 100,
    body: 'rename variable',
  };

  it('has the shape <kind>:<id>:<16 hex>', () => {
    expect(feedbackFingerprint(fields)).toMatch(/^review_comment:200:[0-9a-f]{16}$/);
  });

  it('uses the first 8 digest digits when the item has no id', () => {
    const fingerprint = feedbackFingerprint({ ...fields, id: '' });

    const [, short, digest] = fingerprint.split(':');
    expect(digest?.startsWith(short ?? '-')).toBe(true);
  });

  it('ignores the case of the login', () => {
    expect(feedbackFingerprint({ ...fields, author: 'reviewer' })).toBe(feedbackFingerprint(fields));
  });

  it.each([
    ['body', { body: 'rename the variable' }],
    ['line', { line: 31 }],
    ['path', { path: 'lib.py' }],
    ['time', { at: '2026-03-24T10:05:00Z' }],
  ])('changes when the %s changes', (_name, change) => {
    expect(feedbackFingerprint({ ...fields, ...change })).not.toBe(feedbackFingerprint(fields));
  });
});
