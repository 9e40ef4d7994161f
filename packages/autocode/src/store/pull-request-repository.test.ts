import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCoreMigrations, openDatabase } from '@patchloop/core';
import { createFakeClock } from '@patchloop/sandbox';
import { describe, expect, it, onTestFinished } from 'vitest';
import { loadAutocodeMigrations } from './autocode-migrations.js';
import type { PullRequestRepository } from './pull-request-repository.js';
import { createPullRequestRepository } from './pull-request-repository.js';

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'patchloop-'));
  const clock = createFakeClock(Date.UTC(2026, 0, 1, 10));
  const db = openDatabase({
    path: join(dir, 'autocode.db'),
    migrations: [loadCoreMigrations(), loadAutocodeMigrations()],
    clock,
  });
  onTestFinished(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { db, clock, pullRequests: createPullRequestRepository({ db, clock }) };
}

// What an upsert-only pull request carries in the columns the repair loop owns.
const noRepairState = {
  author: null,
  source: null,
  reviewState: null,
  lastSummary: null,
  repairCount: 0,
  feedbackCursor: null,
  repairPaused: false,
  pauseReason: null,
  pausedAt: null,
  knownHeadSha: null,
  handedBackAt: null,
  handbackCode: null,
  rebaseFailedHeadSha: null,
  rebaseFailedAt: null,
  rebaseFailure: null,
  baseFailureReportedSha: null,
  prUpdatedAt: null,
};

const opened = {
  number: 12,
  issueNumber: 7,
  branch: 'patchloop/issue-7-fix',
  base: 'main',
  headSha: 'abc123',
  url: 'https://github.example/o/r/pull/12',
  status: 'open',
};

describe('pullRequestRepository', () => {
  it('records a pull request with the time it was first seen', () => {
    const { pullRequests, clock } = setup();

    const record = pullRequests.upsert(opened);

    expect(record).toEqual({ ...opened, ...noRepairState, openedAt: clock.now(), updatedAt: clock.now() });
    expect(pullRequests.get(12)).toEqual(record);
    expect(pullRequests.get(13)).toBeUndefined();
  });

  it('updates status and head but keeps the opening time and links an update does not know', async () => {
    const { pullRequests, clock } = setup();
    const first = pullRequests.upsert(opened);
    await clock.advance(60_000);

    const updated = pullRequests.upsert({
      number: 12,
      branch: opened.branch,
      base: 'main',
      headSha: 'def456',
      status: 'closed',
    });

    expect(updated).toEqual({
      ...first,
      headSha: 'def456',
      status: 'closed',
      updatedAt: clock.now(),
    });
  });

  it('finds the open pull request of a branch before a closed one', async () => {
    const { pullRequests, clock } = setup();
    pullRequests.upsert({ ...opened, number: 10, status: 'open' });
    await clock.advance(1000);
    pullRequests.upsert({ ...opened, number: 11, status: 'closed' });

    expect(pullRequests.findByBranch(opened.branch)?.number).toBe(10);
    expect(pullRequests.findByBranch('patchloop/other')).toBeUndefined();
  });

  it('finds the most recently updated pull request of a branch when none is open', async () => {
    const { pullRequests, clock } = setup();
    pullRequests.upsert({ ...opened, number: 11, status: 'closed' });
    await clock.advance(1000);
    pullRequests.upsert({ ...opened, number: 10, status: 'closed' });

    expect(pullRequests.findByBranch(opened.branch)?.number).toBe(10);
  });

  it('lists pull requests of one status by number', () => {
    const { pullRequests } = setup();
    pullRequests.upsert({ ...opened, number: 14 });
    pullRequests.upsert({ ...opened, number: 12 });
    pullRequests.upsert({ ...opened, number: 13, status: 'closed' });

    expect(pullRequests.listByStatus('open').map((record) => record.number)).toEqual([12, 14]);
    expect(pullRequests.listByStatus('review_feedback_pending')).toEqual([]);
  });

  it('counts all and open pull requests', () => {
    const { pullRequests } = setup();
    pullRequests.upsert({ ...opened, number: 12 });
    pullRequests.upsert({ ...opened, number: 13, status: 'closed' });

    expect(pullRequests.counts()).toEqual({ pullRequests: 2, openPullRequests: 1 });
  });

  it('refuses a pull request without a branch, base or status', () => {
    const { pullRequests } = setup();

    expect(() => pullRequests.upsert({ ...opened, base: ' ' })).toThrow(
      /needs a branch, a base and a status/,
    );
    expect(pullRequests.get(12)).toBeUndefined();
  });

  it('reads a stored row with an unknown review state as STORE_ROW_INVALID', () => {
    const { pullRequests, db } = setup();
    pullRequests.upsert(opened);
    db.prepare("UPDATE autocode_pull_requests SET review_state = 'lgtm' WHERE number = 12").run();

    expect(() => pullRequests.get(12)).toThrow(/autocode_pull_requests\.review_state of row 12/);
  });
});

