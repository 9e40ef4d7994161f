import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FakeClock } from '@patchloop/sandbox';
import { createFakeClock } from '@patchloop/sandbox';
import { describe, expect, it, onTestFinished } from 'vitest';
import { IllegalTransitionError } from '../errors/app-error.js';
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

describe('taskQueue.claimNext', () => {
  it('leases the task: running, one attempt counted, owner and lease end recorded', () => {
    const { queue, clock } = setup();
    queue.enqueue(request({ dedupeKey: 'a' }));

    const task = queue.claimNext({ workerId: 'worker-a', leaseMs: LEASE });

    expect(task).toMatchObject({
      status: 'running',
      attemptCount: 1,
      leaseOwner: 'worker-a',
      lockedUntil: clock.now() + LEASE,
      lastStartedAt: clock.now(),
    });
  });

  it('claims by priority, then availability, then age', async () => {
    const { queue, clock } = setup();
    const background = queue.enqueue(request({ priority: 'background' })).task;
    await clock.advance(1000);
    const normalLater = queue.enqueue(request()).task;
    const normalEarlier = queue.enqueue(request({ availableAt: clock.now() - 5000 })).task;
    const urgent = queue.enqueue(request({ priority: 'urgent' })).task;

    const order = [1, 2, 3, 4].map(() => claimOne(queue).id);

    expect(order).toEqual([urgent.id, normalEarlier.id, normalLater.id, background.id]);
  });

  it('does not claim a task before its available time', async () => {
    const { queue, clock } = setup();
    queue.enqueue(request({ availableAt: clock.now() + 10_000 }));

    const early = queue.claimNext({ workerId: 'worker-a', leaseMs: LEASE });
    await clock.advance(10_000);
    const due = queue.claimNext({ workerId: 'worker-a', leaseMs: LEASE });

    expect(early).toBeUndefined();
    expect(due?.status).toBe('running');
  });

  it('never claims a task whose target already has a running task of the same type', () => {
    const { queue } = setup();
    queue.enqueue(request({ dedupeKey: 'first', targetKey: 'pr:5' }));
    const running = claimOne(queue);
    const followUp = queue.enqueue(
      request({ dedupeKey: 'second', targetKey: 'pr:5', replaceExisting: true }),
    );
    const otherTarget = queue.enqueue(request({ dedupeKey: 'third', targetKey: 'pr:6' })).task;

    const next = queue.claimNext({ workerId: 'worker-b', leaseMs: LEASE });
    const blocked = queue.claimNext({ workerId: 'worker-b', leaseMs: LEASE });
    queue.complete(running.id, 'worker-a');
    const afterCompletion = queue.claimNext({ workerId: 'worker-b', leaseMs: LEASE });

    expect(next?.id).toBe(otherTarget.id);
    expect(blocked).toBeUndefined();
    expect(afterCompletion?.id).toBe(followUp.task.id);
  });

  it('claims only the task types it was asked for', () => {
    const { queue } = setup();
    queue.enqueue(request({ type: 'review_issue', dedupeKey: 'i' }));

    const other = queue.claimNext({ workerId: 'w', leaseMs: LEASE, types: ['review_pull_request'] });
    const none = queue.claimNext({ workerId: 'w', leaseMs: LEASE, types: [] });
    const match = queue.claimNext({ workerId: 'w', leaseMs: LEASE, types: ['review_issue'] });

    expect(other).toBeUndefined();
    expect(none).toBeUndefined();
    expect(match?.type).toBe('review_issue');
  });
});

describe('taskQueue.complete', () => {
  it('moves the task to done with its result and releases the lease', async () => {
    const { queue, clock } = setup();
    queue.enqueue(request());
    const task = claimOne(queue);
    await clock.advance(500);

    const done = queue.complete(task.id, 'worker-a', { commentId: 7 });

    expect(done).toMatchObject({
      status: 'done',
      result: { commentId: 7 },
      leaseOwner: null,
      lockedUntil: null,
      lastFinishedAt: clock.now(),
    });
  });

  it('returns undefined, changing nothing, for a worker whose lease was lost', async () => {
    const { queue, clock } = setup();
    queue.enqueue(request());
    const task = claimOne(queue, 'worker-a');
    await clock.advance(LEASE + 1);
    queue.recoverExpiredLeases();
    claimOne(queue, 'worker-b');

    const late = queue.complete(task.id, 'worker-a', { stale: true });
    const lateFailure = queue.fail(task.id, 'worker-a', { reason: 'stale' });

    expect(late).toBeUndefined();
    expect(lateFailure).toBeUndefined();
    expect(queue.get(task.id)).toMatchObject({ status: 'running', leaseOwner: 'worker-b', attemptCount: 2 });
  });
});

