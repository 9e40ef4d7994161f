import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFakeClock } from '@patchloop/sandbox';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createSilentLogger } from '../logging/create-logger.js';
import type { TaskQueue } from '../queue/task-queue.js';
import { createTaskQueue } from '../queue/task-queue.js';
import { createEventLogRepository } from '../store/event-log-repository.js';
import { loadCoreMigrations } from '../store/load-migrations.js';
import { openDatabase } from '../store/open-database.js';
import { createStateSnapshot } from '../store/state-snapshot.js';
import type { Task } from '../store/task.js';
import { adminRoutes } from './admin-routes.js';
import { buildBaseServer } from './build-base-server.js';

const WORKER = 'worker-1';

async function setup(options: { adminToken?: string; includeTaskRoutes?: boolean } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'patchloop-'));
  const clock = createFakeClock(Date.UTC(2026, 2, 1, 12));
  const db = openDatabase({ path: join(dir, 'state.db'), migrations: [loadCoreMigrations()], clock });
  const queue = createTaskQueue({ db, clock });
  const snapshot = createStateSnapshot({ db, clock });
  const events = createEventLogRepository({ db, clock });
  const app = buildBaseServer({ logger: createSilentLogger(), service: 'autocode', version: '0.1.0' });
  await app.register(adminRoutes, {
    admin: { adminToken: options.adminToken },
    taskTypes: ['issue_execution', 'pr_feedback_repair'],
    ...(options.includeTaskRoutes === undefined ? {} : { includeTaskRoutes: options.includeTaskRoutes }),
    listTasks: (filter) => queue.list(filter),
    getSummary: () => queue.summary(),
    requeueTask: (id) => queue.requeue(id),
    exportSnapshot: () => snapshot.export(),
    restoreSnapshot: (document) => snapshot.restore(document),
    listEvents: (filter) => events.list(filter),
  });
  onTestFinished(async () => {
    await app.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { app, queue, events, clock };
}

function enqueue(queue: TaskQueue, type: string, key: string): Task {
  return queue.enqueue({ type, dedupeKey: key, targetKey: key, payload: { key }, maxAttempts: 1 }).task;
}

function deadLetter(queue: TaskQueue, type: string, key: string): Task {
  const task = enqueue(queue, type, key);
  expect(queue.claimNext({ workerId: WORKER, leaseMs: 60_000, types: [type] })?.id).toBe(task.id);
  const failed = queue.fail(task.id, WORKER, { reason: `agent failed on ${key}` });
  expect(failed?.status).toBe('dead_letter');
  return task;
}

function running(queue: TaskQueue, type: string, key: string): Task {
  const task = enqueue(queue, type, key);
  const claimed = queue.claimNext({ workerId: WORKER, leaseMs: 60_000, types: [type] });
  expect(claimed?.id).toBe(task.id);
  return task;
}

describe('adminRoutes: task listings', () => {
  it('lists tasks with the queue summary, running first, serialized with ISO times', async () => {
    const { app, queue } = await setup();
    const waiting = enqueue(queue, 'issue_execution', 'issue:1');
    const busy = running(queue, 'pr_feedback_repair', 'pr:2');

    const response = await app.inject({ method: 'GET', url: '/tasks' });

    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.tasks.map((task: { task_id: number }) => task.task_id)).toEqual([busy.id, waiting.id]);
    expect(body.tasks[1]).toMatchObject({
      task_type: 'issue_execution',
      status: 'queued',
      target_key: 'issue:1',
      dedupe_key: 'issue:1',
      attempt_count: 0,
      max_attempts: 1,
      available_at: '2026-03-01T12:00:00Z',
      payload: { key: 'issue:1' },
    });
    expect(body.summary).toMatchObject({ total: 2, queued: 1, running: 1, problem: 0 });
    expect(body.summary.by_type.pr_feedback_repair).toMatchObject({ running: 1, total: 1 });
  });

  it('filters by status, by type (or its alias queue) and by limit', async () => {
    const { app, queue } = await setup();
    // Dead letters first: claiming takes the oldest due task.
    const dead = deadLetter(queue, 'issue_execution', 'issue:4');
    enqueue(queue, 'issue_execution', 'issue:1');
    enqueue(queue, 'issue_execution', 'issue:2');
    const repair = enqueue(queue, 'pr_feedback_repair', 'pr:3');

    const byStatus = (await app.inject({ method: 'GET', url: '/tasks?status=dead_letter' })).json();
    const byQueue = (await app.inject({ method: 'GET', url: '/tasks?queue=pr_feedback_repair' })).json();
    const limited = (await app.inject({ method: 'GET', url: '/tasks?type=issue_execution&limit=2' })).json();

    expect(byStatus.tasks.map((task: { task_id: number }) => task.task_id)).toEqual([dead.id]);
    expect(byQueue.tasks.map((task: { task_id: number }) => task.task_id)).toEqual([repair.id]);
    expect(limited.count).toBe(2);
    expect(limited.filters).toEqual({ status: [], type: ['issue_execution'], limit: 2 });
  });

  it.each([
    ['/tasks?status=sleeping', 'status.0: must be one of'],
    ['/tasks?type=nightly_build', 'unknown task type nightly_build'],
    ['/tasks?limit=0', 'limit:'],
    ['/tasks?limit=201', 'limit:'],
    ['/tasks?limit=ten', 'limit: must be a whole number'],
  ])('refuses %s with 400 naming the problem', async (url, problem) => {
    const { app } = await setup();

    const response = await app.inject({ method: 'GET', url });

    expect(response.statusCode).toBe(400);
    expect(response.json().error).toBe('ADMIN_REQUEST_INVALID');
    expect(response.json().problems.join('\n')).toContain(problem);
  });

  it('lists only dead letters on /tasks/dead-letter, with the full dead-letter count', async () => {
    const { app, queue } = await setup();
    const first = deadLetter(queue, 'issue_execution', 'issue:2');
    const second = deadLetter(queue, 'pr_feedback_repair', 'pr:3');
    enqueue(queue, 'issue_execution', 'issue:1');

    const all = (await app.inject({ method: 'GET', url: '/tasks/dead-letter?limit=1' })).json();
    const repairs = (
      await app.inject({ method: 'GET', url: '/tasks/dead-letter?queue=pr_feedback_repair' })
    ).json();

    expect(all.count).toBe(2);
    expect(all.tasks).toHaveLength(1);
    expect([first.id, second.id]).toContain(all.tasks[0].task_id);
    expect(all.tasks[0]).toMatchObject({
      status: 'dead_letter',
      last_error: expect.stringContaining('agent'),
    });
    expect(repairs.count).toBe(1);
    expect(repairs.tasks.map((task: { task_id: number }) => task.task_id)).toEqual([second.id]);
  });
});

