import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EnqueueRequest, Task, TaskQueue } from '@patchloop/core';
import {
  buildBaseServer,
  createEventLogRepository,
  createSilentLogger,
  createTaskQueue,
  loadCoreMigrations,
  openDatabase,
} from '@patchloop/core';
import { createFakeClock } from '@patchloop/sandbox';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createScheduler } from '../scheduler/scheduler.js';
import { autocodeAdminRoutes } from './autocode-admin-routes.js';

const T0 = Date.UTC(2026, 2, 1, 12);
const WORKER = 'worker-1';
const types = { issue: 'issue_execution', pr: 'pr_feedback_repair', source: 'source_issue_create' } as const;
type Queue = keyof typeof types;

async function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'patchloop-'));
  const clock = createFakeClock(T0);
  const db = openDatabase({ path: join(dir, 'state.db'), migrations: [loadCoreMigrations()], clock });
  const queue = createTaskQueue({ db, clock });
  const events = createEventLogRepository({ db, clock });
  const app = buildBaseServer({ logger: createSilentLogger(), service: 'autocode', version: '0.1.0' });
  await app.register(autocodeAdminRoutes, {
    admin: { adminToken: undefined },
    queue,
    scheduler: createScheduler({ clock, logger: createSilentLogger() }),
    implementIssue: async () => ({ ok: false, status: 409, message: 'not under test' }),
    recheckPullRequest: async () => ({ ok: false, status: 409, message: 'not under test' }),
    events,
  });
  onTestFinished(async () => {
    await app.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { app, queue, events, clock };
}

function enqueue(queue: TaskQueue, name: Queue, target: string, request: Partial<EnqueueRequest> = {}): Task {
  return queue.enqueue({
    type: types[name],
    dedupeKey: `${target}@${queue.list().length}`,
    targetKey: target,
    payload: { command: name === 'pr' ? 'review_feedback' : 'issue_open' },
    maxAttempts: 1,
    ...request,
  }).task;
}

function claim(queue: TaskQueue, task: Task): void {
  expect(queue.claimNext({ workerId: WORKER, leaseMs: 600_000, types: [task.type] })?.id).toBe(task.id);
}

function inStatus(queue: TaskQueue, name: Queue, target: string, status: Task['status']): Task {
  const task = enqueue(queue, name, target, { maxAttempts: status === 'retry_waiting' ? 3 : 1 });
  if (status === 'queued') return task;
  claim(queue, task);
  if (status === 'done') queue.complete(task.id, WORKER, { summary: `finished ${target}` });
  if (status === 'retry_waiting' || status === 'dead_letter') {
    queue.fail(task.id, WORKER, { reason: `agent failed on ${target}` });
  }
  const current = queue.get(task.id);
  expect(current?.status).toBe(status);
  return current ?? task;
}

describe('GET /tasks', () => {
  it('summarizes the three queues and lists active and problem tasks across them', async () => {
    const { app, queue } = await setup();
    const issue = enqueue(queue, 'issue', 'issue:12', { priority: 'urgent' });
    const pr = inStatus(queue, 'pr', 'pr:5', 'dead_letter');
    const source = inStatus(queue, 'source', 'source:ab12', 'retry_waiting');

    const body = (await app.inject({ method: 'GET', url: '/tasks' })).json();

    expect(body.summary).toEqual({
      queues: 3,
      total: 3,
      queued: 1,
      running: 0,
      retry_waiting: 1,
      dead_letter: 1,
      dead_letter_action_required: 1,
      dead_letter_superseded: 0,
      problem: 2,
    });
    expect(body.active_tasks.map((task: { task_id: number }) => task.task_id)).toEqual([issue.id, source.id]);
    expect(
      body.problem_tasks.map((task: { queue: string; status: string }) => [task.queue, task.status]),
    ).toEqual([
      ['source', 'retry_waiting'],
      ['pr', 'dead_letter'],
    ]);
    expect(body.problem_tasks[1]).toMatchObject({ task_id: pr.id, target_number: 5, action_required: true });
    expect(body.queues.issue).toMatchObject({ total: 1, queued: 1, problem: 0 });
  });

  it('counts a dead letter superseded by a later success as no problem', async () => {
    const { app, queue, clock } = await setup();
    const dead = inStatus(queue, 'issue', 'issue:71', 'dead_letter');
    await clock.advance(60_000);
    const done = inStatus(queue, 'issue', 'issue:71', 'done');

    const body = (await app.inject({ method: 'GET', url: '/tasks' })).json();

    expect(body.queues.issue).toMatchObject({
      dead_letter: 1,
      dead_letter_action_required: 0,
      dead_letter_superseded: 1,
      problem: 0,
    });
    expect(body.problem_tasks).toEqual([]);
    expect(
      body.queues.issue.tasks.find((task: { task_id: number }) => task.task_id === dead.id),
    ).toMatchObject({
      superseded: true,
      superseded_by_task_id: done.id,
      superseded_by_result_summary: 'finished issue:71',
    });
  });

  it('truncates the task lists to the limit and refuses a limit out of range', async () => {
    const { app, queue } = await setup();
    enqueue(queue, 'issue', 'issue:1');
    enqueue(queue, 'issue', 'issue:2');

    const limited = (await app.inject({ method: 'GET', url: '/tasks?limit=1' })).json();
    const refused = await app.inject({ method: 'GET', url: '/tasks?limit=0' });

    expect(limited.active_tasks).toHaveLength(1);
    expect(limited.summary.queued).toBe(2);
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toEqual({ detail: 'Task limit must be between 1 and 200' });
  });
});

describe('GET /tasks/dead-letter', () => {
  it('lists dead letters of the selected queues in canonical order', async () => {
    const { app, queue } = await setup();
    inStatus(queue, 'pr', 'pr:5', 'dead_letter');
    inStatus(queue, 'issue', 'issue:12', 'dead_letter');
    inStatus(queue, 'source', 'source:ab12', 'retry_waiting');
    inStatus(queue, 'source', 'source:cd34', 'dead_letter');

    const body = (
      await app.inject({ method: 'GET', url: '/tasks/dead-letter?queue=pr,issue&limit=10' })
    ).json();

    expect(body).toMatchObject({
      status: 'ok',
      filters: { queue: ['issue', 'pr'], status: ['dead_letter'], limit: 10, include_superseded: true },
      count: 2,
      action_required_count: 2,
      superseded_count: 0,
    });
    expect(body.tasks.map((task: { queue: string }) => task.queue).sort()).toEqual(['issue', 'pr']);
  });

  it('shows superseded dead letters unless include_superseded is false', async () => {
    const { app, queue, clock } = await setup();
    const dead = inStatus(queue, 'issue', 'issue:71', 'dead_letter');
    await clock.advance(60_000);
    const done = inStatus(queue, 'issue', 'issue:71', 'done');

    const all = (await app.inject({ method: 'GET', url: '/tasks/dead-letter?queue=issue' })).json();
    const open = (
      await app.inject({ method: 'GET', url: '/tasks/dead-letter?include_superseded=false' })
    ).json();

    expect(all).toMatchObject({ count: 1, superseded_count: 1, action_required_count: 0 });
    expect(all.tasks[0]).toMatchObject({
      task_id: dead.id,
      superseded: true,
      superseded_by_task_id: done.id,
    });
    expect(open).toMatchObject({ count: 0, tasks: [], filters: { include_superseded: false } });
  });

  it('refuses an unknown queue and a limit out of range', async () => {
    const { app } = await setup();

    const unknown = await app.inject({ method: 'GET', url: '/tasks/dead-letter?queue=foo' });
    const tooMany = await app.inject({ method: 'GET', url: '/tasks/dead-letter?limit=201' });

    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toEqual({ detail: 'Unsupported task queue filter: foo' });
    expect(tooMany.statusCode).toBe(400);
  });
});

describe('GET /tasks/:queue', () => {
  it('lists one queue filtered by status, without triage fields', async () => {
    const { app, queue } = await setup();
    inStatus(queue, 'issue', 'issue:1', 'done');
    const dead = inStatus(queue, 'issue', 'issue:2', 'dead_letter');
    inStatus(queue, 'pr', 'pr:3', 'dead_letter');

    const body = (await app.inject({ method: 'GET', url: '/tasks/issue?status=dead_letter' })).json();

    expect(body.status).toBe('ok');
    expect(body.tasks.map((task: { task_id: number }) => task.task_id)).toEqual([dead.id]);
    expect(body.tasks[0]).not.toHaveProperty('superseded');
  });

  it('refuses an unknown status', async () => {
    const { app } = await setup();

    const response = await app.inject({ method: 'GET', url: '/tasks/source?status=sleeping' });

    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ detail: 'Unsupported task status filter: sleeping' });
  });
});

