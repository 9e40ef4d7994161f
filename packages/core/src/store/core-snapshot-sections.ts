import { z } from 'zod';
import { JsonObject, JsonValue } from './json-column.js';
import type { SnapshotSection } from './snapshot-section.js';
import { createTableSnapshotSection } from './snapshot-section.js';
import { taskPriorities, taskStatuses } from './task.js';

const epochMs = z.number().int().nonnegative();
const flag = z.union([z.literal(0), z.literal(1)]);

const TaskSnapshotRow = z.strictObject({
  id: z.number().int().positive(),
  task_type: z.string().min(1),
  dedupe_key: z.string().min(1),
  target_key: z.string().nullable(),
  status: z.enum(taskStatuses),
  priority: z.enum(taskPriorities),
  payload: JsonObject,
  source: z.string(),
  attempt_count: z.number().int().nonnegative(),
  max_attempts: z.number().int().positive(),
  available_at: epochMs,
  lease_owner: z.string().nullable(),
  locked_until: epochMs.nullable(),
  created_at: epochMs,
  updated_at: epochMs,
  last_started_at: epochMs.nullable(),
  last_finished_at: epochMs.nullable(),
  last_error: z.string().nullable(),
  result: JsonValue.nullable(),
  permanent_failure: flag,
});

const PollCursorSnapshotRow = z.strictObject({
  name: z.string().min(1),
  value: z.string(),
  etag: z.string().nullable(),
  updated_at: epochMs,
});

const IdempotencyKeySnapshotRow = z.strictObject({
  key: z.string().min(1),
  state: z.enum(['pending', 'done']),
  result: JsonValue.nullable(),
  created_at: epochMs,
  updated_at: epochMs,
});

const ProcessedItemSnapshotRow = z.strictObject({
  kind: z.string().min(1),
  item_key: z.string().min(1),
  processed_at: epochMs,
  note: z.string().nullable(),
});

const EventSnapshotRow = z.strictObject({
  id: z.number().int().positive(),
  at: epochMs,
  category: z.string(),
  level: z.enum(['debug', 'info', 'warn', 'error']),
  message: z.string(),
  data: JsonObject.nullable(),
});

/**
 * The snapshot sections for core's tables. A task that was running when the snapshot was taken
 * comes back queued: no worker holds its lease in the restored database.
 */
export function createCoreSnapshotSections(): readonly SnapshotSection[] {
  return [
    createTableSnapshotSection({
      name: 'tasks',
      table: 'tasks',
      rowSchema: TaskSnapshotRow,
      jsonColumns: ['payload', 'result'],
      orderBy: 'id',
      prepareRestoredRow: (row) =>
        row.status === 'running'
          ? { ...row, status: 'queued' as const, lease_owner: null, locked_until: null }
          : row,
    }),
    createTableSnapshotSection({
      name: 'poll_cursors',
      table: 'poll_cursors',
      rowSchema: PollCursorSnapshotRow,
      orderBy: 'name',
    }),
    createTableSnapshotSection({
      name: 'idempotency_keys',
      table: 'idempotency_keys',
      rowSchema: IdempotencyKeySnapshotRow,
      jsonColumns: ['result'],
      orderBy: 'key',
    }),
    createTableSnapshotSection({
      name: 'processed_items',
      table: 'processed_items',
      rowSchema: ProcessedItemSnapshotRow,
      orderBy: 'kind, item_key',
    }),
    createTableSnapshotSection({
      name: 'events',
      table: 'events',
      rowSchema: EventSnapshotRow,
      jsonColumns: ['data'],
      orderBy: 'id',
    }),
  ];
}
