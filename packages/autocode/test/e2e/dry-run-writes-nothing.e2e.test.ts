import { describe, expect, it } from 'vitest';
import { startCodeScenario } from './code-harness.js';

describe('DRY_RUN=true', () => {
  it('runs the worktree, patch and validation for real but sends no write and pushes no branch', async () => {
    const scenario = await startCodeScenario({ env: { DRY_RUN: 'true' } });
    const { model } = scenario.github;
    const issue = model.addIssue({
      title: 'Widgets are slow by default',
      body: 'Fast please.',
      user: 'visitor',
    });
    model.addIssueComment(issue.number, { body: '/implement', user: 'maintainer' });

    await scenario.settle();

    expect(scenario.github.writes()).toEqual([]);
    expect(scenario.bare.listBranches()).toEqual(['main']);
    const listing = (await scenario.get('/tasks')).body as {
      queues: { issue: { tasks: Array<{ status: string; result_summary: string | null }> } };
    };
    expect(listing.queues.issue.tasks).toMatchObject([{ status: 'done', result_summary: 'dry_run' }]);
    const [task] = scenario.tasksOf('issue_execution');
    const result = task?.result as { title: string; diff: string; body: string; validation: string };
    expect(result.title).toBe(`fix: Widgets are slow by default (#${issue.number})`);
    expect(result.diff).toContain("+export const widgetMode = 'fast';");
    expect(result.body).toContain(`Closes #${issue.number}`);
    expect(result.validation).toBe('test:PASS');
  });
});
