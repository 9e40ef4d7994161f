import { describe, expect, it } from 'vitest';
import { pullRequestReviewKey, pullRequestReviewMetadata } from './review-keys.js';
import { day, minute, processed, seen, setup } from './test-builders.js';

// Acceptance scenarios of spec §10 covered here: 44, 45/47 (keys, see review-keys.test.ts), 48,
// 52, 58-63 (with tracked-pull-request-selection.test.ts), 66, 67. In-flight claims (50) are gone: the queue serialises tasks per PR. There is
// no legacy JSON state, so the legacy-record and file scenarios (46, 49, 64, 65) do not apply.

describe('trackedPullRequestRepository review keys', () => {
  it('marks one body version reviewed without covering the edited body', () => {
    const { prs } = setup();
    const v1 = { headSha: 'abc123', title: 'Add cache', body: 'v1', baseRef: 'main' };
    const v2 = { ...v1, body: 'v2' };
    const metadata = pullRequestReviewMetadata(v1);

    prs.markPrProcessed({ ...processed(714, pullRequestReviewKey(v1)), metadata });

    expect(prs.isPrReviewProcessed(714, pullRequestReviewKey(v1))).toBe(true);
    expect(prs.isPrReviewProcessed(714, pullRequestReviewKey(v2))).toBe(false);
    expect(prs.get(714)?.lastProcessedReviewMetadata).toEqual(metadata);
    expect(pullRequestReviewKey(v1).endsWith(`:${metadata.digest}`)).toBe(true);
  });

  it('counts alias keys as reviewed alongside the primary key', () => {
    const { prs } = setup();

    prs.markPrProcessed({ ...processed(714, 'initial'), aliasKeys: ['discussion'] });

    expect(prs.isPrReviewProcessed(714, 'initial')).toBe(true);
    expect(prs.isPrReviewProcessed(714, 'discussion')).toBe(true);
    expect(prs.isPrReviewProcessed(714, 'other')).toBe(false);
  });

  it.each([
    { label: 'the same head and updated_at', head: 'abc123', at: '2026-01-01T09:00:00Z', expected: true },
    { label: 'an earlier updated_at', head: 'abc123', at: '2026-01-01T08:59:59Z', expected: true },
    {
      label: 'the same instant written with an offset',
      head: 'abc123',
      at: '2026-01-01T10:00:00+01:00',
      expected: true,
    },
    { label: 'a later updated_at', head: 'abc123', at: '2026-01-01T09:00:01Z', expected: false },
    { label: 'another head', head: 'def456', at: '2026-01-01T09:00:00Z', expected: false },
  ])('answers same-version for $label: $expected', ({ head, at, expected }) => {
    const { prs } = setup();
    prs.markPrProcessed(processed(714));

    expect(prs.isPrSameVersionProcessed(714, head, at)).toBe(expected);
  });

  it('never reports an untracked PR as the same version', () => {
    const { prs } = setup();

    expect(prs.isPrSameVersionProcessed(714, 'abc123', '2026-01-01T09:00:00Z')).toBe(false);
  });

  it('remembers reviewed keys and metadata across a restart', () => {
    const { prs, restart } = setup();
    const metadata = pullRequestReviewMetadata({ title: 'T', body: 'B', baseRef: 'main' });
    prs.markPrProcessed({ ...processed(714), metadata });

    const reopened = restart();

    expect(reopened.isPrReviewProcessed(714, 'abc123:714')).toBe(true);
    expect(reopened.get(714)?.lastProcessedReviewMetadata).toEqual(metadata);
  });

  it('refuses hand-edited review metadata that does not match its schema', () => {
    const { prs, db } = setup();
    prs.markPrProcessed(processed(714));
    db.prepare(
      `UPDATE review_tracked_pull_requests SET last_processed_review_metadata = '{"digest":1}'`,
    ).run();

    expect(() => prs.get(714)).toThrow(/review metadata .* is not valid/);
  });
});

