import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FakeClock } from '@patchloop/sandbox';
import { createFakeClock } from '@patchloop/sandbox';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { AppError } from '../errors/app-error.js';
import { createSilentLogger } from '../logging/create-logger.js';
import { loadCoreMigrations } from '../store/load-migrations.js';
import { openDatabase } from '../store/open-database.js';
import type { TaskHandler } from './task-handler.js';
import type { TaskQueue } from './task-queue.js';
import { createTaskQueue } from './task-queue.js';
import type { CreateWorkerOptions, Worker } from './worker.js';
import { createWorker } from './worker.js';

const LEASE = 60_000;

function setup(
  handlers: Record<string, TaskHandler>,
  overrides: Partial<CreateWorkerOptions> = {},
): { queue: TaskQueue; clock: FakeClock; worker: Worker } {
  const dir = mkdtempSync(join(tmpdir(), 'patchloop-'));
  const clock = createFakeClock(Date.UTC(2026, 0, 1));
  const db = openDatabase({ path: join(dir, 'state.db'), migrations: [loadCoreMigrations()], clock });
  onTestFinished(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const queue = createTaskQueue({ db, clock });
  const worker = createWorker({
    queue,
    handlers,
    clock,
    logger: createSilentLogger(),
    workerId: 'worker-a',
    leaseMs: LEASE,
    pollIntervalMs: 1000,
    ...overrides,
  });
  return { queue, clock, worker };
}

function gate<T = void>(): { promise: Promise<T>; open: (value: T) => void } {
  let open: (value: T) => void = () => undefined;
  const promise = new Promise<T>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

function enqueueWork(queue: TaskQueue, dedupeKey = 'one') {
  return queue.enqueue({ type: 'work', dedupeKey, payload: { n: 1 } }).task;
}

describe('worker.runOnce', () => {
  it('reports idle when nothing is due', async () => {
    const { worker } = setup({ work: async () => ({ kind: 'done' }) });

    expect(await worker.runOnce()).toEqual({ kind: 'idle' });
  });

  it('runs the handler and records done with its result', async () => {
    const handler = vi.fn<TaskHandler>(async () => ({ kind: 'done', result: { commentId: 9 } }));
    const { queue, worker } = setup({ work: handler });
    const task = enqueueWork(queue);
    const succeeded = vi.fn();
    worker.events.on('task:succeeded', succeeded);

    const iteration = await worker.runOnce();

    expect(handler).toHaveBeenCalledWith(
      expect.objectContaining({ id: task.id, payload: { n: 1 } }),
      expect.anything(),
    );
    expect(iteration).toMatchObject({ kind: 'ran', task: { status: 'done', result: { commentId: 9 } } });
    expect(succeeded).toHaveBeenCalledOnce();
  });

  it('maps a retry outcome to retry_waiting with the requested delay', async () => {
    const { queue, clock, worker } = setup({
      work: async () => ({ kind: 'retry', reason: 'CI pending', delayMs: 5000 }),
    });
    enqueueWork(queue);

    const iteration = await worker.runOnce();

    expect(iteration).toMatchObject({
      kind: 'ran',
      task: { status: 'retry_waiting', lastError: 'CI pending', availableAt: clock.now() + 5000 },
    });
  });

  it('maps a defer outcome to retry_waiting without using up an attempt', async () => {
    const { queue, clock, worker } = setup({
      work: async () => ({ kind: 'defer', reason: 'open PR cap', until: Date.UTC(2026, 0, 1, 1) }),
    });
    enqueueWork(queue);

    const iteration = await worker.runOnce();

    expect(clock.now()).toBe(Date.UTC(2026, 0, 1));
    expect(iteration).toMatchObject({
      kind: 'ran',
      task: { status: 'retry_waiting', attemptCount: 0, availableAt: Date.UTC(2026, 0, 1, 1) },
    });
  });

  it('maps a dead_letter outcome to dead_letter, keeping the permanent flag', async () => {
    const { queue, worker } = setup({
      work: async () => ({ kind: 'dead_letter', reason: 'touches a blocked path', permanent: true }),
    });
    enqueueWork(queue);
    const deadLettered = vi.fn();
    worker.events.on('task:dead_lettered', deadLettered);

    const iteration = await worker.runOnce();

    expect(iteration).toMatchObject({ kind: 'ran', task: { status: 'dead_letter', permanentFailure: true } });
    expect(deadLettered).toHaveBeenCalledWith(expect.objectContaining({ reason: 'touches a blocked path' }));
  });

  it('retries a thrown retryable error with the backoff delay', async () => {
    const { queue, clock, worker } = setup({
      work: async () => {
        throw new AppError('GITHUB_REQUEST_FAILED', 'GitHub answered 502', { retryable: true });
      },
    });
    enqueueWork(queue);

    const iteration = await worker.runOnce();

    expect(iteration).toMatchObject({
      kind: 'ran',
      task: { status: 'retry_waiting', lastError: 'GitHub answered 502', availableAt: clock.now() + 30_000 },
    });
  });

  it('dead-letters a thrown bug at once, without the permanent flag', async () => {
    const { queue, worker } = setup({
      work: async () => {
        throw new TypeError('cannot read properties of undefined');
      },
    });
    enqueueWork(queue);

    const iteration = await worker.runOnce();

    expect(iteration).toMatchObject({
      kind: 'ran',
      task: { status: 'dead_letter', permanentFailure: false },
    });
  });

  it('claims only task types it has a handler for', async () => {
    const { queue, worker } = setup({ work: async () => ({ kind: 'done' }) });
    queue.enqueue({ type: 'other', dedupeKey: 'x', payload: {} });

    expect(await worker.runOnce()).toEqual({ kind: 'idle' });
  });

  it('recovers expired leases before claiming', async () => {
    const { queue, clock, worker } = setup({ work: async () => ({ kind: 'done' }) });
    const task = enqueueWork(queue);
    queue.claimNext({ workerId: 'crashed-worker', leaseMs: LEASE });
    await clock.advance(LEASE + 1);
    const recovered = vi.fn();
    worker.events.on('task:recovered', recovered);

    const iteration = await worker.runOnce();

    expect(recovered).toHaveBeenCalledWith({
      task: expect.objectContaining({ id: task.id, status: 'queued' }),
    });
    expect(iteration).toMatchObject({ kind: 'ran', task: { id: task.id, status: 'done', attemptCount: 2 } });
  });

  it('extends the lease with heartbeats while the handler runs', async () => {
    const started = gate();
    const finish = gate();
    const { queue, clock, worker } = setup({
      work: async () => {
        started.open();
        await finish.promise;
        return { kind: 'done' };
      },
    });
    const task = enqueueWork(queue);
    const running = worker.runOnce();
    await started.promise;

    await clock.advance(LEASE / 3);
    const afterFirstBeat = queue.get(task.id)?.lockedUntil;
    await clock.advance(LEASE);
    const recoveredMeanwhile = queue.recoverExpiredLeases();
    finish.open();

    expect(afterFirstBeat).toBe(Date.UTC(2026, 0, 1) + LEASE / 3 + LEASE);
    expect(recoveredMeanwhile).toEqual([]);
    expect(await running).toMatchObject({ kind: 'ran', task: { status: 'done' } });
  });

  it('discards the outcome and aborts the handler when another worker took over the lease', async () => {
    const started = gate();
    const finish = gate();
    let signal: AbortSignal | undefined;
    const { queue, clock, worker } = setup(
      {
        work: async (_task, context) => {
          signal = context.signal;
          started.open();
          await finish.promise;
          return { kind: 'done' };
        },
      },
      { heartbeatIntervalMs: 2 * LEASE },
    );
    const task = enqueueWork(queue);
    const running = worker.runOnce();
    await started.promise;
    await clock.advance(LEASE + 1);
    queue.recoverExpiredLeases();
    queue.claimNext({ workerId: 'worker-b', leaseMs: LEASE });

    await clock.advance(LEASE);
    finish.open();

    expect(signal?.aborted).toBe(true);
    expect(await running).toEqual({ kind: 'lease_lost', taskId: task.id });
    expect(queue.get(task.id)).toMatchObject({ status: 'running', leaseOwner: 'worker-b' });
  });
});

describe('worker.stop', () => {
  it('waits for the running handler to finish', async () => {
    const started = gate();
    const finish = gate();
    const { queue, worker } = setup({
      work: async () => {
        started.open();
        await finish.promise;
        return { kind: 'done' };
      },
    });
    const task = enqueueWork(queue);
    worker.start();
    await started.promise;

    let stopped = false;
    const stopping = worker.stop({ timeoutMs: 30_000 }).then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    const stoppedBeforeHandlerFinished = stopped;
    finish.open();
    await stopping;

    expect(stoppedBeforeHandlerFinished).toBe(false);
    expect(queue.get(task.id)?.status).toBe('done');
  });

  it('aborts the handler after the grace period and gives the task back without using an attempt', async () => {
    const started = gate();
    const { queue, clock, worker } = setup({
      work: (_task, { signal }) =>
        new Promise((_resolve, reject) => {
          started.open();
          signal.addEventListener('abort', () => reject(signal.reason), { once: true });
        }),
    });
    const task = enqueueWork(queue);
    worker.start();
    await started.promise;

    const stopping = worker.stop({ timeoutMs: 30_000 });
    await clock.advance(30_000);
    await stopping;

    expect(queue.get(task.id)).toMatchObject({
      status: 'retry_waiting',
      attemptCount: 0,
      availableAt: clock.now(),
    });
  });

  it('stops an idle loop without claiming anything more', async () => {
    const { queue, worker } = setup({ work: async () => ({ kind: 'done' }) });
    worker.start();
    await new Promise((resolve) => setImmediate(resolve));

    await worker.stop({ timeoutMs: 1000 });
    enqueueWork(queue);
    await new Promise((resolve) => setImmediate(resolve));

    expect(queue.summary().total.queued).toBe(1);
  });

  it('keeps polling while started and picks up work enqueued later', async () => {
    const { queue, clock, worker } = setup({ work: async () => ({ kind: 'done' }) });
    worker.start();
    onTestFinished(() => worker.stop({ timeoutMs: 0 }));
    await new Promise((resolve) => setImmediate(resolve));
    const task = enqueueWork(queue);

    await clock.advance(1000);
    await new Promise((resolve) => setImmediate(resolve));

    expect(queue.get(task.id)?.status).toBe('done');
  });
});
