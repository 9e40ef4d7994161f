import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Task } from '@patchloop/core';
import {
  buildBaseServer,
  createEventLogRepository,
  createSilentLogger,
  createTaskQueue,
  loadCoreMigrations,
  openDatabase,
} from '@patchloop/core';
import { createFakeClock } from '@patchloop/sandbox';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { createScheduler } from '../scheduler/scheduler.js';
import type {
  AutocodeAdminRoutesOptions,
  ImplementOutcome,
  RecheckOutcome,
} from './autocode-admin-routes.js';
import { autocodeAdminRoutes } from './autocode-admin-routes.js';

const T0 = Date.UTC(2026, 2, 1, 12);

interface SetupOptions {
  readonly adminToken?: string;
  readonly implementIssue?: AutocodeAdminRoutesOptions['implementIssue'];
  readonly recheckPullRequest?: AutocodeAdminRoutesOptions['recheckPullRequest'];
}

async function setup(options: SetupOptions = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'patchloop-'));
  const clock = createFakeClock(T0);
  const db = openDatabase({ path: join(dir, 'state.db'), migrations: [loadCoreMigrations()], clock });
  const queue = createTaskQueue({ db, clock });
  const events = createEventLogRepository({ db, clock });
  const scheduler = createScheduler({ clock, logger: createSilentLogger() });
  const app = buildBaseServer({ logger: createSilentLogger(), service: 'autocode', version: '0.1.0' });
  await app.register(autocodeAdminRoutes, {
    admin: { adminToken: options.adminToken },
    queue,
    scheduler,
    implementIssue: options.implementIssue ?? (async () => ({ ok: false, status: 409, message: 'unused' })),
    recheckPullRequest:
      options.recheckPullRequest ?? (async () => ({ ok: false, status: 409, message: 'unused' })),
    events,
  });
  onTestFinished(async () => {
    await scheduler.stop();
    await app.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { app, queue, events, scheduler };
}

function issueTask(queue: ReturnType<typeof createTaskQueue>, issueNumber: number): Task {
  return queue.enqueue({
    type: 'issue_execution',
    dedupeKey: `issue-task:${issueNumber}:manual`,
    targetKey: `issue:${issueNumber}`,
    payload: { command: 'implement', explicit_command: true },
    priority: 'urgent',
    source: 'api',
  }).task;
}

describe('POST /scheduler/tasks/:name/retry', () => {
  it('revives a dead-lettered cycle, records the recovery, and the next tick runs it', async () => {
    const { app, scheduler, events } = await setup();
    let failures = 0;
    scheduler.register({
      name: 'polling-cycle',
      intervalMs: 60_000,
      priority: 'normal',
      maxRetries: 0,
      run: async () => {
        if (failures < 1) {
          failures += 1;
          throw new Error('boom');
        }
        return { fetched: 1 };
      },
    });
    await scheduler.tick();
    await scheduler.whenIdle();

    const response = await app.inject({ method: 'POST', url: '/scheduler/tasks/polling-cycle/retry' });
    await scheduler.tick();
    await scheduler.whenIdle();

    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      status: 'ok',
      task: { name: 'polling-cycle', status: 'queued', consecutive_failures: 0, last_error: null },
    });
    expect(events.list({ limit: 1 })[0]).toMatchObject({
      category: 'scheduler_recovery',
      data: { task_name: 'polling-cycle', previous_status: 'dead_letter' },
    });
    expect(scheduler.get('polling-cycle')).toMatchObject({ status: 'succeeded', run_count: 2 });
  });

  it('answers 404 for an unknown cycle and 409 for a running one', async () => {
    const { app, scheduler } = await setup();
    let finish: () => void = () => undefined;
    scheduler.register({
      name: 'issue-task-cycle',
      intervalMs: 60_000,
      priority: 'urgent',
      run: () => new Promise<void>((resolve) => (finish = resolve)),
    });
    await scheduler.tick();

    const unknown = await app.inject({ method: 'POST', url: '/scheduler/tasks/nope/retry' });
    const busy = await app.inject({ method: 'POST', url: '/scheduler/tasks/issue-task-cycle/retry' });
    finish();

    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual({ detail: 'Unknown scheduler task: nope' });
    expect(busy.statusCode).toBe(409);
  });
});