describe('taskQueue.fail', () => {
  it('waits 30 s after the first failure and 60 s after the second', async () => {
    const { queue, clock } = setup();
    queue.enqueue(request({ maxAttempts: 5 }));
    const first = claimOne(queue);

    const afterFirst = queue.fail(first.id, 'worker-a', { reason: 'GitHub 502' });
    await clock.advance(30_000);
    claimOne(queue);
    const afterSecond = queue.fail(first.id, 'worker-a', { reason: 'GitHub 502' });

    expect(afterFirst).toMatchObject({
      status: 'retry_waiting',
      availableAt: Date.UTC(2026, 0, 1) + 30_000,
      lastError: 'GitHub 502',
    });
    expect(afterSecond).toMatchObject({
      status: 'retry_waiting',
      availableAt: clock.now() + 60_000,
      attemptCount: 2,
    });
  });

  it('uses the delay the handler asked for instead of the backoff', () => {
    const { queue, clock } = setup();
    queue.enqueue(request());
    const task = claimOne(queue);

    const failed = queue.fail(task.id, 'worker-a', { reason: 'rate limited', delayMs: 5000 });

    expect(failed?.availableAt).toBe(clock.now() + 5000);
  });

  it('moves the task to dead_letter after the last allowed attempt', async () => {
    const { queue, clock } = setup();
    const { task } = queue.enqueue(request({ maxAttempts: 2 }));
    claimOne(queue);
    queue.fail(task.id, 'worker-a', { reason: 'boom 1' });
    await clock.advance(30_000);
    claimOne(queue);

    const last = queue.fail(task.id, 'worker-a', { reason: 'boom 2' });

    expect(last).toMatchObject({
      status: 'dead_letter',
      attemptCount: 2,
      lastError: 'boom 2',
      permanentFailure: false,
    });
  });

  it('dead-letters a permanent failure at once and flags it', () => {
    const { queue } = setup();
    const { task } = queue.enqueue(request({ maxAttempts: 5 }));
    claimOne(queue);

    const failed = queue.fail(task.id, 'worker-a', { reason: 'blocked path', permanent: true });

    expect(failed).toMatchObject({ status: 'dead_letter', attemptCount: 1, permanentFailure: true });
  });
});

describe('taskQueue.bury', () => {
  it('dead-letters at once even with attempts left, without the permanent flag', () => {
    const { queue } = setup();
    const { task } = queue.enqueue(request({ maxAttempts: 5 }));
    claimOne(queue);

    const buried = queue.bury(task.id, 'worker-a', { reason: 'bug' });

    expect(buried).toMatchObject({ status: 'dead_letter', permanentFailure: false, lastError: 'bug' });
  });
});

describe('taskQueue.defer', () => {
  it('keeps the attempt count and waits until the given time', () => {
    const { queue, clock } = setup();
    const { task } = queue.enqueue(request());
    claimOne(queue);

    const deferred = queue.defer(task.id, 'worker-a', {
      reason: 'open PR cap reached',
      until: clock.now() + 600_000,
    });

    expect(deferred).toMatchObject({
      status: 'retry_waiting',
      attemptCount: 0,
      availableAt: clock.now() + 600_000,
      lastError: 'open PR cap reached',
    });
  });

  it('never dead-letters, however often a task on its last attempt is deferred', async () => {
    const { queue, clock } = setup();
    const { task } = queue.enqueue(request({ maxAttempts: 1 }));

    for (let round = 0; round < 5; round += 1) {
      claimOne(queue);
      queue.defer(task.id, 'worker-a', { reason: 'busy', until: clock.now() + 1000 });
      await clock.advance(1000);
    }

    expect(queue.get(task.id)).toMatchObject({ status: 'retry_waiting', attemptCount: 0 });
  });
});

describe('taskQueue.requeue', () => {
  it('revives a permanent dead letter with a fresh attempt budget', () => {
    const { queue, clock } = setup();
    const { task } = queue.enqueue(request({ availableAt: Date.UTC(2026, 0, 1) }));
    claimOne(queue);
    queue.fail(task.id, 'worker-a', { reason: 'blocked path', permanent: true });

    const requeued = queue.requeue(task.id);

    expect(requeued).toMatchObject({
      status: 'queued',
      attemptCount: 0,
      permanentFailure: false,
      lastError: null,
      availableAt: clock.now(),
    });
  });

  it('moves a waiting retry forward to queued', () => {
    const { queue } = setup();
    const { task } = queue.enqueue(request());
    claimOne(queue);
    queue.fail(task.id, 'worker-a', { reason: 'flaky' });

    expect(queue.requeue(task.id).status).toBe('queued');
  });

  it('refuses a task that is done', () => {
    const { queue } = setup();
    const { task } = queue.enqueue(request());
    claimOne(queue);
    queue.complete(task.id, 'worker-a');

    expect(() => queue.requeue(task.id)).toThrow(IllegalTransitionError);
  });

  it('reports an unknown task id', () => {
    const { queue } = setup();

    expect(() => queue.requeue(404)).toThrow(expect.objectContaining({ code: 'TASK_NOT_FOUND' }));
  });
});

describe('taskQueue queries', () => {
  it('summarises counts per status overall and per type', () => {
    const { queue } = setup();
    queue.enqueue(request({ type: 'review_issue' }));
    queue.enqueue(request({ type: 'review_pull_request' }));
    const { task } = queue.enqueue(request({ type: 'review_pull_request', priority: 'urgent' }));
    claimOne(queue);
    queue.bury(task.id, 'worker-a', { reason: 'bug' });

    const summary = queue.summary();

    expect(summary.total).toEqual({ queued: 2, running: 0, retry_waiting: 0, done: 0, dead_letter: 1 });
    expect(summary.byType['review_pull_request']).toEqual({
      queued: 1,
      running: 0,
      retry_waiting: 0,
      done: 0,
      dead_letter: 1,
    });
  });

  it('lists dead letters and filters listings by status and type, newest first', () => {
    const { queue } = setup();
    const first = queue.enqueue(request({ type: 'review_issue' })).task;
    const second = queue.enqueue(request({ type: 'review_issue' })).task;
    queue.enqueue(request({ type: 'review_pull_request' }));
    const buried = claimOne(queue);
    queue.bury(buried.id, 'worker-a', { reason: 'bug' });

    const issues = queue.list({ type: 'review_issue' }).map((task) => task.id);
    const deadLetters = queue.listDeadLetters().map((task) => task.id);

    expect(issues).toEqual([second.id, first.id]);
    expect(deadLetters).toEqual([buried.id]);
    expect(queue.list({ status: 'queued', limit: 1 })).toHaveLength(1);
  });
});
