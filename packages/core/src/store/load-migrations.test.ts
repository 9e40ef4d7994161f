import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { loadCoreMigrations, loadMigrationsFrom } from './load-migrations.js';

function migrationDir(files: Record<string, string>): URL {
  const dir = mkdtempSync(join(tmpdir(), 'patchloop-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  for (const [name, sql] of Object.entries(files)) writeFileSync(join(dir, name), sql);
  return pathToFileURL(`${dir}/`);
}

describe('loadCoreMigrations', () => {
  it('numbers core migrations contiguously from 0001', () => {
    const ids = loadCoreMigrations().migrations.map((migration) => migration.id);

    expect(ids).toEqual(ids.map((_id, index) => String(index + 1).padStart(4, '0')));
    expect(ids[0]).toBe('0001');
  });

  it('names core migrations verb-noun and loads their SQL', () => {
    const source = loadCoreMigrations();

    expect(source.namespace).toBe('core');
    expect(source.migrations.map((m) => m.name)).toEqual([
      'create-tasks',
      'create-poll-cursors',
      'create-idempotency-keys',
      'create-processed-items',
      'create-events',
    ]);
    expect(source.migrations[0]?.sql).toContain('CREATE TABLE tasks');
  });
});

// Released migrations are immutable: a database that applied the old text would refuse to open.
// Change a schema by adding a migration, then pin the new file's checksum here.
const releasedChecksums: Record<string, string> = {
  '0001': 'b181e54620b380241f8d01a65d0fb5f38352f8fcc4f974d336db720895f1a3c3',
  '0002': '36a8c485fd69490d32205201dbae7df824d7a111025266bb1467bba73965cf2b',
  '0003': '3bacf2aca73d2a01bd41980b5d9001da8c058694cac1304c0455390815a44bab',
  '0004': '91b64b751f3ef902a9baba7b9b3a5b738574e30fbbc2f803257627e819357afd',
  '0005': '8a9422100c3bedb47d7868994e7ff89ec775ea1a5c236b810ac5fb0ac996ba17',
};

describe('core migration files', () => {
  it('are unchanged since release', () => {
    const checksums = Object.fromEntries(
      loadCoreMigrations().migrations.map((m) => [m.id, createHash('sha256').update(m.sql).digest('hex')]),
    );

    expect(checksums).toEqual(releasedChecksums);
  });
});

describe('loadMigrationsFrom', () => {
  it('loads a daemon directory in id order and ignores non-SQL files', () => {
    const dir = migrationDir({
      '0002-add-index.sql': 'CREATE INDEX b ON a (x);',
      '0001-create-a.sql': 'CREATE TABLE a (x INTEGER);',
      'README.md': '# notes',
    });

    const source = loadMigrationsFrom(dir, 'autocode');

    expect(source).toEqual({
      namespace: 'autocode',
      migrations: [
        { id: '0001', name: 'create-a', sql: 'CREATE TABLE a (x INTEGER);' },
        { id: '0002', name: 'add-index', sql: 'CREATE INDEX b ON a (x);' },
      ],
    });
  });

  it('refuses a gap in the numbering', () => {
    const dir = migrationDir({ '0001-create-a.sql': 'SELECT 1;', '0003-create-c.sql': 'SELECT 1;' });

    expect(() => loadMigrationsFrom(dir, 'autocode')).toThrow('expected 0002 but found 0003-create-c.sql');
  });

  it('refuses a misnamed migration file', () => {
    const dir = migrationDir({ '0001_CreateA.sql': 'SELECT 1;' });

    expect(() => loadMigrationsFrom(dir, 'autocode')).toThrow(
      expect.objectContaining({ code: 'STORE_MIGRATION_INVALID' }),
    );
  });
});
