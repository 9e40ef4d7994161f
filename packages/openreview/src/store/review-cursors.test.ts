import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPollCursorRepository, loadCoreMigrations, openDatabase } from '@patchloop/core';
import { createFakeClock } from '@patchloop/sandbox';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { ReviewCursors as PollCycleCursors } from '../ingest/poll-ports.js';
import { createReviewCursors, reviewCursorKeys } from './review-cursors.js';
import { loadOpenReviewMigrations } from './review-migrations.js';

const hour = 3_600_000;

function setup(backfillMs = 0) {
  const dir = mkdtempSync(join(tmpdir(), 'patchloop-'));
  const path = join(dir, 'state.db');
  const clock = createFakeClock(Date.UTC(2026, 0, 1, 10, 0, 0, 750));
  const migrations = [loadCoreMigrations(), loadOpenReviewMigrations()];
  let db = openDatabase({ path, migrations, clock });
  onTestFinished(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const open = () => {
    const store = createPollCursorRepository({ db, clock });
    return { store, cursors: createReviewCursors({ cursors: store, clock, backfillMs }) };
  };
  const restart = () => {
    db.close();
    db = openDatabase({ path, migrations, clock });
    return open();
  };
  return { clock, restart, ...open() };
}

describe('reviewCursors', () => {
  it('starts a fresh install at now minus the backfill window, second precision with Z', () => {
    const { cursors } = setup(24 * hour);

    const issue = cursors.get('issue');

    expect(issue).toBe('2025-12-31T10:00:00Z');
    expect(cursors.baseline()).toBe('2025-12-31T10:00:00Z');
  });

  it('starts at now when no backfill is configured', () => {
    const { cursors } = setup(0);

    expect(cursors.get('pull_request')).toBe('2026-01-01T10:00:00Z');
  });

  it('keeps the first baseline across restarts instead of moving it to the new now', async () => {
    const { cursors, clock, restart } = setup(hour);
    const first = cursors.baseline();
    await clock.advance(5 * hour);

    const after = restart().cursors;

    expect(after.baseline()).toBe(first);
    expect(after.get('issue_comment')).toBe(first);
  });

  it('bootstraps every cursor to the baseline on a fresh store', () => {
    const { cursors } = setup(0);

    const values = (['issue', 'pull_request', 'issue_comment', 'review_comment'] as const).map((name) =>
      cursors.get(name),
    );

    expect(new Set(values)).toEqual(new Set([cursors.baseline()]));
  });

  it('seeds a missing comment cursor from its listing cursor, then lets them move independently', () => {
    const { cursors, store } = setup(0);
    store.put({ name: reviewCursorKeys.issue, value: '2026-01-01T08:00:00Z' });
    store.put({ name: reviewCursorKeys.pull_request, value: '2026-01-01T07:00:00Z' });

    const issueComment = cursors.get('issue_comment');
    const reviewComment = cursors.get('review_comment');
    cursors.advance('issue', '2026-01-01T09:00:00Z', 5_000);

    expect(issueComment).toBe('2026-01-01T08:00:00Z');
    expect(reviewComment).toBe('2026-01-01T07:00:00Z');
    expect(cursors.get('issue_comment')).toBe('2026-01-01T08:00:00Z');
  });

  it('moves the cursor to the observed time minus the overlap', () => {
    const { cursors, store } = setup(0);
    store.put({ name: reviewCursorKeys.issue, value: '2026-01-01T00:00:00Z' });

    cursors.advance('issue', '2026-01-01T10:00:00Z', 5_000);

    expect(cursors.get('issue')).toBe('2026-01-01T09:59:55Z');
  });

  it('keeps failed items re-listed by moving only to the failure time minus 30 seconds', () => {
    const { cursors, store } = setup(0);
    store.put({ name: reviewCursorKeys.issue_comment, value: '2026-01-01T00:00:00Z' });

    cursors.advance('issue_comment', '2026-01-01T10:00:00Z', 30_000);

    expect(cursors.get('issue_comment')).toBe('2026-01-01T09:59:30Z');
  });

  it.each([
    { label: 'an earlier time', at: '2026-01-01T08:00:00Z' },
    { label: 'the same time', at: '2026-01-01T09:00:05Z' },
  ])('never moves the cursor back for $label', ({ at }) => {
    const { cursors, store } = setup(0);
    store.put({ name: reviewCursorKeys.pull_request, value: '2026-01-01T09:00:00Z' });

    cursors.advance('pull_request', at, 5_000);

    expect(cursors.get('pull_request')).toBe('2026-01-01T09:00:00Z');
  });

  it('compares offsets as instants and stores the result in UTC with Z', () => {
    const { cursors, store } = setup(0);
    store.put({ name: reviewCursorKeys.review_comment, value: '2026-01-01T09:00:00Z' });

    cursors.advance('review_comment', '2026-01-01T11:30:10.900+02:00', 5_000);

    expect(cursors.get('review_comment')).toBe('2026-01-01T09:30:05Z');
  });

  it('refuses a timestamp that is not an ISO date-time', () => {
    const { cursors } = setup(0);

    expect(() => cursors.advance('issue', 'yesterday', 5_000)).toThrow(/not an ISO-8601 date-time/);
  });

  it('plugs into the poll cycle as its cursors', () => {
    const { cursors } = setup(hour);

    const port: PollCycleCursors = cursors;

    expect(port.get('issue')).toBe('2026-01-01T09:00:00Z');
  });
});
