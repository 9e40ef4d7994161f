import { createSilentLogger } from '@patchloop/core';
import type { FakeClock } from '@patchloop/sandbox';
import { createFakeClock } from '@patchloop/sandbox';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { CreateSchedulerOptions, CycleRegistration, Scheduler } from './scheduler.js';
import { createScheduler } from './scheduler.js';

const START = Date.UTC(2026, 2, 1, 12);
const MINUTE = 60_000;

interface Deferred {
  readonly promise: Promise<unknown>;
  resolve(value?: unknown): void;
  reject(error: unknown): void;
}

function deferred(): Deferred {
  let resolve: (value?: unknown) => void = () => undefined;
  let reject: (error: unknown) => void = () => undefined;
  const promise = new Promise<unknown>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function setup(options: Partial<CreateSchedulerOptions> = {}): { scheduler: Scheduler; clock: FakeClock } {
  const clock = createFakeClock(START);
  const scheduler = createScheduler({ clock, logger: createSilentLogger(), ...options });
  onTestFinished(() => scheduler.stop());
  return { scheduler, clock };
}

function cycle(overrides: Partial<CycleRegistration> & Pick<CycleRegistration, 'name'>): CycleRegistration {
  return { intervalMs: MINUTE, priority: 'normal', run: async () => ({ ok: true }), ...overrides };
}

const failing = async (): Promise<never> => {
  throw new Error('boom');
};

// Lets resolved runs record their outcome before the test looks.
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('scheduler', () => {
  it('records a successful run with its stats and schedules the next one an interval after the finish', async () => {
    const { scheduler } = setup();
    scheduler.register(cycle({ name: 'issue-task-cycle', run: async () => ({ claimed: 1, processed: 1 }) }));

    await scheduler.tick();
    await scheduler.whenIdle();

    expect(scheduler.get('issue-task-cycle')).toMatchObject({
      status: 'succeeded',
      run_count: 1,
      consecutive_failures: 0,
      last_success_at: '2026-03-01T12:00:00Z',
      next_run_at: '2026-03-01T12:01:00Z',
      last_stats: { claimed: 1, processed: 1 },
      lease_owner: null,
    });
  });

  it('keeps no stats when the run resolves with something other than a plain object', async () => {
    const { scheduler } = setup();
    scheduler.register(cycle({ name: 'polling-cycle', run: async () => 42 }));

    await scheduler.tick();
    await scheduler.whenIdle();

    expect(scheduler.get('polling-cycle')?.last_stats).toBeNull();
  });

  it('waits for a retry with backoff after a failure while retries are left', async () => {
    const { scheduler } = setup();
    scheduler.register(cycle({ name: 'polling-cycle', maxRetries: 2, run: failing }));

    await scheduler.tick();
    await scheduler.whenIdle();

    expect(scheduler.get('polling-cycle')).toMatchObject({
      status: 'retry_waiting',
      last_error: 'boom',
      failure_count: 1,
      consecutive_failures: 1,
      next_run_at: '2026-03-01T12:00:30Z',
    });
  });

  it('doubles the backoff per consecutive failure up to the cap', async () => {
    const { scheduler, clock } = setup({ backoffBaseMs: 1000, backoffCapMs: 3000 });
    scheduler.register(cycle({ name: 'polling-cycle', maxRetries: 10, run: failing }));
    const delays: number[] = [];

    for (let failure = 0; failure < 4; failure += 1) {
      await scheduler.tick();
      await scheduler.whenIdle();
      const next = Date.parse(scheduler.get('polling-cycle')?.next_run_at ?? '');
      delays.push(next - clock.now());
      await clock.set(next);
    }

    expect(delays).toEqual([1000, 2000, 3000, 3000]);
  });

  it('dead-letters a cycle once its consecutive failures exceed maxRetries and never starts it again', async () => {
    const { scheduler, clock } = setup();
    let runs = 0;
    scheduler.register(
      cycle({
        name: 'polling-cycle',
        maxRetries: 1,
        run: async () => {
          runs += 1;
          throw new Error('boom');
        },
      }),
    );

    await scheduler.tick();
    await scheduler.whenIdle();
    await clock.advance(30_000);
    await scheduler.tick();
    await scheduler.whenIdle();
    await clock.advance(60 * MINUTE);
    await scheduler.tick();
    await scheduler.whenIdle();

    expect(runs).toBe(2);
    expect(scheduler.get('polling-cycle')).toMatchObject({
      status: 'dead_letter',
      next_run_at: null,
      failure_count: 2,
      consecutive_failures: 2,
    });
    expect(scheduler.summary()).toMatchObject({ dead_letter: 1, failed: 1, retry_waiting: 0 });
  });

  it('starts urgent cycles before normal and background ones that are due together', async () => {
    const { scheduler } = setup();
    const started: string[] = [];
    const record = (name: string) => async () => {
      started.push(name);
    };
    scheduler.register(cycle({ name: 'a-background', priority: 'background', run: record('a-background') }));
    scheduler.register(cycle({ name: 'b-normal', priority: 'normal', run: record('b-normal') }));
    scheduler.register(cycle({ name: 'c-urgent', priority: 'urgent', run: record('c-urgent') }));

    await scheduler.tick();
    await scheduler.whenIdle();

    expect(started).toEqual(['c-urgent', 'b-normal', 'a-background']);
  });

  it('does not start a cycle before its first-run delay', async () => {
    const { scheduler, clock } = setup();
    let runs = 0;
    scheduler.register(
      cycle({
        name: 'idle-scan-cycle',
        firstRunDelayMs: MINUTE,
        run: async () => {
          runs += 1;
        },
      }),
    );

    await scheduler.tick();
    const beforeDelay = runs;
    await clock.advance(MINUTE);
    await scheduler.tick();
    await scheduler.whenIdle();

    expect(beforeDelay).toBe(0);
    expect(runs).toBe(1);
  });

  it('lets a fast cycle complete while a slow urgent one is still running, and never starts a cycle twice', async () => {
    const { scheduler, clock } = setup();
    const slow = deferred();
    let slowRuns = 0;
    scheduler.register(
      cycle({
        name: 'issue-task-cycle',
        priority: 'urgent',
        intervalMs: 1000,
        run: () => {
          slowRuns += 1;
          return slow.promise;
        },
      }),
    );
    scheduler.register(cycle({ name: 'polling-cycle', intervalMs: 1000 }));

    await scheduler.tick();
    await settle();
    await clock.advance(5000);
    await scheduler.tick();
    await settle();

    expect(scheduler.get('issue-task-cycle')?.status).toBe('running');
    expect(scheduler.get('polling-cycle')).toMatchObject({ status: 'succeeded', run_count: 2 });
    expect(slowRuns).toBe(1);
    expect(scheduler.summary()).toMatchObject({ registered: 2, running: 1 });
    slow.resolve();
    await scheduler.whenIdle();
    expect(scheduler.get('issue-task-cycle')?.status).toBe('succeeded');
  });

  it('records a run that throws synchronously as a failure', async () => {
    const { scheduler } = setup();
    scheduler.register(
      cycle({
        name: 'polling-cycle',
        run: () => {
          throw new Error('sync boom');
        },
      }),
    );

    await scheduler.tick();
    await scheduler.whenIdle();

    expect(scheduler.get('polling-cycle')).toMatchObject({
      status: 'retry_waiting',
      last_error: 'sync boom',
    });
  });

  it('refuses a second cycle with the same name and an interval that is not positive', () => {
    const { scheduler } = setup();
    scheduler.register(cycle({ name: 'polling-cycle' }));

    expect(() => scheduler.register(cycle({ name: 'polling-cycle' }))).toThrow(/already registered/);
    expect(() => scheduler.register(cycle({ name: 'broken', intervalMs: 0 }))).toThrow(/positive interval/);
  });

  it('floors the interval at 100 ms', () => {
    const { scheduler } = setup();

    scheduler.register(cycle({ name: 'polling-cycle', intervalMs: 1 }));

    expect(scheduler.get('polling-cycle')?.interval_seconds).toBe(0.1);
  });

  it('lists cycles by name in the summary with counts per state', async () => {
    const { scheduler } = setup();
    scheduler.register(cycle({ name: 'pr-task-cycle', run: failing }));
    scheduler.register(cycle({ name: 'issue-task-cycle' }));

    await scheduler.tick();
    await scheduler.whenIdle();

    const summary = scheduler.summary();
    expect(summary.tasks.map((task) => task.name)).toEqual(['issue-task-cycle', 'pr-task-cycle']);
    expect(summary).toMatchObject({ registered: 2, running: 0, failed: 1, retry_waiting: 1, dead_letter: 0 });
  });
});

describe('scheduler.retry', () => {
  it('revives a dead-lettered cycle, which then succeeds at the next tick', async () => {
    const { scheduler } = setup();
    let fail = true;
    scheduler.register(
      cycle({
        name: 'polling-cycle',
        maxRetries: 0,
        run: async () => {
          if (fail) throw new Error('boom');
          return { fetched: 3 };
        },
      }),
    );
    await scheduler.tick();
    await scheduler.whenIdle();
    fail = false;

    const result = scheduler.retry('polling-cycle');
    await scheduler.tick();
    await scheduler.whenIdle();

    expect(result).toMatchObject({
      ok: true,
      previousStatus: 'dead_letter',
      cycle: {
        status: 'queued',
        consecutive_failures: 0,
        last_error: null,
        next_run_at: '2026-03-01T12:00:00Z',
      },
    });
    expect(scheduler.get('polling-cycle')).toMatchObject({
      status: 'succeeded',
      run_count: 2,
      failure_count: 1,
    });
  });

  it('answers 404 for an unknown cycle and 409 for a running one', async () => {
    const { scheduler } = setup();
    const slow = deferred();
    scheduler.register(cycle({ name: 'polling-cycle', run: () => slow.promise }));
    await scheduler.tick();

    const unknown = scheduler.retry('nope');
    const busy = scheduler.retry('polling-cycle');
    slow.resolve();
    await scheduler.whenIdle();

    expect(unknown).toEqual({ ok: false, status: 404, message: 'Unknown scheduler task: nope' });
    expect(busy).toMatchObject({ ok: false, status: 409 });
  });
});

describe('scheduler.runNow', () => {
  it('runs a cycle at once and resolves with its stats', async () => {
    const { scheduler } = setup();
    scheduler.register(
      cycle({ name: 'source-task-cycle', firstRunDelayMs: MINUTE, run: async () => ({ queue: 2 }) }),
    );

    const stats = await scheduler.runNow('source-task-cycle');

    expect(stats).toEqual({ queue: 2 });
    expect(scheduler.get('source-task-cycle')?.run_count).toBe(1);
  });

  it('rejects with the run error after recording the failure, and refuses unknown or running cycles', async () => {
    const { scheduler } = setup();
    const slow = deferred();
    scheduler.register(cycle({ name: 'polling-cycle', run: failing }));
    scheduler.register(cycle({ name: 'pr-task-cycle', run: () => slow.promise }));
    await scheduler.tick();
    await settle();

    await expect(scheduler.runNow('polling-cycle')).rejects.toThrow('boom');
    await expect(scheduler.runNow('pr-task-cycle')).rejects.toThrow(/already running/);
    await expect(scheduler.runNow('nope')).rejects.toThrow(/Unknown scheduler task/);
    expect(scheduler.get('polling-cycle')).toMatchObject({ failure_count: 2, consecutive_failures: 2 });
    slow.resolve();
  });
});

describe('scheduler.start and stop', () => {
  it('runs due cycles from the background loop, sleeping until the next due time', async () => {
    const { scheduler, clock } = setup();
    let runs = 0;
    scheduler.register(
      cycle({
        name: 'polling-cycle',
        intervalMs: 5000,
        run: async () => {
          runs += 1;
        },
      }),
    );

    scheduler.start();
    await settle();
    const afterStart = runs;
    for (let second = 0; second < 10; second += 1) await clock.advance(1000);
    await scheduler.stop();

    expect(afterStart).toBe(1);
    expect(runs).toBe(3);
    expect(clock.pendingSleepers()).toBe(0);
  });

  it('waits for a running cycle to finish before stopping', async () => {
    const { scheduler } = setup();
    const slow = deferred();
    scheduler.register(cycle({ name: 'issue-task-cycle', run: () => slow.promise }));
    scheduler.start();
    await settle();

    const stopping = scheduler.stop();
    slow.resolve({ processed: 1 });
    await stopping;

    expect(scheduler.get('issue-task-cycle')).toMatchObject({
      status: 'succeeded',
      last_stats: { processed: 1 },
    });
  });

  it('cancels a cycle still running when the stop wait ends, aborting its signal', async () => {
    const { scheduler, clock } = setup({ stopWaitMs: 10 });
    let signal: AbortSignal | undefined;
    scheduler.register(
      cycle({
        name: 'issue-task-cycle',
        intervalMs: MINUTE,
        run: (runSignal) => {
          signal = runSignal;
          return new Promise(() => undefined);
        },
      }),
    );
    scheduler.start();
    await settle();

    const stopping = scheduler.stop();
    await clock.advance(10);
    await stopping;

    expect(signal?.aborted).toBe(true);
    expect(scheduler.get('issue-task-cycle')).toMatchObject({
      status: 'cancelled',
      lease_owner: null,
      next_run_at: '2026-03-01T12:01:00Z',
    });
    await scheduler.whenIdle();
  });
});
