import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { loadCoreMigrations } from './load-migrations.js';
import { openDatabase } from './open-database.js';

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'patchloop-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('openDatabase', () => {
  it('sets WAL, synchronous NORMAL, foreign keys and a busy timeout', () => {
    const db = openDatabase({ path: join(tempDir(), 'state.db'), migrations: [loadCoreMigrations()] });
    onTestFinished(() => {
      db.close();
    });

    const pragmas = {
      journalMode: db.pragma('journal_mode', { simple: true }),
      synchronous: db.pragma('synchronous', { simple: true }),
      foreignKeys: db.pragma('foreign_keys', { simple: true }),
      busyTimeout: db.pragma('busy_timeout', { simple: true }),
    };

    expect(pragmas).toEqual({ journalMode: 'wal', synchronous: 1, foreignKeys: 1, busyTimeout: 5000 });
  });

  it('creates missing parent directories', () => {
    const path = join(tempDir(), 'nested', 'deeper', 'state.db');

    const db = openDatabase({ path, migrations: [loadCoreMigrations()] });
    db.close();

    expect(existsSync(path)).toBe(true);
  });

  it('creates the core tables', () => {
    const db = openDatabase({ path: join(tempDir(), 'state.db'), migrations: [loadCoreMigrations()] });
    onTestFinished(() => {
      db.close();
    });

    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();

    expect(tables).toEqual([
      'events',
      'idempotency_keys',
      'poll_cursors',
      'processed_items',
      'schema_migrations',
      'tasks',
    ]);
  });

  it('opens an in-memory database', () => {
    const db = openDatabase({ path: ':memory:', migrations: [loadCoreMigrations()] });
    onTestFinished(() => {
      db.close();
    });

    expect(db.prepare('SELECT COUNT(*) FROM tasks').pluck().get()).toBe(0);
  });

  it('refuses a file that is not SQLite, naming it and leaving its bytes untouched', () => {
    const dir = tempDir();
    const path = join(dir, 'state.db');
    writeFileSync(path, Buffer.from('{"this": "is a JSON state file, not a database"}\n'.repeat(50)));
    const before = readFileSync(path);

    const open = () => openDatabase({ path, migrations: [loadCoreMigrations()] });

    expect(open).toThrow(expect.objectContaining({ code: 'STORE_CORRUPT' }));
    expect(open).toThrow(
      `The file at ${path} is not a readable SQLite database. PatchLoop left it untouched`,
    );
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('refuses a file with a SQLite header but a damaged body, leaving it untouched', () => {
    const path = join(tempDir(), 'state.db');
    const garbage = Buffer.alloc(8192, 0xab);
    Buffer.from('SQLite format 3\0', 'latin1').copy(garbage);
    writeFileSync(path, garbage);

    const open = () => openDatabase({ path, migrations: [loadCoreMigrations()] });

    expect(open).toThrow(expect.objectContaining({ code: 'STORE_CORRUPT' }));
    expect(readFileSync(path).equals(garbage)).toBe(true);
  });
});
