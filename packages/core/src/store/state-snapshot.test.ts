import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFakeClock } from '@patchloop/sandbox';
import { describe, expect, it, onTestFinished } from 'vitest';
import { z } from 'zod';
import type { Database } from './database.js';
import { createEventLogRepository } from './event-log-repository.js';
import { createIdempotencyRepository } from './idempotency-repository.js';
import { loadCoreMigrations } from './load-migrations.js';
import type { MigrationSource } from './migrate.js';
import { openDatabase } from './open-database.js';
import { createPollCursorRepository } from './poll-cursor-repository.js';
import { createProcessedItemRepository } from './processed-item-repository.js';
import { createTableSnapshotSection } from './snapshot-section.js';
import type { StateSnapshotDocument } from './state-snapshot.js';
import { createStateSnapshot } from './state-snapshot.js';
import { createTaskRepository } from './task-repository.js';

const clock = createFakeClock(Date.UTC(2026, 0, 1));

const trackedPulls: MigrationSource = {
  namespace: 'autocode',
  migrations: [
    {
      id: '0001',
      name: 'create-tracked-pulls',
      sql: 'CREATE TABLE tracked_pulls (number INTEGER PRIMARY KEY, head_sha TEXT NOT NULL) STRICT;',
    },
  ],
};
const trackedPullsSection = createTableSnapshotSection({
  name: 'tracked_pulls',
  table: 'tracked_pulls',
  rowSchema: z.strictObject({ number: z.number().int().positive(), head_sha: z.string() }),
  orderBy: 'number',
});

function freshDatabase(): Database {
  const dir = mkdtempSync(join(tmpdir(), 'patchloop-'));
  const db = openDatabase({
    path: join(dir, 'state.db'),
    migrations: [loadCoreMigrations(), trackedPulls],
    clock,
  });
  onTestFinished(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return db;
}

function populate(db: Database): void {
  const tasks = createTaskRepository({ db });
  const base = { priority: 'normal', source: 'webhook', maxAttempts: 3, availableAt: 1, now: 1 } as const;
  tasks.insert({
    ...base,
    type: 'review_issue',
    dedupeKey: 'issue:1',
    targetKey: 'issue:1',
    payload: { n: 1 },
  });
  const running = tasks.insert({
    ...base,
    type: 'review_pull',
    dedupeKey: 'pr:2',
    targetKey: null,
    payload: { n: 2 },
  });
  tasks.markClaimed({
    id: running.id,
    from: 'queued',
    to: 'running',
    owner: 'worker-a',
    lockedUntil: 99,
    now: 2,
  });
  createPollCursorRepository({ db, clock }).put({
    name: 'issues',
    value: '2026-01-01T00:00:00Z',
    etag: 'W/"1"',
  });
  createIdempotencyRepository({ db, clock }).markDone('comment:1', { id: 5 });
  createProcessedItemRepository({ db, clock }).markProcessed({ kind: 'issue_comment', itemKey: '901' });
  createEventLogRepository({ db, clock }).append({
    category: 'poll',
    level: 'info',
    message: 'ok',
    data: { n: 1 },
  });
  db.prepare("INSERT INTO tracked_pulls VALUES (7, 'abc')").run();
}

function snapshotOf(db: Database) {
  return createStateSnapshot({ db, clock, sections: [trackedPullsSection] });
}

describe('stateSnapshot', () => {
  it('exports a versioned document with every core table and registered daemon sections', () => {
    const db = freshDatabase();
    populate(db);

    const document = snapshotOf(db).export();

    expect(document.snapshotVersion).toBe(1);
    expect(document.exportedAt).toBe('2026-01-01T00:00:00.000Z');
    expect(Object.keys(document.tables)).toEqual([
      'tasks',
      'poll_cursors',
      'idempotency_keys',
      'processed_items',
      'events',
      'tracked_pulls',
    ]);
    expect(document.tables['tasks']?.[0]).toMatchObject({ dedupe_key: 'issue:1', payload: { n: 1 } });
    expect(document.tables['tracked_pulls']).toEqual([{ number: 7, head_sha: 'abc' }]);
  });

  it('round-trips into a fresh database, restoring running tasks as queued', () => {
    const source = freshDatabase();
    populate(source);
    const document = snapshotOf(source).export();
    const target = freshDatabase();

    const report = snapshotOf(target).restore(JSON.parse(JSON.stringify(document)));

    const restored = snapshotOf(target).export();
    const runningBefore = document.tables['tasks']?.[1];
    expect(report.recoveredRunningTasks).toBe(1);
    expect(report.restoredRows).toMatchObject({ tasks: 2, poll_cursors: 1, tracked_pulls: 1 });
    expect(restored.tables['tasks']?.[1]).toEqual({
      ...(runningBefore as object),
      status: 'queued',
      lease_owner: null,
      locked_until: null,
    });
    expect({ ...restored.tables, tasks: undefined }).toEqual({ ...document.tables, tasks: undefined });
    expect(createTaskRepository({ db: target }).findById(1)?.payload).toEqual({ n: 1 });
  });

  it('refuses an invalid document, listing every problem, and changes nothing', () => {
    const db = freshDatabase();
    populate(db);
    const snapshot = snapshotOf(db);
    const before = snapshot.export();
    const tasks = before.tables['tasks'] ?? [];
    const bad: StateSnapshotDocument = {
      ...before,
      tables: {
        ...before.tables,
        tasks: [
          { ...(tasks[0] as object), status: 'exploded' },
          { ...(tasks[1] as object), max_attempts: 0 },
        ],
        poll_cursors: [],
        mystery: [],
      },
    };

    const restore = () => snapshot.restore(bad);

    expect(restore).toThrow(expect.objectContaining({ code: 'SNAPSHOT_INVALID' }));
    expect(restore).toThrow('tables.tasks[0].status');
    expect(restore).toThrow('tables.tasks[1].max_attempts');
    expect(restore).toThrow('tables.mystery: not a table this PatchLoop knows');
    expect(snapshot.export()).toEqual(before);
  });

  it('refuses a document of another version or shape', () => {
    const snapshot = snapshotOf(freshDatabase());

    expect(() => snapshot.restore({ snapshotVersion: 2, exportedAt: 'x', tables: {} })).toThrow(
      'snapshotVersion',
    );
    expect(() => snapshot.restore('not a snapshot')).toThrow(
      expect.objectContaining({ code: 'SNAPSHOT_INVALID' }),
    );
  });

  it('refuses a document that lacks a registered table', () => {
    const db = freshDatabase();
    const document = snapshotOf(db).export();
    const { tracked_pulls: _omitted, ...tables } = document.tables;

    expect(() => snapshotOf(db).restore({ ...document, tables })).toThrow('tables.tracked_pulls: missing');
  });

  it('refuses rows that conflict with each other and rolls back every table', () => {
    const db = freshDatabase();
    populate(db);
    const snapshot = snapshotOf(db);
    const before = snapshot.export();
    const task = before.tables['tasks']?.[0] as Record<string, unknown>;
    const conflicting = {
      ...before,
      tables: { ...before.tables, poll_cursors: [], tasks: [task, { ...task, id: 50 }] },
    };

    expect(() => snapshot.restore(conflicting)).toThrow(
      expect.objectContaining({ code: 'SNAPSHOT_INVALID' }),
    );
    expect(snapshot.export()).toEqual(before);
  });
});
