import type { Clock } from '../time/clock.js';
import type { Database } from './database.js';

/** A comment, event or piece of review feedback that was already handled. */
export interface ProcessedItem {
  readonly kind: string;
  readonly itemKey: string;
  readonly processedAt: number;
  readonly note: string | null;
}

/** Remembers handled items so webhook redeliveries and poll overlap never act twice. */
export interface ProcessedItemRepository {
  isProcessed(kind: string, itemKey: string): boolean;
  /** Returns true when the item was newly recorded, false when it was already there. */
  markProcessed(item: {
    readonly kind: string;
    readonly itemKey: string;
    readonly note?: string | undefined;
  }): boolean;
  list(filter: { readonly kind: string; readonly limit?: number | undefined }): readonly ProcessedItem[];
  /** Deletes records processed before `cutoff` (epoch ms); returns how many went. */
  pruneProcessedBefore(cutoff: number): number;
}

interface ProcessedItemRow {
  kind: string;
  item_key: string;
  processed_at: number;
  note: string | null;
}

/** Creates the `processed_items` repository; statements are prepared once. */
export function createProcessedItemRepository({
  db,
  clock,
}: {
  readonly db: Database;
  readonly clock: Clock;
}): ProcessedItemRepository {
  const statements = {
    exists: db.prepare('SELECT 1 FROM processed_items WHERE kind = ? AND item_key = ?').pluck(),
    insert: db.prepare(
      `INSERT INTO processed_items (kind, item_key, processed_at, note) VALUES (?, ?, ?, ?)
       ON CONFLICT (kind, item_key) DO NOTHING`,
    ),
    list: db.prepare<[string, number], ProcessedItemRow>(
      `SELECT kind, item_key, processed_at, note FROM processed_items WHERE kind = ?
       ORDER BY processed_at DESC, item_key LIMIT ?`,
    ),
    prune: db.prepare('DELETE FROM processed_items WHERE processed_at < ?'),
  };

  return {
    isProcessed: (kind, itemKey) => statements.exists.get(kind, itemKey) !== undefined,
    markProcessed: ({ kind, itemKey, note }) =>
      statements.insert.run(kind, itemKey, clock.now(), note ?? null).changes === 1,
    list: ({ kind, limit }) =>
      statements.list.all(kind, limit ?? 100).map((row) => ({
        kind: row.kind,
        itemKey: row.item_key,
        processedAt: row.processed_at,
        note: row.note,
      })),
    pruneProcessedBefore: (cutoff) => statements.prune.run(cutoff).changes,
  };
}
