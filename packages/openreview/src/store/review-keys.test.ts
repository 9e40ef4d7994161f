import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { activityFingerprint } from '../context/activity-fingerprint.js';
import {
  ciFailureFingerprint,
  issueProcessingKey,
  pullRequestReviewKey,
  pullRequestReviewMetadata,
} from './review-keys.js';

// Expected values are derived here from the byte layouts written down in spec §4.3, independently
// of the implementation, so a change to a layout (which would orphan stored keys and markers) fails.
const sha = (text: string, length: number): string =>
  createHash('sha256').update(text).digest('hex').slice(0, length);

describe('issueProcessingKey', () => {
  it.each([
    {
      title: 'Crash on start',
      body: 'Stack trace',
      fingerprint: undefined,
      layout: 'Crash on start\n\nStack trace\n\n',
    },
    {
      title: '  Crash on start ',
      body: '\nStack trace\n',
      fingerprint: undefined,
      layout: 'Crash on start\n\nStack trace\n\n',
    },
    {
      title: 'Crash on start',
      body: 'Stack trace',
      fingerprint: 'issue_comment:901:4bb8f8801227159d',
      layout: 'Crash on start\n\nStack trace\n\nissue_comment:901:4bb8f8801227159d',
    },
    { title: '', body: '', fingerprint: '', layout: '\n\n\n\n' },
  ])('hashes the trimmed title, body and fingerprint ($layout)', ({ title, body, fingerprint, layout }) => {
    const key = issueProcessingKey({ title, body, fingerprint });

    expect(key).toBe(sha(layout, 16));
  });

  it('gives a comment-triggered follow-up a different key than the initial reply', () => {
    const initial = issueProcessingKey({ title: 'T', body: 'B' });

    const followUp = issueProcessingKey({ title: 'T', body: 'B', fingerprint: 'issue_comment:7:abc' });

    expect(followUp).not.toBe(initial);
  });
});

describe('pullRequestReviewMetadata', () => {
  it('hashes base, title, body and discussion exactly like the original', () => {
    const metadata = pullRequestReviewMetadata({
      title: ' Add cache ',
      body: 'Speeds up lookups',
      baseRef: 'main',
      discussionFingerprint: 'review:1002:0123456789abcdef',
    });

    expect(metadata).toEqual({
      baseRef: 'main',
      titleHash: sha('Add cache', 12),
      bodyHash: sha('Speeds up lookups', 12),
      discussionHash: sha('review:1002:0123456789abcdef', 12),
      digest: sha('main\nAdd cache\n\nSpeeds up lookups\n\nreview:1002:0123456789abcdef', 16),
    });
  });

  it('leaves the discussion hash empty without a discussion fingerprint', () => {
    const metadata = pullRequestReviewMetadata({ title: 'T', body: 'B', baseRef: 'main' });

    expect(metadata.discussionHash).toBe('');
    expect(metadata.digest).toBe(sha('main\nT\n\nB\n\n', 16));
  });
});

describe('pullRequestReviewKey', () => {
  const pr = { headSha: 'abc123', title: 'Add cache', body: 'v1', baseRef: 'main' };

  it('is the head SHA and the metadata digest', () => {
    const key = pullRequestReviewKey(pr);

    expect(key).toBe(`abc123:${pullRequestReviewMetadata(pr).digest}`);
  });

  it('is only the digest when the head SHA is empty', () => {
    const key = pullRequestReviewKey({ ...pr, headSha: '  ' });

    expect(key).toBe(pullRequestReviewMetadata(pr).digest);
  });

  it.each([
    { change: 'body', other: { ...pr, body: 'v2' } },
    { change: 'base branch', other: { ...pr, baseRef: 'release' } },
    { change: 'head', other: { ...pr, headSha: 'def456' } },
    { change: 'discussion', other: { ...pr, discussionFingerprint: 'review_comment:5:0011223344556677' } },
  ])('changes when the $change changes', ({ other }) => {
    const original = pullRequestReviewKey(pr);

    const changed = pullRequestReviewKey(other);

    expect(changed).not.toBe(original);
  });
});

describe('activityFingerprint', () => {
  it.each([
    {
      input: { type: 'issue_comment', id: '901', body: 'Please look', updatedAt: '2026-01-01T10:00:00Z' },
      expected: `issue_comment:901:${sha('issue_comment\n901\n2026-01-01T10:00:00Z\n\nPlease look', 16)}`,
    },
    {
      input: { type: 'Review', id: '', body: 'LGTM', updatedAt: '2026-01-01T10:00:00Z' },
      expected: `review:2026-01-01T10:00:00Z:${sha('Review\n\n2026-01-01T10:00:00Z\n\nLGTM', 16)}`,
    },
    {
      input: { type: '', id: '', body: 'text', updatedAt: '' },
      expected: `activity:unknown:${sha('\n\n\n\ntext', 16)}`,
    },
    { input: { type: ' ', id: '', body: '', updatedAt: '' }, expected: '' },
  ])('derives $expected', ({ input, expected }) => {
    const fingerprint = activityFingerprint(input);

    expect(fingerprint).toBe(expected);
  });
});

describe('ciFailureFingerprint', () => {
  it('is the activity fingerprint of kind ci_failure keyed by the head SHA', () => {
    const fingerprint = ciFailureFingerprint({ headSha: 'abc123', ciSummary: 'build: failure' });

    expect(fingerprint).toBe(`ci_failure:abc123:${sha('ci_failure\nabc123\nabc123\n\nbuild: failure', 16)}`);
  });

  it('changes with the failure summary so a new failure on the same head is a new follow-up', () => {
    const first = ciFailureFingerprint({ headSha: 'abc123', ciSummary: 'build: failure' });

    const second = ciFailureFingerprint({ headSha: 'abc123', ciSummary: 'lint: failure' });

    expect(second).not.toBe(first);
  });
});