describe('adminRoutes: retry', () => {
  it('requeues one dead-lettered task with a fresh attempt budget', async () => {
    const { app, queue } = await setup();
    const task = deadLetter(queue, 'issue_execution', 'issue:1');

    const response = await app.inject({ method: 'POST', url: `/tasks/${task.id}/retry` });

    expect(response.statusCode).toBe(200);
    expect(response.json().task).toMatchObject({ task_id: task.id, status: 'queued', attempt_count: 0 });
    expect(queue.get(task.id)).toMatchObject({ status: 'queued', lastError: null });
  });

  it('answers 404 for an unknown task and 400 for an id that is not a number', async () => {
    const { app } = await setup();

    const unknown = await app.inject({ method: 'POST', url: '/tasks/999/retry' });
    const malformed = await app.inject({ method: 'POST', url: '/tasks/abc/retry' });

    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error).toBe('TASK_NOT_FOUND');
    expect(malformed.statusCode).toBe(400);
  });

  it('answers 409 for a running task and leaves it running', async () => {
    const { app, queue } = await setup();
    const task = running(queue, 'issue_execution', 'issue:1');

    const response = await app.inject({ method: 'POST', url: `/tasks/${task.id}/retry` });

    expect(response.statusCode).toBe(409);
    expect(response.json().message).toContain('is running');
    expect(queue.get(task.id)?.status).toBe('running');
  });

  it('bulk-retries waiting and dead-lettered tasks up to the limit and reports how many matched', async () => {
    const { app, queue } = await setup();
    deadLetter(queue, 'issue_execution', 'issue:1');
    deadLetter(queue, 'issue_execution', 'issue:2');
    deadLetter(queue, 'pr_feedback_repair', 'pr:3');
    const untouched = enqueue(queue, 'issue_execution', 'issue:4');

    const response = await app.inject({ method: 'POST', url: '/tasks/retry?limit=2' });

    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.matched).toBe(3);
    expect(body.retried).toHaveLength(2);
    expect(body.filters).toEqual({ type: [], status: ['dead_letter', 'retry_waiting'], limit: 2 });
    expect(queue.summary().total).toMatchObject({ queued: 3, dead_letter: 1 });
    expect(queue.get(untouched.id)?.status).toBe('queued');
  });

  it('refuses a bulk retry of statuses other than retry_waiting and dead_letter', async () => {
    const { app, queue } = await setup();
    enqueue(queue, 'issue_execution', 'issue:1');

    const response = await app.inject({ method: 'POST', url: '/tasks/retry?status=queued' });

    expect(response.statusCode).toBe(400);
    expect(response.json().problems[0]).toContain('retry_waiting, dead_letter');
  });
});

