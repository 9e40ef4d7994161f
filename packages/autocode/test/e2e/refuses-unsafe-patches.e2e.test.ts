import type { FakeAgentStep } from '@patchloop/sandbox';
import { describe, expect, it } from 'vitest';
import { goodFix, planThenCode, startCodeScenario } from './code-harness.js';

/** Runs an approved issue whose coding CLI always does `edit`, and returns the scenario. */
async function runApprovedIssue(edit: readonly FakeAgentStep[], env: Record<string, string> = {}) {
  const scenario = await startCodeScenario({ agent: planThenCode([edit]), env });
  const issue = scenario.github.model.addIssue({
    title: 'Widgets are slow by default',
    body: 'Fast please.',
  });
  const approval = await scenario.post(`/issues/${issue.number}/implement`);
  expect(approval.status).toBe(200);
  await scenario.settle();
  return scenario;
}

function expectNothingPublished(scenario: Awaited<ReturnType<typeof runApprovedIssue>>) {
  expect(scenario.github.model.listPullRequests()).toHaveLength(0);
  expect(scenario.bare.listBranches()).toEqual(['main']);
  expect(scenario.github.writes()).toEqual([]);
}

describe('patch inspection before anything is pushed', () => {
  it.each([
    ['unstaged', [{ kind: 'write', path: '.github/workflows/x.yml', content: 'on: push\n' }]],
    [
      'staged by the agent',
      [
        { kind: 'write', path: '.github/workflows/x.yml', content: 'on: push\n' },
        { kind: 'stage', paths: ['.github/workflows/x.yml'] },
      ],
    ],
  ] as const)(
    'refuses a workflow file written by the agent (%s) and dead-letters the task',
    async (_label, extra) => {
      const scenario = await runApprovedIssue([...extra, ...goodFix]);

      expectNothingPublished(scenario);
      const [task] = scenario.tasksOf('issue_execution');
      expect(task?.status).toBe('dead_letter');
      expect(task?.permanentFailure).toBe(true);
      expect(task?.lastError).toContain('.github/workflows/x.yml');
      const listing = await scenario.get('/tasks');
      expect(JSON.stringify(listing.body)).toContain('.github/workflows/x.yml');
    },
  );

  it('refuses a patch that adds a private key', async () => {
    const key = [
      '-----BEGIN OPENSSH PRIVATE KEY-----',
      'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ',
      '-----END OPENSSH PRIVATE KEY-----',
      '',
    ].join('\n');
    const scenario = await runApprovedIssue([
      { kind: 'write', path: 'config/deploy_key', content: key },
      ...goodFix,
    ]);

    expectNothingPublished(scenario);
    const [task] = scenario.tasksOf('issue_execution');
    expect(task?.status).toBe('dead_letter');
    expect(task?.lastError).toMatch(/private key/i);
    expect(task?.lastError).not.toContain('b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ');
  });

  it('refuses a patch over the added-lines budget', async () => {
    const big = Array.from({ length: 30 }, (_, index) => `export const line${index} = ${index};`).join('\n');
    const scenario = await runApprovedIssue(
      [{ kind: 'write', path: 'src/big.js', content: `${big}\n` }, ...goodFix],
      {
        EXECUTION_MAX_ADDED_LINES: '10',
      },
    );

    expectNothingPublished(scenario);
    const [task] = scenario.tasksOf('issue_execution');
    expect(task?.status).toBe('dead_letter');
    expect(task?.lastError).toMatch(/added lines/i);
  });
});