const scanned = {
  number: 21,
  branch: 'patchloop/issue-9-fix',
  base: 'release/2.x',
  headSha: 'aaa111',
  url: 'https://github.example/o/r/pull/21',
  author: 'patchloop-bot',
  source: 'autocode_branch',
  prUpdatedAt: '2026-01-01T09:00:00Z',
  status: 'open',
} as const;

describe('pullRequestRepository.track', () => {
  it('records a scanned pull request with an untouched repair state', () => {
    const { pullRequests, clock } = setup();

    const record = pullRequests.track(scanned);

    expect(record).toEqual({
      ...noRepairState,
      ...scanned,
      issueNumber: null,
      openedAt: clock.now(),
      updatedAt: clock.now(),
    });
  });

  it('refreshes what a scan sees and never clears the repair state', async () => {
    const { pullRequests, clock } = setup();
    pullRequests.upsert({ ...opened, number: 21 });
    pullRequests.track(scanned);
    pullRequests.setReviewState(21, 'changes_requested', 'two items open');
    pullRequests.setFeedbackCursor(21, { at: '2026-01-01T09:30:00Z', ids: ['5'] });
    pullRequests.incrementRepairCount(21);
    pullRequests.pauseRepair(21, 'someone else pushed');
    pullRequests.setKnownHead(21, 'aaa111');
    pullRequests.markHandedBack(21, 'human_push');
    pullRequests.recordRebaseFailure(21, 'aaa111', 'conflict in src/a.ts');
    pullRequests.markBaseFailureReported(21, 'aaa111');
    const before = pullRequests.get(21);
    await clock.advance(60_000);

    const after = pullRequests.track({
      ...scanned,
      headSha: 'bbb222',
      author: null,
      prUpdatedAt: '2026-01-01T10:00:00Z',
    });

    expect(after).toEqual({
      ...before,
      headSha: 'bbb222',
      prUpdatedAt: '2026-01-01T10:00:00Z',
      updatedAt: clock.now(),
    });
    expect(after.issueNumber).toBe(7);
    expect(after.author).toBe('patchloop-bot');
  });

  it('refuses a pull request without a branch, base or status', () => {
    const { pullRequests } = setup();

    expect(() => pullRequests.track({ ...scanned, status: '' })).toThrow(
      /needs a branch, a base and a status/,
    );
    expect(pullRequests.get(21)).toBeUndefined();
  });
});

describe('pullRequestRepository.listTracked', () => {
  it('lists every pull request first recorded first, or only those of one status', async () => {
    const { pullRequests, clock } = setup();
    pullRequests.track({ ...scanned, number: 30 });
    await clock.advance(1000);
    pullRequests.upsert({ ...opened, number: 12 });
    await clock.advance(1000);
    pullRequests.track({ ...scanned, number: 5, status: 'closed' });

    expect(pullRequests.listTracked().map((record) => record.number)).toEqual([30, 12, 5]);
    expect(pullRequests.listTracked({ status: 'open' }).map((record) => record.number)).toEqual([30, 12]);
  });
});

