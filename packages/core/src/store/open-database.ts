import { closeSync, mkdirSync, openSync, readSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { AppError } from '../errors/app-error.js';
import type { Logger } from '../logging/create-logger.js';
import type { Clock } from '../time/clock.js';
import { createSystemClock } from '../time/clock.js';
import type { Database } from './database.js';
import type { MigrationSource } from './migrate.js';
import { migrate } from './migrate.js';

/** Where the database lives and which migrations it must be at. */
export interface OpenDatabaseOptions {
  /** A file path, or `:memory:` for a throwaway database. */
  readonly path: string;
  readonly migrations: readonly MigrationSource[];
  readonly logger?: Logger | undefined;
  /** Stamps `schema_migrations.applied_at`; defaults to the system clock. */
  readonly clock?: Clock | undefined;
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');
const CORRUPTION_CODES = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT']);

/**
 * Opens (creating if needed) a state database, sets the pragmas PatchLoop relies on and
 * migrates it. A file that is not SQLite is refused without being touched, never reset.
 */
export function openDatabase(options: OpenDatabaseOptions): Database {
  const { path } = options;
  if (path !== ':memory:') {
    mkdirSync(dirname(path), { recursive: true });
    assertLooksLikeSqlite(path);
  }
  let db: Database | undefined;
  try {
    db = new BetterSqlite3(path, { timeout: 5000 });
    // WAL lets readers work while the worker writes; NORMAL survives process crashes (see STYLE.md).
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate({
      db,
      sources: options.migrations,
      clock: options.clock ?? createSystemClock(),
      logger: options.logger,
    });
    return db;
  } catch (error) {
    db?.close();
    if (isCorruption(error)) throw corruptError(path, error);
    throw error;
  }
}

// Checked before SQLite opens the file: SQLite would otherwise try to recover or rewrite it.
function assertLooksLikeSqlite(path: string): void {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    if (hasCode(error, 'ENOENT')) return;
    throw error;
  }
  try {
    const header = Buffer.alloc(SQLITE_HEADER.length);
    const read = readSync(fd, header, 0, header.length, 0);
    // SQLite treats an empty file as an empty database, so only non-empty files are checked.
    if (read > 0 && !header.equals(SQLITE_HEADER)) throw corruptError(path, undefined);
  } finally {
    closeSync(fd);
  }
}

function corruptError(path: string, cause: unknown): AppError {
  return new AppError(
    'STORE_CORRUPT',
    `The file at ${path} is not a readable SQLite database. PatchLoop left it untouched: ` +
      'restore it from a backup or snapshot, move it aside, or point STATE_DB_PATH elsewhere.',
    { cause },
  );
}

function isCorruption(error: unknown): boolean {
  return error instanceof BetterSqlite3.SqliteError && CORRUPTION_CODES.has(error.code);
}

function hasCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === code;
}
