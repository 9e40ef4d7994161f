import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AgentOutcome, AgentRequest, CodingAgent, Issue } from '@patchloop/core';
import { createSilentLogger, loadCoreMigrations, openDatabase } from '@patchloop/core';
import { createFakeClock } from '@patchloop/sandbox';
import { describe, expect, it, onTestFinished } from 'vitest';
import { loadAutocodeMigrations } from '../store/autocode-migrations.js';
import { createIssueRecordRepository } from '../store/issue-record-repository.js';
import { planIssue, planVersion } from './plan-issue.js';

const plannerAnswer = JSON.stringify({
  triage: {
    task_type: 'bug_fix',
    action: 'auto_fix',
    risk_level: 'low',
    reason: 'clear crash',
    confidence: 0.9,
  },
  plan: {
    goal: 'Stop the crash when saving an empty note',
    assumptions: ['notes may be empty'],
    acceptance_criteria: ['saving an empty note works'],
    risk_level: 'low',
    estimated_files: ['src/notes.ts'],
    suggested_tests: ['src/notes.test.ts'],
    needs_human_approval: false,
    blocked_reasons: [],
  },
});

const completed = (output: string): AgentOutcome => ({
  kind: 'completed',
  backend: 'fake',
  model: undefined,
  output,
  durationMs: 5,
});

// A scripted planner CLI: answers with the next outcome (the last one repeats) and records requests.
function createScriptedAgent(...outcomes: AgentOutcome[]) {
  const requests: AgentRequest[] = [];
  const agent: CodingAgent = {
    name: 'fake',
    run: async (request) => {
      requests.push(request);
      const outcome = outcomes[Math.min(requests.length, outcomes.length) - 1];
      if (outcome === undefined) throw new Error('The scripted agent has no outcome.');
      return outcome;
    },
  };
  return { agent, requests };
}

function setup(agent: CodingAgent) {
  const dir = mkdtempSync(join(tmpdir(), 'patchloop-'));
  const clock = createFakeClock(Date.UTC(2026, 0, 1, 10));
  const db = openDatabase({
    path: join(dir, 'autocode.db'),
    migrations: [loadCoreMigrations(), loadAutocodeMigrations()],
    clock,
  });
  onTestFinished(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const issues = createIssueRecordRepository({ db, clock });
  const deps = {
    agent,
    issues,
    repository: 'acme/widgets',
    cwd: '/srv/widgets',
    timeoutMs: 120_000,
    logger: createSilentLogger(),
  };
  const plan = (issue: Pick<Issue, 'number' | 'title' | 'body' | 'labels'>) =>
    planIssue(deps, { issue, discussion: [], trustedAuthor: true, signal: new AbortController().signal });
  return { issues, plan };
}

const issue = {
  number: 7,
  title: 'Crash when saving an empty note',
  body: 'Saving an empty note crashes the app.',
  labels: ['bug', 'Notes'],
};

describe('planIssue', () => {
  it('asks the planner read-only in the clone and stores the plan for this content', async () => {
    const { agent, requests } = createScriptedAgent(completed(plannerAnswer));
    const { plan, issues } = setup(agent);

    const result = await plan(issue);

    expect(result).toMatchObject({ kind: 'planned', cached: false, plan: { degraded: false } });
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ mode: 'plan', cwd: '/srv/widgets', timeoutMs: 120_000 });
    expect(issues.getPlan(7, planVersion(issue))?.plan.goal).toBe('Stop the crash when saving an empty note');
  });

  it('reuses the stored plan for the same content without calling the planner', async () => {
    const { agent, requests } = createScriptedAgent(completed(plannerAnswer));
    const { plan } = setup(agent);
    const first = await plan(issue);

    const second = await plan({ ...issue, labels: ['notes', 'BUG'] });

    expect(second).toEqual({
      kind: 'planned',
      plan: first.kind === 'planned' ? first.plan : undefined,
      cached: true,
    });
    expect(requests).toHaveLength(1);
  });

  it('plans again when the body changed', async () => {
    const { agent, requests } = createScriptedAgent(completed(plannerAnswer));
    const { plan } = setup(agent);
    await plan(issue);

    const result = await plan({
      ...issue,
      body: 'Saving an empty note crashes, and so does an empty title.',
    });

    expect(result).toMatchObject({ kind: 'planned', cached: false });
    expect(requests).toHaveLength(2);
  });

  it('reports a planner that did not complete as unavailable and stores nothing', async () => {
    const notInstalled: AgentOutcome = {
      kind: 'not_installed',
      backend: 'codex',
      model: undefined,
      command: 'codex',
      setting: 'CLI_CODEX_COMMAND',
    };
    const { agent } = createScriptedAgent(notInstalled);
    const { plan, issues } = setup(agent);

    const result = await plan(issue);

    expect(result).toEqual({ kind: 'agent_unavailable', outcome: notInstalled });
    expect(issues.getPlan(7, planVersion(issue))).toBeUndefined();
  });

  it('turns an unparseable answer into a degraded plan that is not stored, so the next run asks again', async () => {
    const { agent, requests } = createScriptedAgent(
      completed('I think this is a small bug, nothing else to say.'),
      completed(plannerAnswer),
    );
    const { plan, issues } = setup(agent);

    const degraded = await plan(issue);
    const stored = issues.getPlan(7, planVersion(issue));
    const retried = await plan(issue);

    expect(degraded).toMatchObject({ kind: 'planned', cached: false, plan: { degraded: true } });
    expect(stored).toBeUndefined();
    expect(retried).toMatchObject({ kind: 'planned', cached: false, plan: { degraded: false } });
    expect(requests).toHaveLength(2);
  });
});

describe('planVersion', () => {
  it('ignores the order and case of labels', () => {
    expect(planVersion({ ...issue, labels: ['Notes', 'bug'] })).toBe(
      planVersion({ ...issue, labels: ['BUG', 'notes'] }),
    );
  });

  it.each([
    { field: 'title', change: { title: 'Crash when saving a blank note' } },
    { field: 'body', change: { body: 'Saving crashes.' } },
    { field: 'labels', change: { labels: ['bug'] } },
  ])('changes when the $field changes', ({ change }) => {
    expect(planVersion({ ...issue, ...change })).not.toBe(planVersion(issue));
  });

  it('is a short hex digest', () => {
    expect(planVersion(issue)).toMatch(/^[0-9a-f]{16}$/);
  });
});