describe('adminRoutes: snapshot and restore', () => {
  it('restores an exported snapshot, undoing later changes', async () => {
    const { app, queue } = await setup();
    const kept = deadLetter(queue, 'issue_execution', 'issue:1');
    const exported = (await app.inject({ method: 'GET', url: '/state/snapshot' })).json();
    enqueue(queue, 'issue_execution', 'issue:2');
    queue.requeue(kept.id);

    const response = await app.inject({
      method: 'POST',
      url: '/state/restore',
      payload: { confirm_restore: true, snapshot: exported.snapshot },
    });

    expect(exported.summary).toMatchObject({ dead_letter: 1, total: 1 });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ok', restored_rows: { tasks: 1 } });
    expect(queue.list().map((task) => [task.id, task.status])).toEqual([[kept.id, 'dead_letter']]);
  });

  it('refuses an invalid snapshot with 400 listing the problems and changes nothing', async () => {
    const { app, queue } = await setup();
    const task = deadLetter(queue, 'issue_execution', 'issue:1');
    const exported = (await app.inject({ method: 'GET', url: '/state/snapshot' })).json().snapshot;
    const broken = {
      ...exported,
      tables: { ...exported.tables, tasks: [{ ...exported.tables.tasks[0], status: 'sleeping' }] },
    };
    enqueue(queue, 'issue_execution', 'issue:2');
    const before = queue.list();

    const response = await app.inject({
      method: 'POST',
      url: '/state/restore',
      payload: { confirm_restore: true, snapshot: broken },
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().error).toBe('SNAPSHOT_INVALID');
    expect(response.json().problems.join('\n')).toContain('tables.tasks[0].status');
    expect(queue.list()).toEqual(before);
    expect(queue.get(task.id)?.status).toBe('dead_letter');
  });

  it('requires confirm_restore=true before looking at the snapshot', async () => {
    const { app, queue } = await setup();
    enqueue(queue, 'issue_execution', 'issue:1');

    const response = await app.inject({ method: 'POST', url: '/state/restore', payload: { snapshot: {} } });

    expect(response.statusCode).toBe(400);
    expect(response.json().problems.join('\n')).toContain('confirm_restore');
    expect(queue.list()).toHaveLength(1);
  });

  it('refuses to restore while a task is running', async () => {
    const { app, queue } = await setup();
    const exported = (await app.inject({ method: 'GET', url: '/state/snapshot' })).json().snapshot;
    running(queue, 'issue_execution', 'issue:1');

    const response = await app.inject({
      method: 'POST',
      url: '/state/restore',
      payload: { confirm_restore: true, snapshot: exported },
    });

    expect(response.statusCode).toBe(409);
    expect(response.json().error).toBe('ADMIN_RESTORE_BUSY');
    expect(queue.summary().total.running).toBe(1);
  });
});

describe('adminRoutes: admin guard', () => {
  it('requires ADMIN_TOKEN on retries and snapshots when it is set, but not on listings', async () => {
    const { app, queue } = await setup({ adminToken: 's3cret' });
    const task = deadLetter(queue, 'issue_execution', 'issue:1');

    const retry = await app.inject({ method: 'POST', url: `/tasks/${task.id}/retry` });
    const bulk = await app.inject({ method: 'POST', url: '/tasks/retry' });
    const snapshot = await app.inject({ method: 'GET', url: '/state/snapshot' });
    const restore = await app.inject({ method: 'POST', url: '/state/restore', payload: {} });
    const listing = await app.inject({ method: 'GET', url: '/tasks' });
    const authorized = await app.inject({
      method: 'POST',
      url: `/tasks/${task.id}/retry`,
      headers: { authorization: 'Bearer s3cret' },
    });

    expect([retry, bulk, snapshot, restore].map((response) => response.statusCode)).toEqual([
      401, 401, 401, 401,
    ]);
    expect(listing.statusCode).toBe(200);
    expect(authorized.statusCode).toBe(200);
    expect(queue.get(task.id)?.status).toBe('queued');
  });

  it('refuses non-loopback callers of guarded routes when no ADMIN_TOKEN is set', async () => {
    const { app, queue } = await setup();
    const task = deadLetter(queue, 'issue_execution', 'issue:1');
    const remote = '203.0.113.9';

    const retry = await app.inject({ method: 'POST', url: `/tasks/${task.id}/retry`, remoteAddress: remote });
    const snapshot = await app.inject({ method: 'GET', url: '/state/snapshot', remoteAddress: remote });

    expect(retry.statusCode).toBe(403);
    expect(snapshot.statusCode).toBe(403);
    expect(queue.get(task.id)?.status).toBe('dead_letter');
  });
});

describe('adminRoutes: includeTaskRoutes', () => {
  it('leaves the task routes to the daemon when false, keeping snapshot, restore and events', async () => {
    const { app, queue } = await setup({ includeTaskRoutes: false });
    const task = deadLetter(queue, 'issue_execution', 'issue:1');

    const taskRoutes = await Promise.all([
      app.inject({ method: 'GET', url: '/tasks' }),
      app.inject({ method: 'GET', url: '/tasks/dead-letter' }),
      app.inject({ method: 'POST', url: '/tasks/retry' }),
      app.inject({ method: 'POST', url: `/tasks/${task.id}/retry` }),
    ]);
    const kept = await Promise.all([
      app.inject({ method: 'GET', url: '/state/snapshot' }),
      app.inject({ method: 'GET', url: '/logs/events' }),
      app.inject({ method: 'POST', url: '/state/restore', payload: {} }),
    ]);

    expect(taskRoutes.map((response) => response.statusCode)).toEqual([404, 404, 404, 404]);
    expect(kept.map((response) => response.statusCode)).toEqual([200, 200, 400]);
    expect(queue.get(task.id)?.status).toBe('dead_letter');
  });
});

describe('adminRoutes: event log', () => {
  it('filters events by category, level and source, returning the newest matches oldest first', async () => {
    const { app, events, clock } = await setup();
    events.append({ category: 'webhook', level: 'info', message: 'one', data: { source: 'github' } });
    await clock.advance(1000);
    events.append({ category: 'Webhook', level: 'warn', message: 'two', data: { source: 'github' } });
    await clock.advance(1000);
    events.append({ category: 'webhook', level: 'warn', message: 'three', data: { source: 'api' } });
    await clock.advance(1000);
    events.append({ category: 'poll_step', level: 'warn', message: 'four' });
    events.append({ category: 'webhook', level: 'warn', message: 'five', data: { source: 'GitHub' } });

    const response = await app.inject({
      method: 'GET',
      url: '/logs/events?category=WEBHOOK&level=warning,error&source=github&limit=2',
    });

    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.events.map((event: { message: string }) => event.message)).toEqual(['two', 'five']);
    expect(body.events[0]).toMatchObject({
      timestamp: '2026-03-01T12:00:01Z',
      level: 'warn',
      source: 'github',
    });
    expect(body.filters).toEqual({
      category: ['webhook'],
      level: ['warn', 'error'],
      source: ['github'],
      limit: 2,
    });
  });

  it('refuses an unknown event level', async () => {
    const { app } = await setup();

    const response = await app.inject({ method: 'GET', url: '/logs/events?level=fatal' });

    expect(response.statusCode).toBe(400);
    expect(response.json().problems[0]).toContain('level');
  });
});
