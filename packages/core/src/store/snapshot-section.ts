import type { z } from 'zod';
import { AppError } from '../errors/app-error.js';
import type { Database } from './database.js';

/**
 * One table (or aggregate) inside a state snapshot. Core registers its tables; a daemon adds
 * its own by passing more sections to `createStateSnapshot`.
 */
export interface SnapshotSection<Row = unknown> {
  /** Key under `tables` in the snapshot document. */
  readonly name: string;
  /** Validates every row of a document before anything is written (any zod schema fits). */
  readonly rowSchema: { safeParse(row: unknown): z.ZodSafeParseResult<Row> };
  exportRows(db: Database): readonly Row[];
  /** Replaces the section's content; runs inside the restore transaction, after validation. */
  restoreRows(db: Database, rows: readonly Row[]): void;
}

/** Describes a plain table whose rows map one-to-one onto snapshot rows. */
export interface TableSnapshotSectionOptions<Schema extends z.ZodObject> {
  readonly name: string;
  readonly table: string;
  /** A zod object whose keys are exactly the columns to export and restore. */
  readonly rowSchema: Schema;
  /** Columns holding JSON text; the snapshot carries them parsed, so documents stay readable. */
  readonly jsonColumns?: readonly (keyof z.output<Schema> & string)[];
  readonly orderBy: string;
  /** Adjusts a row on its way back in (e.g. running tasks return as queued). */
  readonly prepareRestoredRow?: (row: z.output<Schema>) => z.output<Schema>;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/**
 * Builds a section for a table: export is `SELECT <columns> ORDER BY`, restore deletes every row
 * and inserts the snapshot's rows. Column names come from the row schema, never from the document.
 */
export function createTableSnapshotSection<Schema extends z.ZodObject>(
  options: TableSnapshotSectionOptions<Schema>,
): SnapshotSection<z.output<Schema>> {
  const columns = Object.keys(options.rowSchema.shape);
  for (const identifier of [options.table, ...columns]) {
    if (!IDENTIFIER.test(identifier)) {
      throw new AppError(
        'INTERNAL_INVARIANT',
        `Snapshot section ${options.name} names an unsafe identifier.`,
      );
    }
  }
  const jsonColumns = new Set<string>(options.jsonColumns ?? []);
  const convert = (row: Record<string, unknown>, transform: (value: unknown) => unknown) =>
    Object.fromEntries(
      columns.map((column) => [column, jsonColumns.has(column) ? transform(row[column]) : row[column]]),
    );

  return {
    name: options.name,
    rowSchema: options.rowSchema,
    exportRows: (db) =>
      db
        .prepare<[], Record<string, unknown>>(
          `SELECT ${columns.join(', ')} FROM ${options.table} ORDER BY ${options.orderBy}`,
        )
        .all()
        .map((row) =>
          convert(row, (value) => (typeof value === 'string' ? JSON.parse(value) : value)),
        ) as z.output<Schema>[],
    restoreRows: (db, rows) => {
      db.prepare(`DELETE FROM ${options.table}`).run();
      const insert = db.prepare(
        `INSERT INTO ${options.table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
      );
      for (const row of rows) {
        const prepared = options.prepareRestoredRow ? options.prepareRestoredRow(row) : row;
        insert.run(
          convert(prepared, (value) =>
            value === null || value === undefined ? null : JSON.stringify(value),
          ),
        );
      }
    },
  };
}
