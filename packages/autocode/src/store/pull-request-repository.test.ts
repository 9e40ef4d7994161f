import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCoreMigrations, openDatabase } from '@patchloop/core';
import { createFakeClock } from '@patchloop/sandbox';
import { describe, expect, it, onTestFinished } from 'vitest';
import { loadAutocodeMigrations } from './autocode-migrations.js';
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
  return { clock, pullRequests: createPullRequestRepository({ db, clock }) };
}

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

    expect(record).toEqual({ ...opened, openedAt: clock.now(), updatedAt: clock.now() });
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
});
