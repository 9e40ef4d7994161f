import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MigrationSource } from '@patchloop/core';
import { loadCoreMigrations, openDatabase } from '@patchloop/core';
import { createFakeClock } from '@patchloop/sandbox';
import { describe, expect, it, onTestFinished } from 'vitest';
import { loadAutocodeMigrations } from './autocode-migrations.js';
import { createIssueRecordRepository } from './issue-record-repository.js';
import { createPullRequestRepository } from './pull-request-repository.js';

function tempPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'patchloop-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'autocode.db');
}

describe('loadAutocodeMigrations', () => {
  it('is the autocode migration source, numbered from 0001', () => {
    const source = loadAutocodeMigrations();

    expect(source.namespace).toBe('autocode');
    expect(source.migrations.map((migration) => `${migration.id}-${migration.name}`)).toEqual([
      '0001-create-autocode-state',
      '0002-track-repairs-and-backlog',
    ]);
  });

  it('creates every autocode table as a STRICT table on a fresh file', () => {
    const clock = createFakeClock();
    const db = openDatabase({
      path: tempPath(),
      migrations: [loadCoreMigrations(), loadAutocodeMigrations()],
      clock,
    });
    onTestFinished(() => {
      db.close();
    });

    const tables = db
      .prepare<[], { name: string; strict: number }>(
        "SELECT name, strict FROM pragma_table_list WHERE name LIKE 'autocode_%' ORDER BY name",
      )
      .all();
    const indexes = db
      .prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'autocode_%'")
      .pluck()
      .all();

    expect(tables).toEqual([
      { name: 'autocode_backlog_items', strict: 1 },
      { name: 'autocode_feedback_items', strict: 1 },
      { name: 'autocode_issues', strict: 1 },
      { name: 'autocode_pull_requests', strict: 1 },
      { name: 'autocode_repair_rounds', strict: 1 },
      { name: 'autocode_runs', strict: 1 },
    ]);
    expect(indexes).toEqual(
      expect.arrayContaining([
        'autocode_runs_by_target',
        'autocode_repair_rounds_by_feedback_key',
        'autocode_backlog_items_by_issue',
      ]),
    );
  });

  it('applies nothing again when the same file is opened a second time', async () => {
    const path = tempPath();
    const clock = createFakeClock();
    const migrations = [loadCoreMigrations(), loadAutocodeMigrations()];
    const readApplied = () => {
      const db = openDatabase({ path, migrations, clock });
      const rows = db
        .prepare<[], { id: string; applied_at: number }>(
          "SELECT id, applied_at FROM schema_migrations WHERE id LIKE 'autocode:%' ORDER BY id",
        )
        .all();
      db.close();
      return rows;
    };
    const first = readApplied();
    await clock.advance(60_000);

    const second = readApplied();

    expect(first).toEqual([
      { id: 'autocode:0001', applied_at: clock.now() - 60_000 },
      { id: 'autocode:0002', applied_at: clock.now() - 60_000 },
    ]);
    expect(second).toEqual(first);
  });

  it('upgrades a file at 0001 with rows: the rows survive with the new columns defaulted', () => {
    const path = tempPath();
    const clock = createFakeClock(Date.UTC(2026, 0, 1, 10));
    const onlyFirst: MigrationSource = {
      namespace: 'autocode',
      migrations: loadAutocodeMigrations().migrations.slice(0, 1),
    };
    const old = openDatabase({ path, migrations: [loadCoreMigrations(), onlyFirst], clock });
    old
      .prepare(
        `INSERT INTO autocode_pull_requests (number, issue_number, branch, base, head_sha, url, status,
           opened_at, updated_at)
         VALUES (12, 7, 'patchloop/issue-7', 'main', 'abc123', 'u12', 'open', 1, 2),
                (13, NULL, 'patchloop/issue-8', 'main', NULL, NULL, 'closed', 3, 4)`,
      )
      .run();
    old
      .prepare("INSERT INTO autocode_issues (number, last_outcome, updated_at) VALUES (7, 'pr_opened', 5)")
      .run();
    old.close();

    const db = openDatabase({ path, migrations: [loadCoreMigrations(), loadAutocodeMigrations()], clock });
    onTestFinished(() => {
      db.close();
    });
    const pullRequests = createPullRequestRepository({ db, clock });

    expect(pullRequests.get(12)).toEqual({
      number: 12,
      issueNumber: 7,
      branch: 'patchloop/issue-7',
      base: 'main',
      headSha: 'abc123',
      url: 'u12',
      status: 'open',
      openedAt: 1,
      updatedAt: 2,
      author: null,
      source: null,
      reviewState: null,
      lastSummary: null,
      repairCount: 0,
      feedbackCursor: null,
      repairPaused: false,
      pauseReason: null,
      pausedAt: null,
      // The head PatchLoop published before the upgrade is adopted as known.
      knownHeadSha: 'abc123',
      handedBackAt: null,
      handbackCode: null,
      rebaseFailedHeadSha: null,
      rebaseFailedAt: null,
      rebaseFailure: null,
      baseFailureReportedSha: null,
      prUpdatedAt: null,
    });
    expect(pullRequests.get(13)).toMatchObject({ headSha: null, knownHeadSha: null, repairCount: 0 });
    expect(createIssueRecordRepository({ db, clock }).lastOutcome(7)).toBe('pr_opened');
    expect(db.prepare('SELECT COUNT(*) FROM autocode_backlog_items').pluck().get()).toBe(0);
  });
});
