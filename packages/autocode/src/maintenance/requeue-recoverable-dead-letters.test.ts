import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  createEventLogRepository,
  createSilentLogger,
  createTaskQueue,
  loadCoreMigrations,
  openDatabase,
} from '@patchloop/core';
import { createFakeClock } from '@patchloop/sandbox';
import { describe, expect, it, onTestFinished } from 'vitest';
import { loadAutocodeMigrations } from '../store/autocode-migrations.js';
import { autocodeTaskTypes } from '../tasks/autocode-tasks.js';
import { requeueRecoverableDeadLetters } from './requeue-recoverable-dead-letters.js';

function setUp() {
  const dir = mkdtempSync(path.join(tmpdir(), 'patchloop-'));
  const db = openDatabase({
    path: path.join(dir, 'state.db'),
    migrations: [loadCoreMigrations(), loadAutocodeMigrations()],
  });
  onTestFinished(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const clock = createFakeClock(1_800_000_000_000);
  const queue = createTaskQueue({ db, clock });
  const eventLog = createEventLogRepository({ db, clock });
  /** A dead-lettered issue task that failed with `reason`. */
  const deadLetter = (key: string, reason: string, permanent = false) => {
    queue.enqueue({ type: autocodeTaskTypes.issue, dedupeKey: key, payload: {}, maxAttempts: 1 });
    const claimed = queue.claimNext({ workerId: 'w', leaseMs: 60_000 });
    if (claimed === undefined) throw new Error('nothing to claim');
    queue.fail(claimed.id, 'w', { reason, permanent });
    return claimed.id;
  };
  return { queue, eventLog, deadLetter };
}

describe('requeueRecoverableDeadLetters', () => {
  it('requeues non-permanent dead letters whose error names a marker, up to the limit', () => {
    const { queue, eventLog, deadLetter } = setUp();
    const transient = deadLetter('a', 'validation failed: ENOENT node_modules/.bin/vitest');
    const other = deadLetter('b', 'validation failed: expected 1, got 2');
    const permanent = deadLetter('c', 'inspection_failed: transient blocked path', true);

    const requeued = requeueRecoverableDeadLetters({
      queue,
      eventLog,
      markers: ['node_modules', 'Transient'],
      limit: 5,
      logger: createSilentLogger(),
    });

    expect(requeued).toBe(1);
    expect(queue.get(transient)?.status).toBe('queued');
    expect(queue.get(other)?.status).toBe('dead_letter');
    expect(queue.get(permanent)?.status).toBe('dead_letter');
    expect(eventLog.list({ limit: 10 })[0]?.category).toBe('issue_task_queue_recovery');
  });

  it('does nothing when the limit is 0 or no marker is configured', () => {
    const { queue, eventLog, deadLetter } = setUp();
    const id = deadLetter('a', 'transient network error');

    const none = requeueRecoverableDeadLetters({
      queue,
      eventLog,
      markers: ['transient'],
      limit: 0,
      logger: createSilentLogger(),
    });
    const noMarkers = requeueRecoverableDeadLetters({
      queue,
      eventLog,
      markers: [],
      limit: 5,
      logger: createSilentLogger(),
    });

    expect(none + noMarkers).toBe(0);
    expect(queue.get(id)?.status).toBe('dead_letter');
  });
});
