import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStateSnapshot, loadCoreMigrations, openDatabase } from '@patchloop/core';
import { createFakeClock } from '@patchloop/sandbox';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { IssuePlan } from '../planning/issue-plan.js';
import { loadAutocodeMigrations } from './autocode-migrations.js';
import { createAutocodeSnapshotSections } from './autocode-snapshot-sections.js';
import { createBacklogItemRepository } from './backlog-item-repository.js';
import { createFeedbackLedgerRepository } from './feedback-ledger-repository.js';
import { createIssueRecordRepository } from './issue-record-repository.js';
import { createPullRequestRepository } from './pull-request-repository.js';
import { createRepairRoundRepository } from './repair-round-repository.js';
import { createRunRepository } from './run-repository.js';

const tables = [
  'autocode_issues',
  'autocode_runs',
  'autocode_pull_requests',
  'autocode_feedback_items',
  'autocode_repair_rounds',
  'autocode_backlog_items',
] as const;

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
  // Ordered by content (every table's first two columns are unique together), not insertion order.
  const rawRows = (table: string) => db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all();
  return {
    db,
    clock,
    rawRows,
    snapshot: createStateSnapshot({ db, clock, sections: createAutocodeSnapshotSections() }),
    issues: createIssueRecordRepository({ db, clock }),
    runs: createRunRepository({ db, clock }),
    pullRequests: createPullRequestRepository({ db, clock }),
    ledger: createFeedbackLedgerRepository({ db, clock }),
    rounds: createRepairRoundRepository({ db, clock }),
    backlog: createBacklogItemRepository({ db, clock }),
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
  store.pullRequests.track({
    number: 12,
    branch: 'patchloop/issue-7',
    base: 'main',
    headSha: 'abc123',
    author: 'patchloop-bot',
    source: 'autocode_branch',
    prUpdatedAt: '2026-01-01T09:30:00Z',
    status: 'open',
  });
  store.pullRequests.setFeedbackCursor(12, { at: '2026-01-01T09:30:00Z', ids: ['55', '101'] });
  store.pullRequests.setReviewState(12, 'changes_requested', 'one item open');
  store.pullRequests.incrementRepairCount(12);
  store.pullRequests.setKnownHead(12, 'abc123');
  store.pullRequests.pauseRepair(12, 'someone else pushed');
  store.pullRequests.upsert({ number: 13, branch: 'patchloop/issue-8', base: 'main', status: 'closed' });
  store.ledger.upsertSeen(12, [
    { fingerprint: 'review:55:bbbb', itemId: '55', kind: 'review', author: 'bob', summary: 'Add a test' },
    {
      fingerprint: 'ci_failure:lint@abc:cc',
      itemId: 'lint@abc',
      kind: 'ci_failure',
      author: 'ci',
      summary: 'lint',
    },
  ]);
  store.ledger.setState(12, ['review:55:bbbb'], 'addressed', { round: 1 });
  store.rounds.record({
    prNumber: 12,
    round: 1,
    commitSha: 'abc123',
    feedbackKey: 'pr:12:0123456789abcdef',
    openBefore: 2,
    addressed: ['review:55:bbbb'],
    addedLineHashes: ['1111111111111111'],
    removedLineHashes: [],
  });
  store.backlog.upsert({
    itemKey: 'backlog:0123456789abcdef',
    source: 'backlog',
    sourcePath: 'TODO.md',
    lineNumber: 4,
    title: 'Retry webhook deliveries',
    issueTitle: '[Feature] Retry webhook deliveries',
    issueNumber: 41,
    issueUrl: 'https://github.example/o/r/issues/41',
    status: 'created',
    checked: true,
  });
  store.backlog.recordIssueCheck('backlog:0123456789abcdef');
  store.backlog.upsert({
    itemKey: 'idle:00112233aabbccdd',
    source: 'idle',
    sourcePath: 'src/a.ts',
    lineNumber: 17,
    title: 'Handle timeouts',
    status: 'skipped',
    reason: 'not actionable',
  });
}

describe('createAutocodeSnapshotSections', () => {
  it('exports every autocode table with JSON columns parsed', async () => {
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
      expect.objectContaining({
        number: 12,
        issue_number: 7,
        source: 'autocode_branch',
        repair_count: 1,
        repair_paused: 1,
        feedback_cursor_ids: ['55', '101'],
      }),
      expect.objectContaining({ number: 13, feedback_cursor_at: null, feedback_cursor_ids: null }),
    ]);
    expect(document.tables['autocode_feedback_items']).toEqual([
      expect.objectContaining({ pr_number: 12, fingerprint: 'review:55:bbbb', state: 'addressed', round: 1 }),
      expect.objectContaining({ pr_number: 12, kind: 'ci_failure', state: 'open' }),
    ]);
    expect(document.tables['autocode_repair_rounds']).toEqual([
      expect.objectContaining({ round: 1, addressed: ['review:55:bbbb'], removed_line_hashes: [] }),
    ]);
    expect(document.tables['autocode_backlog_items']).toEqual([
      expect.objectContaining({ item_key: 'backlog:0123456789abcdef', checked: 1, issue_number: 41 }),
      expect.objectContaining({ item_key: 'idle:00112233aabbccdd', status: 'skipped' }),
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
      autocode_pull_requests: 2,
      autocode_feedback_items: 2,
      autocode_repair_rounds: 1,
      autocode_backlog_items: 2,
    });
    for (const table of tables) expect(target.rawRows(table)).toEqual(source.rawRows(table));
    expect(target.issues.getPlan(7, '2026-01-01T09:00:00Z')).toEqual(plan);
    expect(target.issues.isPaused(8)).toBe(true);
    expect(target.pullRequests.get(12)).toEqual(source.pullRequests.get(12));
    expect(target.ledger.list(12)).toEqual(source.ledger.list(12));
    expect(target.rounds.list(12)).toEqual(source.rounds.list(12));
    expect(target.backlog.list()).toEqual(source.backlog.list());
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

  it('refuses a pull request whose feedback cursor time comes without its ids', async () => {
    const store = openStore();
    await seed(store);
    const document = store.snapshot.export();
    const pulls = document.tables['autocode_pull_requests'] ?? [];
    const broken = {
      ...document,
      tables: {
        ...document.tables,
        autocode_pull_requests: [{ ...(pulls[0] as object), feedback_cursor_ids: null }],
      },
    };

    expect(() => store.snapshot.restore(broken)).toThrow(
      /tables\.autocode_pull_requests\[0\]\.feedback_cursor_ids: feedback_cursor_at and feedback_cursor_ids/,
    );
    expect(store.pullRequests.get(12)?.feedbackCursor?.ids).toEqual(['55', '101']);
  });

  it('refuses a feedback item in an unknown state and changes nothing', async () => {
    const store = openStore();
    await seed(store);
    const document = store.snapshot.export();
    const items = document.tables['autocode_feedback_items'] ?? [];
    const broken = {
      ...document,
      tables: { ...document.tables, autocode_feedback_items: [{ ...(items[0] as object), state: 'fixed' }] },
    };

    expect(() => store.snapshot.restore(broken)).toThrow(/tables\.autocode_feedback_items\[0\]\.state/);
    expect(store.ledger.counts(12).total).toBe(2);
  });
});