describe('trackedPullRequestRepository head debounce', () => {
  it('is not stable for an untracked PR', () => {
    const { prs } = setup();

    expect(prs.isPrHeadStable(714, 'abc123', 0)).toBe(false);
  });

  it('becomes stable once the head has been seen for the whole window', async () => {
    const { prs, clock } = setup();
    prs.markPrSeen(seen(714));
    const justSeen = prs.isPrHeadStable(714, 'abc123', 5 * minute);

    await clock.advance(10 * minute);

    expect(justSeen).toBe(false);
    expect(prs.isPrHeadStable(714, 'abc123', 5 * minute)).toBe(true);
    expect(prs.isPrHeadStable(714, 'def456', 5 * minute)).toBe(false);
  });

  it('is stable at once with a zero window and the same head', () => {
    const { prs } = setup();
    prs.markPrSeen(seen(714));

    expect(prs.isPrHeadStable(714, 'abc123', 0)).toBe(true);
  });

  it('restarts the window when a different head is seen and keeps it for the same head', async () => {
    const { prs, clock } = setup();
    const first = prs.markPrSeen(seen(714)).headShaFirstSeenAt;
    await clock.advance(minute);

    const sameHead = prs.markPrSeen(seen(714)).headShaFirstSeenAt;
    await clock.advance(minute);
    const newHead = prs.markPrSeen(seen(714, 'def456')).headShaFirstSeenAt;

    expect(sameHead).toBe(first);
    expect(newHead).toBe(clock.now());
  });

  it('keeps the later updated_at and the known created_at when an observation lacks them', () => {
    const { prs } = setup();
    prs.markPrSeen(seen(714, 'abc123', '2026-01-01T09:30:00Z'));

    const observed = prs.markPrSeen({
      number: 714,
      headSha: 'abc123',
      ciState: 'pending',
      updatedAt: '2026-01-01T09:00:00Z',
    });

    expect(observed).toMatchObject({
      createdAt: '2026-01-01T08:00:00Z',
      updatedAt: '2026-01-01T09:30:00Z',
      lastSeenCiState: 'pending',
    });
  });
});

describe('trackedPullRequestRepository blocked notices', () => {
  it('notifies the first time, then waits out the cooldown for the same head and reason', async () => {
    const { prs, clock } = setup();
    const first = prs.shouldNotifyPrBlocked(714, 'abc123', 'base not reachable', 30 * minute);
    prs.recordPrBlocked({
      number: 714,
      headSha: 'abc123',
      reason: 'base not reachable',
      source: 'polling',
      notified: true,
    });

    const soon = prs.shouldNotifyPrBlocked(714, 'abc123', 'base not reachable', 30 * minute);
    await clock.advance(30 * minute);

    expect(first).toBe(true);
    expect(soon).toBe(false);
    expect(prs.shouldNotifyPrBlocked(714, 'abc123', 'base not reachable', 30 * minute)).toBe(true);
  });

  it.each([
    { label: 'another head', head: 'def456', reason: 'base not reachable' },
    { label: 'another reason', head: 'abc123', reason: 'fetch failed' },
  ])('notifies again at once for $label', ({ head, reason }) => {
    const { prs } = setup();
    prs.recordPrBlocked({
      number: 714,
      headSha: 'abc123',
      reason: 'base not reachable',
      source: 'polling',
      notified: true,
    });

    expect(prs.shouldNotifyPrBlocked(714, head, reason, 30 * minute)).toBe(true);
  });

  it('records a block without a notice without starting the cooldown', () => {
    const { prs, clock } = setup();

    const blocked = prs.recordPrBlocked({
      number: 714,
      headSha: 'abc123',
      reason: 'base not reachable',
      source: 'webhook',
      notified: false,
    });

    expect(blocked).toMatchObject({
      lastBlockedAt: clock.now(),
      lastBlockedSource: 'webhook',
      lastBlockedNotifiedAt: null,
    });
    expect(prs.shouldNotifyPrBlocked(714, 'abc123', 'base not reachable', 30 * minute)).toBe(true);
  });

  it('leaves a blocked PR unreviewed so it stays pending', () => {
    const { prs } = setup();
    prs.markPrSeen(seen(714));

    prs.recordPrBlocked({ number: 714, headSha: 'abc123', reason: 'x', source: 'polling', notified: true });

    expect(prs.pendingPrNumbersForPolling({ limit: 10, maxAgeMs: 7 * day })).toEqual([714]);
  });
});

describe('trackedPullRequestRepository.pruneInactive', () => {
  it('forgets only PRs with no activity, observation or review since the limit', async () => {
    const { prs, clock } = setup();
    prs.markPrSeen({
      number: 1,
      headSha: 'a',
      ciState: null,
      createdAt: '2025-06-01T00:00:00Z',
      updatedAt: '2025-06-02T00:00:00Z',
    });
    prs.markPrSeen(seen(2, 'a', '2026-03-01T00:00:00Z'));
    await clock.set(Date.UTC(2026, 2, 2));
    prs.markPrSeen({
      number: 3,
      headSha: 'a',
      ciState: null,
      createdAt: '2025-06-01T00:00:00Z',
      updatedAt: '2025-06-02T00:00:00Z',
    });

    const removed = prs.pruneInactive(Date.UTC(2026, 1, 1));

    expect(removed).toBe(1);
    expect([1, 2, 3].map((number) => prs.isTracked(number))).toEqual([false, true, true]);
  });
});