describe('POST /tasks/retry', () => {
  it('requeues the matching tasks of the selected queues and records the batch', async () => {
    const { app, queue, events } = await setup();
    const issue = inStatus(queue, 'issue', 'issue:1', 'dead_letter');
    const pr = inStatus(queue, 'pr', 'pr:2', 'retry_waiting');
    const source = inStatus(queue, 'source', 'source:ab', 'dead_letter');

    const response = await app.inject({
      method: 'POST',
      url: '/tasks/retry?queue=issue,pr&status=dead_letter,retry_waiting&limit=10',
    });

    const body = response.json();
    expect(body).toMatchObject({
      status: 'ok',
      filters: { queue: ['issue', 'pr'], status: ['dead_letter', 'retry_waiting'], limit: 10 },
      matched: 2,
      skipped: [],
    });
    expect(body.retried.map((entry: { queue: string }) => entry.queue)).toEqual(['pr', 'issue']);
    expect([issue, pr, source].map((task) => queue.get(task.id)?.status)).toEqual([
      'queued',
      'queued',
      'dead_letter',
    ]);
    expect(events.list({ limit: 1 })[0]).toMatchObject({ category: 'task_operations' });
  });

  it('retries at most `limit` tasks but reports every match', async () => {
    const { app, queue } = await setup();
    inStatus(queue, 'issue', 'issue:1', 'dead_letter');
    inStatus(queue, 'issue', 'issue:2', 'dead_letter');

    const body = (await app.inject({ method: 'POST', url: '/tasks/retry?limit=1' })).json();

    expect(body).toMatchObject({ matched: 2, filters: { status: ['dead_letter', 'retry_waiting'] } });
    expect(body.retried).toHaveLength(1);
  });

  it('refuses statuses other than retry_waiting and dead_letter', async () => {
    const { app } = await setup();

    const response = await app.inject({ method: 'POST', url: '/tasks/retry?status=queued' });

    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ detail: 'Unsupported task status filter: queued' });
  });
});