describe('POST /issues/:n/implement', () => {
  it('answers with created, resumed and the queued issue task', async () => {
    const implementIssue = vi.fn<(n: number) => Promise<ImplementOutcome>>();
    const { app, queue, events } = await setup({ implementIssue });
    const task = issueTask(queue, 21);
    implementIssue.mockResolvedValue({ ok: true, created: true, resumed: true, task });

    const response = await app.inject({ method: 'POST', url: '/issues/21/implement' });

    expect(implementIssue).toHaveBeenCalledWith(21);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      status: 'ok',
      created: true,
      resumed: true,
      task: { task_id: task.id, command: 'implement', target_number: 21, queue: 'issue', priority: 'urgent' },
    });
    expect(events.list({ limit: 1 })[0]).toMatchObject({
      category: 'issue_task_queue',
      data: { source: 'api' },
    });
  });

  it('passes a refusal through with its status as { detail }', async () => {
    const { app } = await setup({
      implementIssue: async (n) => ({ ok: false, status: 409, message: `Issue #${n} is not open` }),
    });

    const response = await app.inject({ method: 'POST', url: '/issues/21/implement' });

    expect(response.statusCode).toBe(409);
    expect(response.json()).toEqual({ detail: 'Issue #21 is not open' });
  });

  it.each(['0', '-4', 'abc', '2.5'])(
    'refuses issue number %s with 400 before doing anything',
    async (value) => {
      const implementIssue = vi.fn<(n: number) => Promise<ImplementOutcome>>();
      const { app } = await setup({ implementIssue });

      const response = await app.inject({ method: 'POST', url: `/issues/${value}/implement` });

      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual({ detail: 'Issue number must be a positive integer' });
      expect(implementIssue).not.toHaveBeenCalled();
    },
  );
});

describe('POST /pulls/:n/recheck', () => {
  it('answers with the planning summary and the queued repair task', async () => {
    const { app, queue } = await setup({
      recheckPullRequest: async (n) => ({
        ok: true,
        summary: 'queued 1 feedback item',
        task: queue.enqueue({
          type: 'pr_feedback_repair',
          dedupeKey: `pr:${n}:abc`,
          targetKey: `pr:${n}`,
          payload: { command: 'review_feedback' },
          priority: 'urgent',
          source: 'api',
        }).task,
      }),
    });

    const response = await app.inject({ method: 'POST', url: '/pulls/41/recheck' });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      status: 'ok',
      summary: 'queued 1 feedback item',
      task: { target_number: 41, command: 'review_feedback', source: 'api', priority: 'urgent' },
    });
  });

  it('answers task null when nothing needed repair, and passes refusals through', async () => {
    const recheckPullRequest = vi
      .fn<(n: number) => Promise<RecheckOutcome>>()
      .mockResolvedValueOnce({ ok: true, summary: 'approved', task: null })
      .mockResolvedValueOnce({ ok: false, status: 409, message: 'PR #41 is not open' });
    const { app } = await setup({ recheckPullRequest });

    const nothing = await app.inject({ method: 'POST', url: '/pulls/41/recheck' });
    const closed = await app.inject({ method: 'POST', url: '/pulls/41/recheck' });
    const zero = await app.inject({ method: 'POST', url: '/pulls/0/recheck' });

    expect(nothing.json()).toEqual({ status: 'ok', summary: 'approved', task: null });
    expect(closed.statusCode).toBe(409);
    expect(closed.json()).toEqual({ detail: 'PR #41 is not open' });
    expect(zero.statusCode).toBe(400);
    expect(recheckPullRequest).toHaveBeenCalledTimes(2);
  });
});

describe('autocodeAdminRoutes: admin guard', () => {
  it('requires ADMIN_TOKEN on every POST when it is set, but not on listings', async () => {
    const implementIssue = vi.fn<(n: number) => Promise<ImplementOutcome>>();
    const { app } = await setup({ adminToken: 's3cret', implementIssue });
    const posts = [
      '/tasks/retry',
      '/tasks/issue/1/retry',
      '/tasks/pr/1/retry',
      '/tasks/source/1/retry',
      '/scheduler/tasks/polling-cycle/retry',
      '/issues/1/implement',
      '/pulls/1/recheck',
    ];

    const refused = await Promise.all(posts.map((url) => app.inject({ method: 'POST', url })));
    const wrong = await app.inject({
      method: 'POST',
      url: '/tasks/retry',
      headers: { authorization: 'Bearer nope' },
    });
    const authorized = await app.inject({
      method: 'POST',
      url: '/tasks/retry',
      headers: { authorization: 'Bearer s3cret' },
    });
    const listing = await app.inject({ method: 'GET', url: '/tasks' });

    expect(refused.map((response) => response.statusCode)).toEqual(posts.map(() => 401));
    expect(wrong.statusCode).toBe(401);
    expect(authorized.statusCode).toBe(200);
    expect(listing.statusCode).toBe(200);
    expect(implementIssue).not.toHaveBeenCalled();
  });

  it('refuses non-loopback callers of every POST when no ADMIN_TOKEN is set', async () => {
    const { app, queue } = await setup();
    const task = issueTask(queue, 3);

    const remote = await app.inject({
      method: 'POST',
      url: `/tasks/issue/${task.id}/retry`,
      remoteAddress: '203.0.113.9',
    });
    const implement = await app.inject({
      method: 'POST',
      url: '/issues/3/implement',
      remoteAddress: '10.0.0.2',
    });
    const local = await app.inject({ method: 'POST', url: `/tasks/issue/${task.id}/retry` });

    expect([remote.statusCode, implement.statusCode]).toEqual([403, 403]);
    expect(local.statusCode).toBe(200);
  });
});
