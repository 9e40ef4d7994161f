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

function pullRequestEvent(overrides: Partial<EnqueueRequest> = {}): EnqueueRequest {
  return {
    type: 'review_pull_request',
    dedupeKey: 'pr:5:event-1',
    targetKey: 'pr:5',
    payload: { pullNumber: 5, headSha: 'aaa' },
    source: 'webhook',
    ...overrides,
  };
}

function claim(queue: TaskQueue) {
  const task = queue.claimNext({ workerId: 'worker-a', leaseMs: LEASE });
  if (task === undefined) throw new Error('expected a claimable task');
  return task;
}

describe('taskQueue.enqueue', () => {
  it('creates a queued task with defaults for everything the request leaves out', () => {
    const { queue, clock } = setup();

    const result = queue.enqueue({ type: 'review_issue', dedupeKey: 'issue:12:v1', payload: { issue: 12 } });

    expect(result.created).toBe(true);
    expect(result.disposition).toBe('created');
    expect(result.task).toMatchObject({
      status: 'queued',
      priority: 'normal',
      attemptCount: 0,
      maxAttempts: 5,
      availableAt: clock.now(),
      targetKey: null,
      payload: { issue: 12 },
    });
  });

  it('makes one task from a webhook delivery and a poll of the same event', () => {
    const { queue } = setup();

    const fromWebhook = queue.enqueue(pullRequestEvent({ source: 'webhook' }));
    const fromPoll = queue.enqueue(pullRequestEvent({ source: 'polling' }));

    expect(fromPoll).toMatchObject({ created: false, disposition: 'duplicate' });
    expect(fromPoll.task.id).toBe(fromWebhook.task.id);
    expect(queue.list()).toHaveLength(1);
  });

  it('does not revive a done task with the same dedupe key, even with replaceExisting', () => {
    const { queue } = setup();
    const { task } = queue.enqueue(pullRequestEvent());
    claim(queue);
    queue.complete(task.id, 'worker-a');

    const again = queue.enqueue(pullRequestEvent({ replaceExisting: true }));

    expect(again).toMatchObject({ created: false, disposition: 'duplicate' });
    expect(queue.get(task.id)?.status).toBe('done');
  });

  it('revives a dead letter with the same dedupe key only when asked to replace it', () => {
    const { queue } = setup();
    const { task } = queue.enqueue(pullRequestEvent({ maxAttempts: 1 }));
    claim(queue);
    queue.fail(task.id, 'worker-a', { reason: 'agent crashed' });

    const plain = queue.enqueue(pullRequestEvent());
    const replacing = queue.enqueue(
      pullRequestEvent({ replaceExisting: true, payload: { pullNumber: 5, headSha: 'bbb' } }),
    );

    expect(plain.disposition).toBe('duplicate');
    expect(replacing.disposition).toBe('revived');
    expect(replacing.task).toMatchObject({
      id: task.id,
      status: 'queued',
      attemptCount: 0,
      lastError: null,
      payload: { pullNumber: 5, headSha: 'bbb' },
    });
  });

  it('never revives a permanent dead letter', () => {
    const { queue } = setup();
    const { task } = queue.enqueue(pullRequestEvent());
    claim(queue);
    queue.fail(task.id, 'worker-a', { reason: 'blocked path', permanent: true });

    const again = queue.enqueue(pullRequestEvent({ replaceExisting: true }));

    expect(again.disposition).toBe('duplicate');
    expect(queue.get(task.id)).toMatchObject({ status: 'dead_letter', permanentFailure: true });
  });

  it('lets the waiting task for a target absorb a newer request that does not replace', () => {
    const { queue } = setup();
    const first = queue.enqueue(pullRequestEvent());

    const second = queue.enqueue(
      pullRequestEvent({ dedupeKey: 'pr:5:event-2', payload: { headSha: 'bbb' } }),
    );

    expect(second).toMatchObject({ created: false, disposition: 'already_active' });
    expect(second.task.id).toBe(first.task.id);
    expect(second.task.payload).toEqual({ pullNumber: 5, headSha: 'aaa' });
  });

  it('updates the waiting task with a replacing request: newest payload, higher priority, max attempts', () => {
    const { queue } = setup();
    const first = queue.enqueue(pullRequestEvent({ priority: 'urgent', maxAttempts: 7 }));

    const second = queue.enqueue(
      pullRequestEvent({
        dedupeKey: 'pr:5:event-2',
        payload: { pullNumber: 5, headSha: 'bbb' },
        priority: 'background',
        maxAttempts: 3,
        replaceExisting: true,
      }),
    );

    expect(second.disposition).toBe('pending_updated');
    expect(second.task).toMatchObject({
      id: first.task.id,
      status: 'queued',
      dedupeKey: 'pr:5:event-2',
      payload: { pullNumber: 5, headSha: 'bbb' },
      priority: 'urgent',
      maxAttempts: 7,
    });
    expect(queue.list()).toHaveLength(1);
  });

  it('moves a waiting retry for the target back to queued with fresh attempts when replaced', async () => {
    const { queue, clock } = setup();
    const { task } = queue.enqueue(pullRequestEvent());
    claim(queue);
    queue.fail(task.id, 'worker-a', { reason: 'GitHub 502' });
    await clock.advance(1000);

    const replaced = queue.enqueue(pullRequestEvent({ dedupeKey: 'pr:5:event-2', replaceExisting: true }));

    expect(replaced.task).toMatchObject({
      id: task.id,
      status: 'queued',
      attemptCount: 0,
      availableAt: clock.now(),
    });
  });

  it('queues one follow-up behind a running task when a replacing request arrives', () => {
    const { queue } = setup();
    const running = queue.enqueue(pullRequestEvent()).task;
    claim(queue);

    const followUp = queue.enqueue(pullRequestEvent({ dedupeKey: 'pr:5:event-2', replaceExisting: true }));
    const third = queue.enqueue(pullRequestEvent({ dedupeKey: 'pr:5:event-3', replaceExisting: true }));

    expect(followUp).toMatchObject({ created: true, disposition: 'follow_up_created' });
    expect(followUp.task.id).not.toBe(running.id);
    expect(third).toMatchObject({ created: false, disposition: 'pending_updated' });
    expect(third.task.id).toBe(followUp.task.id);
    expect(queue.summary().total).toMatchObject({ running: 1, queued: 1 });
  });

  it('lets a running task absorb a request that does not replace', () => {
    const { queue } = setup();
    const running = queue.enqueue(pullRequestEvent()).task;
    claim(queue);

    const again = queue.enqueue(pullRequestEvent({ dedupeKey: 'pr:5:event-2' }));

    expect(again).toMatchObject({ created: false, disposition: 'already_active' });
    expect(again.task.id).toBe(running.id);
  });

  it('keeps targets of different task types independent', () => {
    const { queue } = setup();
    queue.enqueue(pullRequestEvent());

    const repair = queue.enqueue(pullRequestEvent({ type: 'repair_pull_request', dedupeKey: 'repair:5:1' }));

    expect(repair.created).toBe(true);
  });

  it('never merges tasks without a target', () => {
    const { queue } = setup();
    queue.enqueue({ type: 'sync_backlog', dedupeKey: 'a', payload: {} });

    const second = queue.enqueue({
      type: 'sync_backlog',
      dedupeKey: 'b',
      payload: {},
      replaceExisting: true,
    });

    expect(second.created).toBe(true);
  });
});
