import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFakeClock } from '@patchloop/sandbox';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createSilentLogger } from '../../logging/create-logger.js';
import type { TaskQueue } from '../../queue/task-queue.js';
import { createTaskQueue } from '../../queue/task-queue.js';
import { createEventLogRepository } from '../../store/event-log-repository.js';
import { loadCoreMigrations } from '../../store/load-migrations.js';
import { openDatabase } from '../../store/open-database.js';
import type { Task } from '../../store/task.js';
import { buildBaseServer } from '../build-base-server.js';
import { dashboardRoutes } from './dashboard-routes.js';

const WORKER = 'worker-1';

async function setup(options: { adminToken?: string } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'patchloop-'));
  const clock = createFakeClock(Date.UTC(2026, 2, 1, 12));
  const db = openDatabase({ path: join(dir, 'state.db'), migrations: [loadCoreMigrations()], clock });
  const queue = createTaskQueue({ db, clock });
  const events = createEventLogRepository({ db, clock });
  const app = buildBaseServer({ logger: createSilentLogger(), service: 'openreview', version: '0.2.0' });
  await app.register(dashboardRoutes, {
    admin: { adminToken: options.adminToken },
    service: 'openreview',
    version: '0.2.0',
    clock,
    startedAt: clock.now() - 30_000,
    listTasks: (filter) => queue.list(filter),
    getSummary: () => queue.summary(),
    requeueTask: (id) => queue.requeue(id),
    listEvents: (filter) => events.list(filter),
    pollStatus: () => ({}),
  });
  onTestFinished(async () => {
    await app.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { app, queue, events };
}

function claimed(queue: TaskQueue, key: string): Task {
  queue.enqueue({ type: 'pr_review', dedupeKey: key, targetKey: key, payload: {}, maxAttempts: 1 });
  const task = queue.claimNext({ workerId: WORKER, leaseMs: 60_000 });
  if (task === undefined) throw new Error(`nothing to claim for ${key}`);
  return task;
}

function deadLetter(queue: TaskQueue, key: string): Task {
  const task = claimed(queue, key);
  queue.fail(task.id, WORKER, { reason: `review of ${key} failed` });
  return task;
}

describe('dashboardRoutes', () => {
  it('serves the dashboard as HTML at / with a script nonce matching its CSP', async () => {
    const { app, queue, events } = await setup();
    deadLetter(queue, 'pr:1');
    events.append({ category: 'poll', level: 'info', message: 'polled 3 pull requests' });

    const response = await app.inject({ method: 'GET', url: '/' });

    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.body).toContain('review of pr:1 failed');
    expect(response.body).toContain('polled 3 pull requests');
    const nonce = /<script nonce="([^"]+)">/.exec(response.body)?.[1];
    expect(response.headers['content-security-policy']).toContain(`script-src 'nonce-${nonce}'`);
  });

  it('requeues a dead letter and answers its task view', async () => {
    const { app, queue } = await setup();
    const task = deadLetter(queue, 'pr:2');

    const response = await app.inject({ method: 'POST', url: `/dashboard/tasks/${task.id}/retry` });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ok', task: { task_id: task.id, status: 'queued' } });
    expect(queue.get(task.id)?.status).toBe('queued');
  });

  it('refuses a retry without the admin token when one is set', async () => {
    const { app, queue } = await setup({ adminToken: 'sekret' });
    const task = deadLetter(queue, 'pr:3');

    const refused = await app.inject({ method: 'POST', url: `/dashboard/tasks/${task.id}/retry` });
    const accepted = await app.inject({
      method: 'POST',
      url: `/dashboard/tasks/${task.id}/retry`,
      headers: { authorization: 'Bearer sekret' },
    });

    expect(refused.statusCode).toBe(401);
    expect(accepted.statusCode).toBe(200);
  });

  it('refuses a retry from a remote caller when no admin token is set', async () => {
    const { app, queue } = await setup();
    const task = deadLetter(queue, 'pr:4');

    const response = await app.inject({
      method: 'POST',
      url: `/dashboard/tasks/${task.id}/retry`,
      remoteAddress: '203.0.113.9',
    });

    expect(response.statusCode).toBe(403);
    expect(queue.get(task.id)?.status).toBe('dead_letter');
  });

  it('answers 409 for a running task, 404 for an unknown one and 400 for a bad id', async () => {
    const { app, queue } = await setup();
    const running = claimed(queue, 'pr:5');

    const busy = await app.inject({ method: 'POST', url: `/dashboard/tasks/${running.id}/retry` });
    const unknown = await app.inject({ method: 'POST', url: '/dashboard/tasks/999/retry' });
    const invalid = await app.inject({ method: 'POST', url: '/dashboard/tasks/abc/retry' });

    expect(busy.statusCode).toBe(409);
    expect(unknown.statusCode).toBe(404);
    expect(invalid.statusCode).toBe(400);
  });
});
