import { readdirSync, readFileSync } from 'node:fs';
import { AppError } from '../errors/app-error.js';
import type { Migration, MigrationSource } from './migrate.js';

const FILE_PATTERN = /^(\d{4})-([a-z0-9]+(?:-[a-z0-9]+)*)\.sql$/;

/**
 * Reads `NNNN-verb-noun.sql` files from a directory into a migration source. Ids must run
 * contiguously from 0001 so a missing or duplicated file is caught at startup, not in production.
 */
export function loadMigrationsFrom(dirUrl: URL, namespace: string): MigrationSource {
  const files = readdirSync(dirUrl)
    .filter((file) => file.endsWith('.sql'))
    .sort();
  const migrations: Migration[] = files.map((file, index) => {
    const match = FILE_PATTERN.exec(file);
    const expectedId = String(index + 1).padStart(4, '0');
    if (match === null || match[1] === undefined || match[2] === undefined) {
      throw new AppError(
        'STORE_MIGRATION_INVALID',
        `Migration file ${file} in ${dirUrl.pathname} must be named NNNN-verb-noun.sql.`,
      );
    }
    if (match[1] !== expectedId) {
      throw new AppError(
        'STORE_MIGRATION_INVALID',
        `Migration ids in ${dirUrl.pathname} must run 0001, 0002, ... without gaps or duplicates; ` +
          `expected ${expectedId} but found ${file}.`,
      );
    }
    return { id: match[1], name: match[2], sql: readFileSync(new URL(file, dirUrl), 'utf8') };
  });
  return { namespace, migrations };
}

/** The migrations for the generic tables core owns (tasks, cursors, idempotency keys, ...). */
export function loadCoreMigrations(): MigrationSource {
  return loadMigrationsFrom(new URL('./migrations/', import.meta.url), 'core');
}
