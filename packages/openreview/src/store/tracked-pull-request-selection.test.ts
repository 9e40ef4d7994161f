import { describe, expect, it } from 'vitest';
import type { TrackedPullRequests } from '../ingest/poll-ports.js';
import { day, minute, processed, seen, setup } from './test-builders.js';

// Acceptance scenarios of spec §10 covered here: 58-63 (the tracked-PR batches of the poll cycle,
// selected through the repository that owns the table).

describe('trackedPullRequestRepository.pendingPrNumbersForPolling', () => {
  it('lists PRs never reviewed or seen on an unreviewed head, not those reviewed at their seen head', () => {
    const { prs } = setup();
    prs.markPrSeen(seen(820));
    prs.markPrSeen(seen(821));
    prs.markPrProcessed(processed(821));
    prs.markPrSeen({ ...seen(822), ciState: 'pending' });
    prs.markPrProcessed(processed(822));
    prs.markPrSeen({ ...seen(822), ciState: 'pending' });
    prs.markPrProcessed(processed(823));
    prs.markPrSeen(seen(823, 'def456'));

    const pending = prs.pendingPrNumbersForPolling({ limit: 10, maxAgeMs: 7 * day });

    expect(pending).toEqual([823, 820]);
  });

  it('skips PRs whose latest activity is older than the maximum age', () => {
    const { prs } = setup();
    prs.markPrSeen({
      number: 820,
      headSha: 'abc123',
      ciState: null,
      createdAt: '2025-09-01T00:00:00Z',
      updatedAt: '2025-09-02T00:00:00Z',
    });

    expect(prs.pendingPrNumbersForPolling({ limit: 10, maxAgeMs: 7 * day })).toEqual([]);
  });

  it('orders by latest activity, newest first, and stops at the limit', () => {
    const { prs } = setup();
    prs.markPrSeen(seen(1, 'a', '2026-01-01T07:00:00Z'));
    prs.markPrSeen(seen(2, 'a', '2026-01-01T09:00:00Z'));
    prs.markPrSeen(seen(3, 'a', '2026-01-01T08:00:00Z'));

    expect(prs.pendingPrNumbersForPolling({ limit: 2, maxAgeMs: 7 * day })).toEqual([2, 3]);
    expect(prs.pendingPrNumbersForPolling({ limit: 0, maxAgeMs: 7 * day })).toEqual([]);
  });
});

describe('trackedPullRequestRepository review-submission polling', () => {
  it('selects a recently reviewed PR', () => {
    const { prs } = setup();
    prs.markPrProcessed(processed(830));

    expect(prs.prNumbersForReviewPolling({ limit: 10, maxAgeMs: 7 * day })).toEqual([830]);
  });

  it('keeps the cutoff at the first review until a completed scan moves it', async () => {
    const { prs, clock } = setup();
    prs.markPrProcessed(processed(830, 'k1', '2026-01-01T09:00:00Z'));
    await clock.advance(minute);
    prs.markPrProcessed(processed(830, 'k2', '2026-01-01T09:45:00Z'));
    const afterFollowUp = prs.prReviewPollingCutoff(830);

    prs.recordReviewScan({
      number: 830,
      scannedAt: '2026-01-01T11:01:00Z',
      newestReviewAt: '2026-01-01T11:00:00Z',
    });

    expect(afterFollowUp).toBe('2026-01-01T09:00:00Z');
    expect(prs.prReviewPollingCutoff(830)).toBe('2026-01-01T11:00:00Z');
  });

  it('never moves the cutoff back when a scan saw only older reviews', () => {
    const { prs } = setup();
    prs.markPrProcessed(processed(830));
    prs.recordReviewScan({
      number: 830,
      scannedAt: '2026-01-01T10:00:00Z',
      newestReviewAt: '2026-01-01T09:30:00Z',
    });

    prs.recordReviewScan({
      number: 830,
      scannedAt: '2026-01-01T10:05:00Z',
      newestReviewAt: '2026-01-01T08:00:00Z',
    });

    expect(prs.prReviewPollingCutoff(830)).toBe('2026-01-01T09:30:00Z');
  });

  it('falls back to the poll baseline for a PR that was only observed', () => {
    const { prs } = setup({ baseline: () => '2026-01-01T06:00:00Z' });
    prs.markPrSeen(seen(830));

    expect(prs.prReviewPollingCutoff(830)).toBe('2026-01-01T06:00:00Z');
  });

  it('has no cutoff without a review, a scan or a baseline', () => {
    const { prs } = setup();
    prs.markPrSeen(seen(830));

    expect(prs.prReviewPollingCutoff(830)).toBeNull();
  });

  it('rotates equally active PRs through batches, never-scanned and highest numbers first', () => {
    const { prs } = setup();
    for (let number = 1; number <= 40; number += 1) prs.markPrProcessed(processed(number));
    const selection = { limit: 20, maxAgeMs: 7 * day };

    const first = prs.prNumbersForReviewPolling(selection);
    for (const number of first)
      prs.recordReviewScan({ number, scannedAt: '2026-01-01T10:00:00Z', newestReviewAt: null });
    const second = prs.prNumbersForReviewPolling(selection);

    expect(first).toEqual(Array.from({ length: 20 }, (_, index) => 40 - index));
    expect(second).toEqual(Array.from({ length: 20 }, (_, index) => 20 - index));
  });

  it('skips a PR scanned after its last activity until new activity is seen', () => {
    const { prs } = setup();
    prs.markPrProcessed(processed(830));
    prs.recordReviewScan({ number: 830, scannedAt: '2026-01-01T10:00:00Z', newestReviewAt: null });
    const afterScan = prs.prNumbersForReviewPolling({ limit: 10, maxAgeMs: 7 * day });

    prs.markPrSeen(seen(830, 'abc123', '2026-01-01T10:30:00Z'));

    expect(afterScan).toEqual([]);
    expect(prs.prNumbersForReviewPolling({ limit: 10, maxAgeMs: 7 * day })).toEqual([830]);
  });

  it('ignores a scan of an untracked PR', () => {
    const { prs } = setup();

    prs.recordReviewScan({
      number: 830,
      scannedAt: '2026-01-01T10:00:00Z',
      newestReviewAt: '2026-01-01T09:00:00Z',
    });

    expect(prs.isTracked(830)).toBe(false);
  });

  it('drops a PR from both selections after three 404s and restores it once reachable', () => {
    const { prs } = setup();
    prs.markPrSeen(seen(840));
    prs.markPrUnreachable(840);
    prs.markPrUnreachable(840);
    const afterTwo = prs.prNumbersForReviewPolling({ limit: 10, maxAgeMs: 7 * day });
    prs.markPrUnreachable(840);
    const selection = { limit: 10, maxAgeMs: 7 * day };
    const excluded = [prs.prNumbersForReviewPolling(selection), prs.pendingPrNumbersForPolling(selection)];

    prs.clearPrUnreachable(840);

    expect(afterTwo).toEqual([840]);
    expect(excluded).toEqual([[], []]);
    expect(prs.get(840)).toMatchObject({ unreachableCount: 0, unreachableAt: null });
    expect(prs.pendingPrNumbersForPolling(selection)).toEqual([840]);
  });
});

describe('trackedPullRequestRepository as the poll cycle port', () => {
  it('plugs into the poll cycle as its tracked pull requests', () => {
    const { prs } = setup();
    prs.markPrSeen(seen(850));

    const port: TrackedPullRequests = prs;

    expect(port.pendingPrNumbersForPolling({ limit: 5, maxAgeMs: 7 * day })).toEqual([850]);
  });
});
