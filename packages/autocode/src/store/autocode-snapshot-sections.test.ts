import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStateSnapshot, loadCoreMigrations, openDatabase } from '@patchloop/core';
import { createFakeClock } from '@patchloop/sandbox';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { IssuePlan } from '../planning/issue-plan.js';
import { loadAutocodeMigrations } from './autocode-migrations.js';
import { createAutocodeSnapshotSections } from './autocode-snapshot-sections.js';
import { createIssueRecordRepository } from './issue-record-repository.js';
import { createPullRequestRepository } from './pull-request-repository.js';
import { createRunRepository } from './run-repository.js';

const tables = ['autocode_issues', 'autocode_runs', 'autocode_pull_requests'] as const;

function openStore() {
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
  const rawRows = (table: string) => db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all();
  return {
    db,
    clock,
    rawRows,
    snapshot: createStateSnapshot({ db, clock, sections: createAutocodeSnapshotSections() }),
    issues: createIssueRecordRepository({ db, clock }),
    runs: createRunRepository({ db, clock }),
    pullRequests: createPullRequestRepository({ db, clock }),
  };
}

const plan: IssuePlan = {
  triage: { taskType: 'bug_fix', action: 'auto_fix', riskLevel: 'low', reason: 'crash', confidence: 0.8 },
  plan: {
    goal: 'Fix the crash',
    assumptions: [],
    acceptanceCriteria: ['no crash'],
    riskLevel: 'low',
    estimatedFiles: ['src/a.ts'],
    suggestedTests: [],
    needsHumanApproval: false,
    blockedReasons: [],
  },
  degraded: true,
  error: 'planner_timeout',
};

async function seed(store: ReturnType<typeof openStore>): Promise<void> {
  store.issues.recordOutcome({
    number: 7,
    version: '2026-01-01T09:00:00Z',
    outcome: 'pr_opened',
    summary: 'ok',
  });
  store.issues.savePlan({ number: 7, version: '2026-01-01T09:00:00Z', plan });
  store.issues.recordPublication({ number: 7, branch: 'patchloop/issue-7', prNumber: 12, prUrl: 'u' });
  store.issues.pause(8, 'hold');
  const run = store.runs.start({ kind: 'issue', targetNumber: 7, taskId: 1 });
  await store.clock.advance(1000);
  store.runs.finish(run.runId, { status: 'pr_opened', prNumber: 12, details: { checks: ['lint', 'test'] } });
  store.runs.start({ kind: 'review_feedback', targetNumber: 12 });
  store.pullRequests.upsert({
    number: 12,
    issueNumber: 7,
    branch: 'patchloop/issue-7',
    base: 'main',
    status: 'open',
  });
}

describe('createAutocodeSnapshotSections', () => {
  it('exports the three tables with JSON columns parsed', async () => {
    const store = openStore();
    await seed(store);

    const document = store.snapshot.export();

    expect(document.tables['autocode_issues']).toEqual([
      expect.objectContaining({ number: 7, processed_versions: ['2026-01-01T09:00:00Z'], plan_json: plan }),
      expect.objectContaining({ number: 8, paused: 1, plan_json: null }),
    ]);
    expect(document.tables['autocode_runs']).toEqual([
      expect.objectContaining({ kind: 'issue', details: { checks: ['lint', 'test'] } }),
      expect.objectContaining({ kind: 'review_feedback', status: 'running', details: null }),
    ]);
    expect(document.tables['autocode_pull_requests']).toEqual([
      expect.objectContaining({ number: 12, issue_number: 7 }),
    ]);
  });

  it('restores an export into a fresh database with equal rows', async () => {
    const source = openStore();
    await seed(source);
    const document = JSON.parse(JSON.stringify(source.snapshot.export()));
    const target = openStore();

    const report = target.snapshot.restore(document);

    expect(report.restoredRows).toMatchObject({
      autocode_issues: 2,
      autocode_runs: 2,
      autocode_pull_requests: 1,
    });
    for (const table of tables) expect(target.rawRows(table)).toEqual(source.rawRows(table));
    expect(target.issues.getPlan(7, '2026-01-01T09:00:00Z')).toEqual(plan);
    expect(target.issues.isPaused(8)).toBe(true);
  });

  it('exports an unreadable plan as null instead of failing the whole export', async () => {
    const store = openStore();
    await seed(store);
    store.db.prepare("UPDATE autocode_issues SET plan_json = 'not json' WHERE number = 7").run();

    const document = store.snapshot.export();

    expect(document.tables['autocode_issues']?.[0]).toMatchObject({ number: 7, plan_json: null });
  });

  it('refuses a document with an unknown outcome and changes nothing', async () => {
    const store = openStore();
    await seed(store);
    const document = store.snapshot.export();
    const issues = document.tables['autocode_issues'] ?? [];
    const broken = {
      ...document,
      tables: {
        ...document.tables,
        autocode_issues: [{ ...(issues[0] as object), last_outcome: 'answered' }],
      },
    };

    expect(() => store.snapshot.restore(broken)).toThrow(/tables\.autocode_issues\[0\]\.last_outcome/);
    expect(store.issues.counts().issues).toBe(2);
  });
});
