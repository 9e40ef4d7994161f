import { createHash } from 'node:crypto';
import { AppError } from '../errors/app-error.js';
import type { Logger } from '../logging/create-logger.js';
import type { Clock } from '../time/clock.js';
import type { Database } from './database.js';

/** One forward-only schema change; `id` is its four-digit number within its source. */
export interface Migration {
  readonly id: string;
  readonly name: string;
  readonly sql: string;
}

/** The migrations one owner ships (`core`, or a daemon such as `autocode`), in order. */
export interface MigrationSource {
  readonly namespace: string;
  readonly migrations: readonly Migration[];
}

/** Dependencies of the migration runner. */
export interface MigrateOptions {
  readonly db: Database;
  readonly sources: readonly MigrationSource[];
  readonly clock: Clock;
  readonly logger?: Logger | undefined;
}

interface KnownMigration {
  readonly id: string;
  readonly name: string;
  readonly sql: string;
  readonly checksum: string;
}

const NAMESPACE_PATTERN = /^[a-z][a-z0-9-]*$/;

// sha256 of the migration text; a stored checksum that differs means a released file was edited.
function checksumOf(sql: string): string {
  return createHash('sha256').update(sql, 'utf8').digest('hex');
}

/**
 * Applies every pending migration, each in its own IMMEDIATE transaction together with its
 * `schema_migrations` row. Refuses (before applying anything) a database that holds a migration
 * this code does not know, or whose applied migration text changed. Returns the ids it applied.
 */
export function migrate(options: MigrateOptions): readonly string[] {
  const { db, clock, logger } = options;
  const known = indexSources(options.sources);
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    id TEXT PRIMARY KEY,
    checksum TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  ) STRICT`);

  const appliedRows = db.prepare('SELECT id, checksum FROM schema_migrations').all() as {
    id: string;
    checksum: string;
  }[];
  assertKnown(db.name, appliedRows, known);

  const isApplied = db.prepare('SELECT 1 FROM schema_migrations WHERE id = ?').pluck();
  const record = db.prepare('INSERT INTO schema_migrations (id, checksum, applied_at) VALUES (?, ?, ?)');
  // The re-check inside the transaction matters when two processes start on one file at once:
  // the IMMEDIATE lock serialises them and the second one finds the row the first one wrote.
  const applyOne = db.transaction((migration: KnownMigration): boolean => {
    if (isApplied.get(migration.id) !== undefined) return false;
    db.exec(migration.sql);
    record.run(migration.id, migration.checksum, clock.now());
    return true;
  });

  const appliedIds = new Set(appliedRows.map((row) => row.id));
  const applied: string[] = [];
  for (const migration of known.values()) {
    if (appliedIds.has(migration.id)) continue;
    if (applyOne.immediate(migration)) {
      applied.push(migration.id);
      logger?.info({ migration: migration.id, name: migration.name }, 'Applied database migration');
    }
  }
  return applied;
}

function indexSources(sources: readonly MigrationSource[]): Map<string, KnownMigration> {
  const known = new Map<string, KnownMigration>();
  for (const source of sources) {
    if (!NAMESPACE_PATTERN.test(source.namespace)) {
      throw new AppError(
        'STORE_MIGRATION_INVALID',
        `Migration namespace "${source.namespace}" must be lower-case letters, digits and dashes.`,
      );
    }
    for (const migration of source.migrations) {
      const id = `${source.namespace}:${migration.id}`;
      if (known.has(id)) {
        throw new AppError('STORE_MIGRATION_INVALID', `Migration ${id} is listed twice.`);
      }
      known.set(id, { id, name: migration.name, sql: migration.sql, checksum: checksumOf(migration.sql) });
    }
  }
  return known;
}

function assertKnown(
  location: string,
  appliedRows: readonly { id: string; checksum: string }[],
  known: ReadonlyMap<string, KnownMigration>,
): void {
  const unknown = appliedRows.filter((row) => !known.has(row.id)).map((row) => row.id);
  if (unknown.length > 0) {
    throw new AppError(
      'STORE_NEWER_THAN_CODE',
      `The database at ${location} was written by a newer PatchLoop: it contains migration(s) ` +
        `${unknown.join(', ')} that this version does not know. Upgrade PatchLoop, or point ` +
        'STATE_DB_PATH elsewhere. The database was left untouched.',
    );
  }
  for (const row of appliedRows) {
    const migration = known.get(row.id);
    if (migration !== undefined && migration.checksum !== row.checksum) {
      throw new AppError(
        'STORE_MIGRATION_CHANGED',
        `Migration ${row.id} (${migration.name}) applied to the database at ${location} differs from ` +
          'the one shipped with this PatchLoop. Released migrations must never be edited: restore the ' +
          'original file and put the change in a new migration.',
      );
    }
  }
}
