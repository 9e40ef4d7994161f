import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCoreMigrations, openDatabase } from '@patchloop/core';
import { createFakeClock } from '@patchloop/sandbox';
import { describe, expect, it, onTestFinished } from 'vitest';
import { loadAutocodeMigrations } from './autocode-migrations.js';
import { createRunRepository } from './run-repository.js';

const hour = 3_600_000;

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
  let counter = 0;
  const randomHex = () => {
    counter += 1;
    return counter.toString(16).padStart(10, '0');
  };
  return { db, clock, runs: createRunRepository({ db, clock, randomHex }) };
}

describe('runRepository', () => {
  it('starts a running run whose id names the kind, target and random suffix', () => {
    const { runs, clock } = setup();

    const run = runs.start({ kind: 'issue', targetNumber: 7, taskId: 3, branch: 'patchloop/issue-7-fix' });

    expect(run).toEqual({
      runId: 'issue-7-0000000001',
      kind: 'issue',
      targetNumber: 7,
      taskId: 3,
      status: 'running',
      branch: 'patchloop/issue-7-fix',
      prNumber: null,
      prUrl: null,
      failureCode: null,
      failureReason: null,
      details: null,
      startedAt: clock.now(),
      finishedAt: null,
    });
    expect(runs.get(run.runId)).toEqual(run);
  });

  it('uses the word feedback in review-feedback run ids', () => {
    const { runs } = setup();

    const run = runs.start({ kind: 'review_feedback', targetNumber: 12 });

    expect(run.runId).toBe('feedback-12-0000000001');
    expect(run).toMatchObject({ taskId: null, branch: null });
  });

  it('generates a 10-hex-digit suffix by default', () => {
    const { db, clock } = setup();
    const runs = createRunRepository({ db, clock });

    const run = runs.start({ kind: 'issue', targetNumber: 7 });

    expect(run.runId).toMatch(/^issue-7-[0-9a-f]{10}$/);
  });

  it('finishes a run with its outcome, publication and details', async () => {
    const { runs, clock } = setup();
    const run = runs.start({ kind: 'issue', targetNumber: 7, branch: 'patchloop/issue-7-fix' });
    await clock.advance(5000);

    const finished = runs.finish(run.runId, {
      status: 'pr_opened',
      prNumber: 12,
      prUrl: 'https://github.example/o/r/pull/12',
      details: { validation: { passed: 3 }, changedFiles: ['src/a.ts'] },
    });

    expect(finished).toMatchObject({
      status: 'pr_opened',
      branch: 'patchloop/issue-7-fix',
      prNumber: 12,
      prUrl: 'https://github.example/o/r/pull/12',
      details: { validation: { passed: 3 }, changedFiles: ['src/a.ts'] },
      finishedAt: clock.now(),
    });
    expect(runs.get(run.runId)).toEqual(finished);
  });

  it('records a failure with its code and reason', () => {
    const { runs } = setup();
    const run = runs.start({ kind: 'issue', targetNumber: 7 });

    const finished = runs.finish(run.runId, {
      status: 'failed',
      failureCode: 'validation_failed',
      failureReason: 'npm test failed',
      branch: 'patchloop/issue-7-retry',
    });

    expect(finished).toMatchObject({
      failureCode: 'validation_failed',
      failureReason: 'npm test failed',
      branch: 'patchloop/issue-7-retry',
    });
  });

  it('refuses to finish a run twice, an unknown run, or with the status running', () => {
    const { runs } = setup();
    const run = runs.start({ kind: 'issue', targetNumber: 7 });
    runs.finish(run.runId, { status: 'planned' });

    expect(() => runs.finish(run.runId, { status: 'failed' })).toThrow(/already finished as "planned"/);
    expect(() => runs.finish('issue-7-ffffffffff', { status: 'failed' })).toThrow(/No run with id/);
    const other = runs.start({ kind: 'issue', targetNumber: 8 });
    expect(() => runs.finish(other.runId, { status: 'running' })).toThrow(/cannot finish with status/);
    expect(runs.get(run.runId)?.status).toBe('planned');
  });

  it('returns the most recently started run of a target', async () => {
    const { runs, clock } = setup();
    runs.start({ kind: 'issue', targetNumber: 7 });
    await clock.advance(1000);
    const newest = runs.start({ kind: 'issue', targetNumber: 7 });
    runs.start({ kind: 'review_feedback', targetNumber: 7 });
    runs.start({ kind: 'issue', targetNumber: 8 });

    expect(runs.latest('issue', 7)).toEqual(newest);
    expect(runs.latest('issue', 9)).toBeUndefined();
  });

  it('lists the reasons of the latest failed runs oldest first', async () => {
    const { runs, clock } = setup();
    const finishAs = async (status: string, failureReason?: string) => {
      const run = runs.start({ kind: 'issue', targetNumber: 7 });
      await clock.advance(1000);
      runs.finish(run.runId, failureReason === undefined ? { status } : { status, failureReason });
    };
    await finishAs('failed', 'first');
    await finishAs('failed', 'second');
    await finishAs('blocked', 'not a failure');
    await finishAs('failed');
    await finishAs('failed', '   ');
    await finishAs('failed', 'third');
    await finishAs('failed', 'fourth');
    const otherTarget = runs.start({ kind: 'issue', targetNumber: 8 });
    runs.finish(otherTarget.runId, { status: 'failed', failureReason: 'other issue' });

    expect(runs.recentFailureReasons('issue', 7, 3)).toEqual(['second', 'third', 'fourth']);
    expect(runs.recentFailureReasons('review_feedback', 7, 3)).toEqual([]);
    expect(runs.recentFailureReasons('issue', 7, 0)).toEqual([]);
  });

  it('fails runs left running before the cutoff as orphaned on restart', async () => {
    const { runs, clock } = setup();
    const stale = runs.start({ kind: 'issue', targetNumber: 7 });
    const done = runs.start({ kind: 'issue', targetNumber: 8 });
    runs.finish(done.runId, { status: 'pr_opened' });
    await clock.advance(5 * hour);
    const fresh = runs.start({ kind: 'review_feedback', targetNumber: 12 });

    const recovered = runs.recoverOrphaned(clock.now() - 4 * hour);

    expect(recovered).toBe(1);
    expect(runs.get(stale.runId)).toMatchObject({
      status: 'failed',
      failureCode: 'orphaned_on_restart',
      finishedAt: clock.now(),
    });
    expect(runs.get(stale.runId)?.failureReason).toMatch(/still marked running/);
    expect(runs.get(done.runId)?.status).toBe('pr_opened');
    expect(runs.get(fresh.runId)?.status).toBe('running');
  });

  it('prunes finished runs older than the cutoff and keeps running ones', async () => {
    const { runs, clock } = setup();
    const old = runs.start({ kind: 'issue', targetNumber: 7 });
    runs.finish(old.runId, { status: 'failed', failureReason: 'old' });
    const stillRunning = runs.start({ kind: 'issue', targetNumber: 8 });
    await clock.advance(10 * hour);
    const recent = runs.start({ kind: 'issue', targetNumber: 9 });
    runs.finish(recent.runId, { status: 'dry_run' });

    const removed = runs.pruneFinishedBefore(clock.now() - hour);

    expect(removed).toBe(1);
    expect([old, stillRunning, recent].map((run) => runs.get(run.runId) !== undefined)).toEqual([
      false,
      true,
      true,
    ]);
  });

  it('counts runs and running runs', () => {
    const { runs } = setup();
    const finished = runs.start({ kind: 'issue', targetNumber: 7 });
    runs.finish(finished.runId, { status: 'planned' });
    runs.start({ kind: 'issue', targetNumber: 8 });

    expect(runs.counts()).toEqual({ runs: 2, runningRuns: 1 });
  });

  it('fails loudly on hand-edited details that are not a JSON object', () => {
    const { runs, db } = setup();
    const run = runs.start({ kind: 'issue', targetNumber: 7 });
    db.prepare("UPDATE autocode_runs SET details = '[1, 2]'").run();

    expect(() => runs.get(run.runId)).toThrow(/autocode_runs\.details of row issue-7-0000000001/);
  });
});
