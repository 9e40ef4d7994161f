import { AppError } from '../errors/app-error.js';
import type { Clock } from '../time/clock.js';
import type { Database } from './database.js';
import { JsonObject, parseJsonColumn } from './json-column.js';

/** Severity of an operator-facing event. */
export type EventLevel = 'debug' | 'info' | 'warn' | 'error';

/** One entry of the bounded event log shown by `/logs/events`. */
export interface EventLogEntry {
  readonly id: number;
  readonly at: number;
  readonly category: string;
  readonly level: EventLevel;
  readonly message: string;
  readonly data: JsonObject | null;
}

/** Appends to and reads the event log; only the newest `retain` entries are kept. */
export interface EventLogRepository {
  append(event: {
    readonly category: string;
    readonly level: EventLevel;
    readonly message: string;
    readonly data?: JsonObject | undefined;
  }): EventLogEntry;
  /** Newest first. */
  list(filter?: {
    readonly category?: string | undefined;
    readonly level?: EventLevel | undefined;
    readonly limit?: number | undefined;
  }): readonly EventLogEntry[];
}

interface EventRow {
  id: number;
  at: number;
  category: string;
  level: string;
  message: string;
  data: string | null;
}

const DEFAULT_RETAIN = 1000;
const levels: readonly EventLevel[] = ['debug', 'info', 'warn', 'error'];

/** Creates the `events` repository; retention is applied on every append so the table stays bounded. */
export function createEventLogRepository({
  db,
  clock,
  retain = DEFAULT_RETAIN,
}: {
  readonly db: Database;
  readonly clock: Clock;
  readonly retain?: number | undefined;
}): EventLogRepository {
  const statements = {
    insert: db.prepare<[number, string, string, string, string | null], EventRow>(
      `INSERT INTO events (at, category, level, message, data) VALUES (?, ?, ?, ?, ?)
       RETURNING id, at, category, level, message, data`,
    ),
    // Ids only grow, so everything at or below (newest id - retain) is outside the window.
    prune: db.prepare('DELETE FROM events WHERE id <= ?'),
    list: db.prepare<[Record<string, unknown>], EventRow>(
      `SELECT id, at, category, level, message, data FROM events
       WHERE (@category IS NULL OR category = @category) AND (@level IS NULL OR level = @level)
       ORDER BY id DESC LIMIT @limit`,
    ),
  };
  const appendAndPrune = db.transaction((row: Parameters<typeof statements.insert.get>): EventRow => {
    const inserted = statements.insert.get(...row);
    if (inserted === undefined) throw new AppError('INTERNAL_INVARIANT', 'Event insert returned no row.');
    statements.prune.run(inserted.id - retain);
    return inserted;
  });

  return {
    append: ({ category, level, message, data }) =>
      toEntry(
        appendAndPrune.immediate([
          clock.now(),
          category,
          level,
          message,
          data === undefined ? null : JSON.stringify(data),
        ]),
      ),
    list: (filter = {}) =>
      statements.list
        .all({ category: filter.category ?? null, level: filter.level ?? null, limit: filter.limit ?? 50 })
        .map(toEntry),
  };
}

function toEntry(row: EventRow): EventLogEntry {
  return {
    id: row.id,
    at: row.at,
    category: row.category,
    level: toLevel(row),
    message: row.message,
    data:
      row.data === null
        ? null
        : parseJsonColumn(JsonObject, row.data, { table: 'events', column: 'data', key: row.id }),
  };
}

function toLevel(row: EventRow): EventLevel {
  const level = levels.find((candidate) => candidate === row.level);
  if (level === undefined) {
    throw new AppError(
      'STORE_ROW_INVALID',
      `Column events.level of row ${row.id} holds unknown value "${row.level}".`,
    );
  }
  return level;
}
