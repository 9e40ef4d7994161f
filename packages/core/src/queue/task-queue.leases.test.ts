import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FakeClock } from '@patchloop/sandbox';
import { createFakeClock } from '@patchloop/sandbox';
import { describe, expect, it, onTestFinished } from 'vitest';
import { loadCoreMigrations } from '../store/load-migrations.js';
import { openDatabase } from '../store/open-database.js';
import type { EnqueueRequest, TaskQueue } from './task-queue.js';
import { createTaskQueue } from './task-queue.js';

const LEASE = 60_000;

function setup(): { queue: TaskQueue; clock: FakeClock } {
  const dir = mkdtempSync(join(tmpdir(), 'patchloop-'));
  const clock = createFakeClock(Date.UTC(2026, 0, 1));
  const db = openDatabase({ path: join(dir, 'state.db'), migrations: [loadCoreMigrations()], clock });
  onTestFinished(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { queue: createTaskQueue({ db, clock }), clock };
}

function request(overrides: Partial<EnqueueRequest> = {}): EnqueueRequest {
  return { type: 'review_pull_request', dedupeKey: randomUUID(), payload: {}, ...overrides };
}

function claimOne(queue: TaskQueue, workerId = 'worker-a') {
  const task = queue.claimNext({ workerId, leaseMs: LEASE });
  if (task === undefined) throw new Error('expected a claimable task');
  return task;
}

describe('taskQueue.recoverExpiredLeases', () => {
  it('returns a running task whose lease expired to queued, keeping its attempt count', async () => {
    const { queue, clock } = setup();
    const { task } = queue.enqueue(request());
    claimOne(queue);
    await clock.advance(LEASE + 1);

    const recovered = queue.recoverExpiredLeases();

    expect(recovered).toHaveLength(1);
    expect(queue.get(task.id)).toMatchObject({
      status: 'queued',
      attemptCount: 1,
      leaseOwner: null,
      lastError: 'lease expired',
    });
  });

  it('leaves a task alone while its lease is still valid', async () => {
    const { queue, clock } = setup();
    queue.enqueue(request());
    claimOne(queue);
    await clock.advance(LEASE);

    expect(queue.recoverExpiredLeases()).toEqual([]);
  });

  it('dead-letters a task whose lease expired on its last allowed attempt', async () => {
    const { queue, clock } = setup();
    const { task } = queue.enqueue(request({ maxAttempts: 2 }));

    for (let run = 0; run < 2; run += 1) {
      claimOne(queue);
      await clock.advance(LEASE + 1);
      queue.recoverExpiredLeases();
    }

    expect(queue.get(task.id)).toMatchObject({
      status: 'dead_letter',
      attemptCount: 2,
      lastError: 'lease expired on the last attempt',
    });
  });

  it('does not recover a task whose heartbeat extended the lease', async () => {
    const { queue, clock } = setup();
    const { task } = queue.enqueue(request());
    claimOne(queue);
    await clock.advance(LEASE - 1000);

    const extended = queue.heartbeat(task.id, 'worker-a', LEASE);
    await clock.advance(2000);

    expect(extended).toBe(true);
    expect(queue.recoverExpiredLeases()).toEqual([]);
    expect(queue.get(task.id)?.lockedUntil).toBe(clock.now() - 2000 + LEASE);
  });

  it('refuses a heartbeat from a worker that does not hold the lease', () => {
    const { queue } = setup();
    const { task } = queue.enqueue(request());
    claimOne(queue, 'worker-a');

    expect(queue.heartbeat(task.id, 'worker-b', LEASE)).toBe(false);
  });
});
