import { AppError } from '../errors/app-error.js';
import type { Clock } from '../time/clock.js';
import type { Database } from './database.js';

/** Where a poller stopped reading (an ISO timestamp or an id) and the ETag of its last answer. */
export interface PollCursor {
  readonly name: string;
  readonly value: string;
  readonly etag: string | null;
  readonly updatedAt: number;
}

/** Persistence for poll cursors, one row per named poller. */
export interface PollCursorRepository {
  get(name: string): PollCursor | undefined;
  /** Creates or replaces the cursor; callers decide whether it may move (see polling/overlap-window.ts). */
  put(cursor: {
    readonly name: string;
    readonly value: string;
    readonly etag?: string | null | undefined;
  }): PollCursor;
  remove(name: string): boolean;
  list(): readonly PollCursor[];
}

interface PollCursorRow {
  name: string;
  value: string;
  etag: string | null;
  updated_at: number;
}

/** Creates the `poll_cursors` repository; statements are prepared once. */
export function createPollCursorRepository({
  db,
  clock,
}: {
  readonly db: Database;
  readonly clock: Clock;
}): PollCursorRepository {
  const statements = {
    get: db.prepare<[string], PollCursorRow>(
      'SELECT name, value, etag, updated_at FROM poll_cursors WHERE name = ?',
    ),
    put: db.prepare<[Record<string, unknown>], PollCursorRow>(
      `INSERT INTO poll_cursors (name, value, etag, updated_at) VALUES (@name, @value, @etag, @now)
       ON CONFLICT (name) DO UPDATE SET value = excluded.value, etag = excluded.etag, updated_at = excluded.updated_at
       RETURNING name, value, etag, updated_at`,
    ),
    remove: db.prepare('DELETE FROM poll_cursors WHERE name = ?'),
    list: db.prepare<[], PollCursorRow>(
      'SELECT name, value, etag, updated_at FROM poll_cursors ORDER BY name',
    ),
  };

  return {
    get: (name) => {
      const row = statements.get.get(name);
      return row === undefined ? undefined : toPollCursor(row);
    },
    put: ({ name, value, etag }) => {
      const row = statements.put.get({ name, value, etag: etag ?? null, now: clock.now() });
      if (row === undefined) throw new AppError('INTERNAL_INVARIANT', 'Poll cursor upsert returned no row.');
      return toPollCursor(row);
    },
    remove: (name) => statements.remove.run(name).changes === 1,
    list: () => statements.list.all().map(toPollCursor),
  };
}

function toPollCursor(row: PollCursorRow): PollCursor {
  return { name: row.name, value: row.value, etag: row.etag, updatedAt: row.updated_at };
}