describe('POST /tasks/:queue/:id/retry', () => {
  it.each(['issue', 'pr', 'source'] as const)('requeues a dead-lettered %s task', async (name) => {
    const { app, queue, events } = await setup();
    const task = inStatus(queue, name, name === 'source' ? 'source:ab' : `${name}:7`, 'dead_letter');

    const response = await app.inject({ method: 'POST', url: `/tasks/${name}/${task.id}/retry` });

    expect(response.statusCode).toBe(200);
    expect(response.json().task).toMatchObject({
      task_id: task.id,
      status: 'queued',
      attempt_count: 0,
      queue: name,
    });
    expect(events.list({ limit: 1 })[0]).toMatchObject({
      category: `${name}_task_queue_recovery`,
      data: { task_id: task.id, previous_status: 'dead_letter', source: 'api' },
    });
  });

  it('answers 404 for an id that belongs to another queue or to no task', async () => {
    const { app, queue } = await setup();
    const pr = inStatus(queue, 'pr', 'pr:5', 'dead_letter');

    const otherQueue = await app.inject({ method: 'POST', url: `/tasks/issue/${pr.id}/retry` });
    const missing = await app.inject({ method: 'POST', url: '/tasks/pr/999/retry' });

    expect(otherQueue.statusCode).toBe(404);
    expect(otherQueue.json()).toEqual({ detail: `Unknown issue task: ${pr.id}` });
    expect(missing.json()).toEqual({ detail: 'Unknown PR task: 999' });
    expect(queue.get(pr.id)?.status).toBe('dead_letter');
  });

  it('answers 409 for a running or done task and leaves it as it was', async () => {
    const { app, queue } = await setup();
    const running = inStatus(queue, 'issue', 'issue:1', 'running');
    const done = inStatus(queue, 'issue', 'issue:2', 'done');

    const busy = await app.inject({ method: 'POST', url: `/tasks/issue/${running.id}/retry` });
    const finished = await app.inject({ method: 'POST', url: `/tasks/issue/${done.id}/retry` });

    expect([busy.statusCode, finished.statusCode]).toEqual([409, 409]);
    expect([queue.get(running.id)?.status, queue.get(done.id)?.status]).toEqual(['running', 'done']);
  });

  it('answers 400 for an id that is not a positive integer', async () => {
    const { app } = await setup();

    const response = await app.inject({ method: 'POST', url: '/tasks/issue/abc/retry' });

    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ detail: 'Task id must be a positive integer' });
  });
});