describe('pullRequestRepository repair state', () => {
  it('records the review state with its summary', async () => {
    const { pullRequests, clock } = setup();
    pullRequests.track(scanned);
    await clock.advance(1000);

    const record = pullRequests.setReviewState(21, 'approved', 'approved by the latest review');

    expect(record).toMatchObject({
      reviewState: 'approved',
      lastSummary: 'approved by the latest review',
      updatedAt: clock.now(),
    });
  });

  it('moves the feedback cursor and forgets it again', () => {
    const { pullRequests } = setup();
    pullRequests.track(scanned);

    const moved = pullRequests.setFeedbackCursor(21, { at: '2026-01-01T09:30:00Z', ids: ['7', '8'] });
    const cleared = pullRequests.setFeedbackCursor(21, null);

    expect(moved.feedbackCursor).toEqual({ at: '2026-01-01T09:30:00Z', ids: ['7', '8'] });
    expect(cleared.feedbackCursor).toBeNull();
  });

  it('reads a cursor time without its ids as STORE_ROW_INVALID', () => {
    const { pullRequests, db } = setup();
    pullRequests.track(scanned);
    db.prepare("UPDATE autocode_pull_requests SET feedback_cursor_at = '2026-01-01T09:30:00Z'").run();

    expect(() => pullRequests.get(21)).toThrow(/feedback_cursor_ids of row 21/);
  });

  it('counts repair rounds up and resets them', () => {
    const { pullRequests } = setup();
    pullRequests.track(scanned);

    pullRequests.incrementRepairCount(21);
    const twice = pullRequests.incrementRepairCount(21);
    const reset = pullRequests.resetRepairCount(21);

    expect(twice.repairCount).toBe(2);
    expect(reset.repairCount).toBe(0);
  });

  it('pauses repair and keeps the repair count', () => {
    const { pullRequests, clock } = setup();
    pullRequests.track(scanned);
    pullRequests.incrementRepairCount(21);

    const paused = pullRequests.pauseRepair(21, 'someone else pushed');

    expect(paused).toMatchObject({
      repairPaused: true,
      pauseReason: 'someone else pushed',
      pausedAt: clock.now(),
      repairCount: 1,
    });
  });

  it('resumes a paused and handed-back pull request with a fresh count', async () => {
    const { pullRequests, clock } = setup();
    pullRequests.track(scanned);
    pullRequests.incrementRepairCount(21);
    pullRequests.pauseRepair(21, 'someone else pushed');
    pullRequests.markHandedBack(21, 'human_push');
    await clock.advance(1000);

    const resumed = pullRequests.resumeRepair(21);

    expect(resumed).toBe(true);
    expect(pullRequests.get(21)).toMatchObject({
      repairPaused: false,
      pauseReason: null,
      pausedAt: null,
      repairCount: 0,
      handedBackAt: null,
      handbackCode: null,
      updatedAt: clock.now(),
    });
  });

  it('resumes a handed-back pull request that was not paused', () => {
    const { pullRequests } = setup();
    pullRequests.track(scanned);
    pullRequests.markHandedBack(21, 'no_progress');

    expect(pullRequests.resumeRepair(21)).toBe(true);
    expect(pullRequests.get(21)?.handbackCode).toBeNull();
  });

  it('answers false when resuming a pull request that is running or unknown, and changes nothing', () => {
    const { pullRequests } = setup();
    pullRequests.track(scanned);
    pullRequests.incrementRepairCount(21);

    expect(pullRequests.resumeRepair(21)).toBe(false);
    expect(pullRequests.resumeRepair(99)).toBe(false);
    expect(pullRequests.get(21)?.repairCount).toBe(1);
  });

  it('records the known head and the hand-back code with its time', () => {
    const { pullRequests, clock } = setup();
    pullRequests.track(scanned);

    pullRequests.setKnownHead(21, 'aaa111');
    const handedBack = pullRequests.markHandedBack(21, 'diverging');

    expect(handedBack).toMatchObject({
      knownHeadSha: 'aaa111',
      handedBackAt: clock.now(),
      handbackCode: 'diverging',
    });
  });

  it('remembers a failed rebase for its head until cleared', () => {
    const { pullRequests, clock } = setup();
    pullRequests.track(scanned);

    const failed = pullRequests.recordRebaseFailure(21, 'aaa111', 'conflict in src/a.ts');
    const cleared = pullRequests.clearRebaseFailure(21);

    expect(failed).toMatchObject({
      rebaseFailedHeadSha: 'aaa111',
      rebaseFailedAt: clock.now(),
      rebaseFailure: 'conflict in src/a.ts',
    });
    expect(cleared).toMatchObject({ rebaseFailedHeadSha: null, rebaseFailedAt: null, rebaseFailure: null });
  });

  it('remembers the head whose base-branch failures were reported', () => {
    const { pullRequests } = setup();
    pullRequests.track(scanned);

    expect(pullRequests.markBaseFailureReported(21, 'aaa111').baseFailureReportedSha).toBe('aaa111');
  });

  it.each([
    ['setReviewState', (repo: PullRequestRepository) => repo.setReviewState(99, 'pending', 'none')],
    ['setFeedbackCursor', (repo: PullRequestRepository) => repo.setFeedbackCursor(99, null)],
    ['incrementRepairCount', (repo: PullRequestRepository) => repo.incrementRepairCount(99)],
    ['resetRepairCount', (repo: PullRequestRepository) => repo.resetRepairCount(99)],
    ['pauseRepair', (repo: PullRequestRepository) => repo.pauseRepair(99, 'hold')],
    ['setKnownHead', (repo: PullRequestRepository) => repo.setKnownHead(99, 'abc')],
    ['markHandedBack', (repo: PullRequestRepository) => repo.markHandedBack(99, 'round_cap')],
    ['recordRebaseFailure', (repo: PullRequestRepository) => repo.recordRebaseFailure(99, 'abc', 'x')],
    ['clearRebaseFailure', (repo: PullRequestRepository) => repo.clearRebaseFailure(99)],
    ['markBaseFailureReported', (repo: PullRequestRepository) => repo.markBaseFailureReported(99, 'abc')],
  ])('refuses %s for a pull request that is not tracked', (_name, write) => {
    const { pullRequests } = setup();

    expect(() => write(pullRequests)).toThrow(/Pull request #99 is not tracked/);
    expect(pullRequests.get(99)).toBeUndefined();
  });
});
