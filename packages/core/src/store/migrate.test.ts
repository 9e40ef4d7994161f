import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFakeClock } from '@patchloop/sandbox';
import { describe, expect, it, onTestFinished } from 'vitest';
import { loadCoreMigrations } from './load-migrations.js';
import type { MigrationSource } from './migrate.js';
import { migrate } from './migrate.js';
import { openDatabase } from './open-database.js';

function tempPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'patchloop-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'state.db');
}

const daemonSource: MigrationSource = {
  namespace: 'autocode',
  migrations: [
    {
      id: '0001',
      name: 'create-tracked-pulls',
      sql: 'CREATE TABLE tracked_pulls (number INTEGER PRIMARY KEY) STRICT;',
    },
  ],
};

describe('migrate', () => {
  it('applies every core migration to a fresh database with namespaced ids and clock times', () => {
    const clock = createFakeClock(Date.UTC(2026, 0, 2));

    const db = openDatabase({ path: tempPath(), migrations: [loadCoreMigrations()], clock });
    onTestFinished(() => {
      db.close();
    });

    const rows = db.prepare('SELECT id, applied_at FROM schema_migrations ORDER BY id').all();
    expect(rows).toEqual(
      loadCoreMigrations().migrations.map((m) => ({ id: `core:${m.id}`, applied_at: Date.UTC(2026, 0, 2) })),
    );
  });

  it('does nothing when the database is already current', () => {
    const path = tempPath();
    openDatabase({ path, migrations: [loadCoreMigrations()] }).close();
    const db = openDatabase({ path, migrations: [loadCoreMigrations()] });
    onTestFinished(() => {
      db.close();
    });

    const applied = migrate({ db, sources: [loadCoreMigrations()], clock: createFakeClock() });

    expect(applied).toEqual([]);
  });

  it('applies a daemon source after core, stored under its own namespace', () => {
    const db = openDatabase({ path: tempPath(), migrations: [loadCoreMigrations(), daemonSource] });
    onTestFinished(() => {
      db.close();
    });

    const ids = db.prepare('SELECT id FROM schema_migrations ORDER BY rowid').pluck().all();

    expect(ids.at(-1)).toBe('autocode:0001');
    expect(db.prepare('SELECT COUNT(*) FROM tracked_pulls').pluck().get()).toBe(0);
  });

  it('refuses a database written by a newer PatchLoop and leaves the file untouched', () => {
    const path = tempPath();
    const db = openDatabase({ path, migrations: [loadCoreMigrations()] });
    db.prepare("INSERT INTO schema_migrations (id, checksum, applied_at) VALUES ('core:0999', 'x', 1)").run();
    db.close();
    const before = readFileSync(path);

    const reopen = () => openDatabase({ path, migrations: [loadCoreMigrations()] });

    expect(reopen).toThrow(expect.objectContaining({ code: 'STORE_NEWER_THAN_CODE' }));
    expect(reopen).toThrow(`The database at ${path} was written by a newer PatchLoop`);
    expect(reopen).toThrow('core:0999');
    expect(reopen).toThrow('Upgrade PatchLoop, or point STATE_DB_PATH elsewhere');
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('refuses a database whose applied migration text has changed', () => {
    const path = tempPath();
    openDatabase({ path, migrations: [loadCoreMigrations(), daemonSource] }).close();
    const edited: MigrationSource = {
      namespace: 'autocode',
      migrations: [
        { id: '0001', name: 'create-tracked-pulls', sql: 'CREATE TABLE tracked_pulls (n INTEGER) STRICT;' },
      ],
    };

    const reopen = () => openDatabase({ path, migrations: [loadCoreMigrations(), edited] });

    expect(reopen).toThrow(expect.objectContaining({ code: 'STORE_MIGRATION_CHANGED' }));
    expect(reopen).toThrow('Migration autocode:0001 (create-tracked-pulls)');
  });

  it('rolls back a migration that fails, together with its schema_migrations row', () => {
    const path = tempPath();
    const broken: MigrationSource = {
      namespace: 'autocode',
      migrations: [
        { id: '0001', name: 'create-half', sql: 'CREATE TABLE half (a INTEGER); SELECT * FROM missing;' },
      ],
    };

    const open = () => openDatabase({ path, migrations: [loadCoreMigrations(), broken] });

    expect(open).toThrow('no such table: missing');
    const db = openDatabase({ path, migrations: [loadCoreMigrations()] });
    onTestFinished(() => {
      db.close();
    });
    expect(db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'half'").pluck().get()).toBe(0);
    expect(
      db.prepare("SELECT COUNT(*) FROM schema_migrations WHERE id LIKE 'autocode:%'").pluck().get(),
    ).toBe(0);
  });

  it('refuses the same migration id listed twice', () => {
    const db = openDatabase({ path: ':memory:', migrations: [] });
    onTestFinished(() => {
      db.close();
    });

    const run = () => migrate({ db, sources: [daemonSource, daemonSource], clock: createFakeClock() });

    expect(run).toThrow(expect.objectContaining({ code: 'STORE_MIGRATION_INVALID' }));
  });
});
