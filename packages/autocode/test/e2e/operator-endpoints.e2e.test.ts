import { describe, expect, it } from 'vitest';
import { startCodeScenario } from './code-harness.js';

const emptyQueue = {
  total: 0,
  queued: 0,
  running: 0,
  retry_waiting: 0,
  dead_letter: 0,
  dead_letter_action_required: 0,
  dead_letter_superseded: 0,
  problem: 0,
  tasks: [],
};

/** A scenario whose coding CLI is missing, so an approved issue ends in dead letter. */
async function withDeadLetter(env: Record<string, string> = {}) {
  const scenario = await startCodeScenario({ env: { PRIMARY_CLI_COMMAND: '/nonexistent/agent', ...env } });
  const issue = scenario.github.model.addIssue({ title: 'Widgets are slow', body: 'Fast please.' });
  return { scenario, issue };
}

describe('the operator endpoints of patchloop code', () => {
  it('serves /health, /observability and /metrics with the spec fields', async () => {
    const scenario = await startCodeScenario();

    const health = await scenario.get('/health');
    const observability = await scenario.get('/observability');
    const metrics = await fetch(`${scenario.daemon.url}/metrics`);

    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({
      status: 'ok',
      repo: 'acme/widgets',
      execution_mode: 'manual',
      execution_pr_base_branch: 'main',
      webhook_enabled: false,
      issue_task_queue: emptyQueue,
      pr_task_queue: emptyQueue,
      source_task_queue: emptyQueue,
      scheduler: { registered: 3 },
    });
    expect(observability.status).toBe(200);
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    expect(await metrics.text()).toContain('# TYPE');
  });

  it('lists, triages and retries dead letters per queue and across queues', async () => {
    const { scenario, issue } = await withDeadLetter();
    await scenario.post(`/issues/${issue.number}/implement`);
    await scenario.settle();

    const tasks = (await scenario.get('/tasks')).body as Record<string, unknown>;
    const deadLetters = await scenario.get('/tasks/dead-letter?queue=issue');
    const badQueue = await scenario.get('/tasks/dead-letter?queue=foo');
    const perQueue = (await scenario.get('/tasks/issue?status=dead_letter')).body as {
      tasks: Array<{ task_id: number }>;
    };
    const id = perQueue.tasks[0]?.task_id ?? 0;
    const wrongQueue = await scenario.post(`/tasks/pr/${id}/retry`);
    const retried = await scenario.post(`/tasks/issue/${id}/retry`);
    const batch = await scenario.post('/tasks/retry?queue=issue&status=dead_letter,retry_waiting');

    expect(tasks).toMatchObject({
      status: 'ok',
      summary: { queues: 3, total: 1, dead_letter: 1, dead_letter_action_required: 1, problem: 1 },
      queues: { issue: { dead_letter: 1 }, pr: emptyQueue, source: emptyQueue },
      active_tasks: [],
      problem_tasks: [
        { queue: 'issue', status: 'dead_letter', target_number: issue.number, command: 'implement' },
      ],
    });
    expect(deadLetters.body).toMatchObject({
      status: 'ok',
      filters: { queue: ['issue'], status: ['dead_letter'], include_superseded: true },
      count: 1,
      action_required_count: 1,
      superseded_count: 0,
      tasks: [{ superseded: false, action_required: true }],
    });
    expect(badQueue.status).toBe(400);
    expect(badQueue.body).toHaveProperty('detail');
    expect(wrongQueue.status).toBe(404);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({
      status: 'ok',
      task: { task_id: id, status: 'queued', attempt_count: 0 },
    });
    expect(batch.body).toMatchObject({ status: 'ok', matched: 0, retried: [] });
  });

  it('refuses to implement pull requests, closed issues and bad numbers, and rechecks only open PRs', async () => {
    const scenario = await startCodeScenario();
    const { model } = scenario.github;
    const closed = model.addIssue({ title: 'Old', body: 'Done.', state: 'closed' });
    scenario.bare.commit({ branch: 'feature', files: { 'NOTES.md': 'notes\n' }, message: 'Add notes' });
    const pull = model.addPullRequest({
      title: 'Manual change',
      head: 'feature',
      base: 'main',
      user: 'maintainer',
    });

    const onPull = await scenario.post(`/issues/${pull.number}/implement`);
    const onClosed = await scenario.post(`/issues/${closed.number}/implement`);
    const onZero = await scenario.post('/issues/0/implement');
    const missing = await scenario.post('/issues/999/implement');
    const recheck = await scenario.post(`/pulls/${pull.number}/recheck`);
    model.updatePullRequest(pull.number, { state: 'closed' });
    const recheckClosed = await scenario.post(`/pulls/${pull.number}/recheck`);

    expect([onPull.status, onClosed.status, onZero.status, missing.status]).toEqual([400, 409, 400, 404]);
    expect(onPull.body).toEqual({ detail: `#${pull.number} is a pull request, not an issue` });
    expect(recheck.status).toBe(200);
    expect(recheck.body).toMatchObject({ status: 'ok', task: null });
    expect(recheckClosed.status).toBe(409);
  });

  it('retries a scheduler cycle, exports and restores the state, and filters events', async () => {
    const { scenario, issue } = await withDeadLetter();
    await scenario.post(`/issues/${issue.number}/implement`);
    await scenario.settle();

    const cycle = await scenario.post('/scheduler/tasks/polling-cycle/retry');
    const unknownCycle = await scenario.post('/scheduler/tasks/nope/retry');
    const snapshot = (await scenario.get('/state/snapshot')).body as { snapshot: Record<string, unknown> };
    const restore = await fetch(`${scenario.daemon.url}/state/restore`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ confirm_restore: true, snapshot: snapshot.snapshot }),
    });
    const events = (await scenario.get('/logs/events?category=issue_task_queue&level=error')).body as {
      events: Array<{ category: string; level: string; message: string }>;
    };
    const badLevel = await scenario.get('/logs/events?level=fatal');

    expect(cycle.body).toMatchObject({ status: 'ok', task: { name: 'polling-cycle', status: 'queued' } });
    expect(unknownCycle.status).toBe(404);
    expect(Object.keys(snapshot.snapshot)).toContain('tables');
    expect(restore.status).toBe(200);
    expect(events.events.length).toBeGreaterThan(0);
    expect(
      events.events.every((event) => event.category === 'issue_task_queue' && event.level === 'error'),
    ).toBe(true);
    expect(badLevel.status).toBe(400);
  });

  it('answers 401 to admin requests without the token when ADMIN_TOKEN is set', async () => {
    const scenario = await startCodeScenario({ env: { ADMIN_TOKEN: 'admin-secret-0123456789' } });
    const issue = scenario.github.model.addIssue({ title: 'Widgets are slow', body: 'Fast please.' });

    const without = await scenario.post(`/issues/${issue.number}/implement`);
    const wrong = await scenario.post(`/issues/${issue.number}/implement`, { authorization: 'Bearer nope' });
    const snapshot = await scenario.get('/state/snapshot');
    const withToken = await scenario.post(`/issues/${issue.number}/implement`, {
      authorization: 'Bearer admin-secret-0123456789',
    });
    const listing = await scenario.get('/tasks');

    expect([without.status, wrong.status, snapshot.status]).toEqual([401, 401, 401]);
    expect(withToken.status).toBe(200);
    expect(listing.status).toBe(200);
  });
});
