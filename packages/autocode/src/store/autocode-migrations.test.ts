import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCoreMigrations, openDatabase } from '@patchloop/core';
import { createFakeClock } from '@patchloop/sandbox';
import { describe, expect, it, onTestFinished } from 'vitest';
import { loadAutocodeMigrations } from './autocode-migrations.js';

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
    ]);
  });

  it('creates the issue, run and pull request tables as STRICT tables on a fresh file', () => {
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
      { name: 'autocode_issues', strict: 1 },
      { name: 'autocode_pull_requests', strict: 1 },
      { name: 'autocode_runs', strict: 1 },
    ]);
    expect(indexes).toContain('autocode_runs_by_target');
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

    expect(first).toEqual([{ id: 'autocode:0001', applied_at: clock.now() - 60_000 }]);
    expect(second).toEqual(first);
  });
});
