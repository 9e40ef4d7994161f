import type { FakeAgentStep } from '@patchloop/sandbox';
import { describe, expect, it } from 'vitest';
import { goodFix, planThenCode, startCodeScenario } from './code-harness.js';

const wrongFix: readonly FakeAgentStep[] = [
  { kind: 'write', path: 'src/widget.js', content: "export const widgetMode = 'medium';\n" },
  { kind: 'write', path: 'test/widget.test.js', content: '// placeholder\n' },
  { kind: 'print', text: 'Changed the default.' },
];

describe('validation in the worktree', () => {
  it('feeds a failing validation back into the next attempt, which then passes', async () => {
    const scenario = await startCodeScenario({ agent: planThenCode([wrongFix, goodFix]) });
    const issue = scenario.github.model.addIssue({
      title: 'Widgets are slow by default',
      body: 'Fast please.',
    });

    await scenario.post(`/issues/${issue.number}/implement`);
    await scenario.settle();

    const prompts = scenario.agentPrompts();
    expect(prompts).toHaveLength(3);
    expect(prompts[2]).toContain('expected widgetMode to be fast, got medium');
    expect(scenario.github.model.listPullRequests()).toHaveLength(1);
    expect(scenario.tasksOf('issue_execution')[0]?.result).toMatchObject({
      summary: 'pr_opened',
      attempts: 2,
    });
  });

  it('fails the task with the validation output once the attempts are used up', async () => {
    const scenario = await startCodeScenario({
      agent: planThenCode([wrongFix]),
      env: { EXECUTION_ISSUE_REPAIR_MAX_ATTEMPTS: '1', EXECUTION_ISSUE_TASK_MAX_ATTEMPTS: '1' },
    });
    const issue = scenario.github.model.addIssue({
      title: 'Widgets are slow by default',
      body: 'Fast please.',
    });

    await scenario.post(`/issues/${issue.number}/implement`);
    await scenario.settle();

    expect(scenario.agentCalls()).toBe(3);
    const [task] = scenario.tasksOf('issue_execution');
    expect(task?.status).toBe('dead_letter');
    expect(task?.permanentFailure).toBe(false);
    expect(task?.lastError).toContain('test:FAIL node scripts/check.mjs');
    expect(task?.lastError).toContain('expected widgetMode to be fast, got medium');
    expect(scenario.github.model.listPullRequests()).toHaveLength(0);
    expect(scenario.bare.listBranches()).toEqual(['main']);
  });
});
