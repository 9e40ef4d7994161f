import { AppError } from '../errors/app-error.js';
import type { Clock } from '../time/clock.js';
import type { Database } from './database.js';
import { JsonValue, parseJsonColumn } from './json-column.js';

/** State of one remote write: `pending` = intent recorded, the write may or may not have happened. */
export interface IdempotencyRecord {
  readonly key: string;
  readonly state: 'pending' | 'done';
  readonly result: JsonValue | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/**
 * "Record the intent before the remote write". A caller that finds a `pending` record after a
 * crash must look on GitHub (for its marker) before writing again; `done` means skip the write.
 */
export interface IdempotencyRepository {
  /** Records the intent unless a record exists; `created` says which happened. */
  recordIntent(key: string): { readonly created: boolean; readonly record: IdempotencyRecord };
  markDone(key: string, result?: JsonValue): IdempotencyRecord;
  get(key: string): IdempotencyRecord | undefined;
  /** Drops a record when the write is known not to have happened, so a later attempt starts clean. */
  forget(key: string): boolean;
}

interface IdempotencyRow {
  key: string;
  state: string;
  result: string | null;
  created_at: number;
  updated_at: number;
}

const COLUMNS = 'key, state, result, created_at, updated_at';

/** Creates the `idempotency_keys` repository; statements are prepared once. */
export function createIdempotencyRepository({
  db,
  clock,
}: {
  readonly db: Database;
  readonly clock: Clock;
}): IdempotencyRepository {
  const statements = {
    get: db.prepare<[string], IdempotencyRow>(`SELECT ${COLUMNS} FROM idempotency_keys WHERE key = ?`),
    insert: db.prepare<[{ key: string; now: number }], IdempotencyRow>(
      `INSERT INTO idempotency_keys (key, state, result, created_at, updated_at)
       VALUES (@key, 'pending', NULL, @now, @now)
       ON CONFLICT (key) DO NOTHING RETURNING ${COLUMNS}`,
    ),
    done: db.prepare<[{ key: string; result: string | null; now: number }], IdempotencyRow>(
      `INSERT INTO idempotency_keys (key, state, result, created_at, updated_at) VALUES (@key, 'done', @result, @now, @now)
       ON CONFLICT (key) DO UPDATE SET state = 'done', result = excluded.result, updated_at = excluded.updated_at
       RETURNING ${COLUMNS}`,
    ),
    forget: db.prepare('DELETE FROM idempotency_keys WHERE key = ?'),
  };

  const get = (key: string): IdempotencyRecord | undefined => {
    const row = statements.get.get(key);
    return row === undefined ? undefined : toRecord(row);
  };

  // Insert-or-read in one IMMEDIATE transaction, so a concurrent forget cannot slip in between.
  const recordIntent = db.transaction((key: string) => {
    const inserted = statements.insert.get({ key, now: clock.now() });
    if (inserted !== undefined) return { created: true, record: toRecord(inserted) };
    const existing = get(key);
    if (existing === undefined) {
      throw new AppError('INTERNAL_INVARIANT', 'Idempotency key vanished between insert and read.');
    }
    return { created: false, record: existing };
  });

  return {
    get,
    recordIntent: (key) => recordIntent.immediate(key),
    markDone: (key, result) => {
      const row = statements.done.get({
        key,
        result: result === undefined ? null : JSON.stringify(result),
        now: clock.now(),
      });
      if (row === undefined) throw new AppError('INTERNAL_INVARIANT', 'Idempotency upsert returned no row.');
      return toRecord(row);
    },
    forget: (key) => statements.forget.run(key).changes === 1,
  };
}

function toRecord(row: IdempotencyRow): IdempotencyRecord {
  return {
    key: row.key,
    state: row.state === 'done' ? 'done' : 'pending',
    result:
      row.result === null
        ? null
        : parseJsonColumn(JsonValue, row.result, {
            table: 'idempotency_keys',
            column: 'result',
            key: row.key,
          }),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
