import { describe, expect, it } from 'vitest';
import { bugFixPlan, startCodeScenario } from './code-harness.js';

describe('a coding CLI that misbehaves', () => {
  it('kills a hanging CLI at its timeout and retries the task with backoff', async () => {
    const scenario = await startCodeScenario({
      clock: 'system',
      agent: [[{ kind: 'printJson', value: bugFixPlan }], [{ kind: 'hang', child: true }]],
      env: { EXECUTOR_CLI_TIMEOUT: '1', EXECUTOR_MAX_IDLE_SECONDS: '1' },
    });
    const issue = scenario.github.model.addIssue({
      title: 'Widgets are slow by default',
      body: 'Fast please.',
    });

    const startedAt = Date.now();
    await scenario.post(`/issues/${issue.number}/implement`);
    await scenario.settle();

    const [task] = scenario.tasksOf('issue_execution');
    expect(task?.status).toBe('retry_waiting');
    expect(task?.attemptCount).toBe(1);
    expect(task?.lastError).toMatch(/agent_timed_out/);
    expect(task?.availableAt).toBeGreaterThanOrEqual(startedAt + 30_000);
    expect(Date.now() - startedAt).toBeLessThan(15_000);
    expect(scenario.github.model.listPullRequests()).toHaveLength(0);
  });

  it('names the setting to fix when the CLI binary is missing', async () => {
    const scenario = await startCodeScenario({
      env: { PRIMARY_CLI_COMMAND: '/nonexistent/patchloop-agent --flag' },
    });
    const issue = scenario.github.model.addIssue({
      title: 'Widgets are slow by default',
      body: 'Fast please.',
    });

    await scenario.post(`/issues/${issue.number}/implement`);
    await scenario.settle();

    const [task] = scenario.tasksOf('issue_execution');
    expect(task?.status).toBe('dead_letter');
    expect(task?.permanentFailure).toBe(true);
    expect(task?.lastError).toContain('PRIMARY_CLI_COMMAND');
    expect(task?.lastError).toContain('/nonexistent/patchloop-agent');
  });
});
