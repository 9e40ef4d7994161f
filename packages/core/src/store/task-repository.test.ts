import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { loadCoreMigrations } from './load-migrations.js';
import { openDatabase } from './open-database.js';
import { createTaskRepository } from './task-repository.js';

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'patchloop-'));
  const db = openDatabase({ path: join(dir, 'state.db'), migrations: [loadCoreMigrations()] });
  onTestFinished(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { db, tasks: createTaskRepository({ db }) };
}

const newTask = {
  type: 'review_issue',
  dedupeKey: 'issue:1',
  targetKey: 'issue:1',
  priority: 'normal',
  payload: { issue: 1 },
  source: 'polling',
  maxAttempts: 3,
  availableAt: 1000,
  now: 1000,
} as const;

describe('taskRepository', () => {
  it('maps a stored row to the domain task, parsing JSON columns', () => {
    const { tasks } = setup();

    const inserted = tasks.insert(newTask);

    expect(tasks.findById(inserted.id)).toEqual({
      id: inserted.id,
      type: 'review_issue',
      dedupeKey: 'issue:1',
      targetKey: 'issue:1',
      status: 'queued',
      priority: 'normal',
      payload: { issue: 1 },
      source: 'polling',
      attemptCount: 0,
      maxAttempts: 3,
      availableAt: 1000,
      leaseOwner: null,
      lockedUntil: null,
      createdAt: 1000,
      updatedAt: 1000,
      lastStartedAt: null,
      lastFinishedAt: null,
      lastError: null,
      result: null,
      permanentFailure: false,
    });
  });

  it('fails loudly, naming the row, when a payload is not a JSON object', () => {
    const { db, tasks } = setup();
    const { id } = tasks.insert(newTask);
    db.prepare("UPDATE tasks SET payload = '[1, 2]' WHERE id = ?").run(id);

    expect(() => tasks.findById(id)).toThrow(expect.objectContaining({ code: 'STORE_ROW_INVALID' }));
    expect(() => tasks.findById(id)).toThrow(`Column tasks.payload of row ${id}`);
  });

  it('rejects a second task with the same type and dedupe key at the database level', () => {
    const { tasks } = setup();
    tasks.insert(newTask);

    expect(() => tasks.insert(newTask)).toThrow(/UNIQUE constraint failed/);
  });

  it('updates nothing when the task is no longer in the expected status', () => {
    const { tasks } = setup();
    const { id } = tasks.insert(newTask);

    const updated = tasks.markRequeued({ id, from: 'dead_letter', to: 'queued', now: 2000 });

    expect(updated).toBeUndefined();
    expect(tasks.findById(id)?.updatedAt).toBe(1000);
  });
});
