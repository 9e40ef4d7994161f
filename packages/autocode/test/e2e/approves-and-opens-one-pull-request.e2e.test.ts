import { describe, expect, it } from 'vitest';
import { startCodeScenario } from './code-harness.js';

describe('from an approved issue to a validated pull request', () => {
  it('waits in manual mode, then an approving comment from a writer opens one PR on its own branch', async () => {
    const scenario = await startCodeScenario();
    const { model } = scenario.github;
    const issue = model.addIssue({
      title: 'Widgets are slow by default',
      body: 'They should be fast.',
      user: 'visitor',
    });

    await scenario.settle();
    const beforeApproval = scenario.agentCalls();
    model.addIssueComment(issue.number, { body: 'Please implement this.', user: 'maintainer' });
    await scenario.settle();

    expect(beforeApproval).toBe(0);
    const pulls = model.listPullRequests();
    expect(pulls).toHaveLength(1);
    const pull = pulls[0];
    expect(pull?.head.ref).toBe(`autocode/issue-${issue.number}-widgets-are-slow-by-default`);
    expect(pull?.base.ref).toBe('main');
    expect(pull?.title).toBe(`fix: Widgets are slow by default (#${issue.number})`);
    expect(pull?.body).toContain(`Closes #${issue.number}`);
    expect(pull?.body).toContain('## Policy Report');
    const branch = pull?.head.ref ?? '';
    const log = scenario.bare.log(branch, 2);
    expect(log[0]?.subject).toBe(`fix(issue-${issue.number}): widgets-are-slow-by-default`);
    expect(log[1]?.sha).toBe(scenario.bare.readBranch('main'));
    expect(scenario.bare.readFile(branch, 'src/widget.js')).toBe("export const widgetMode = 'fast';\n");
    expect(scenario.bare.readFile('main', 'src/widget.js')).toBe("export const widgetMode = 'slow';\n");
    const [run] = scenario.tasksOf('issue_execution');
    expect(run?.status).toBe('done');
    expect(run?.result).toMatchObject({
      summary: 'pr_opened',
      validation: 'test:PASS',
      prNumber: pull?.number,
    });
    scenario.github.assertNoViolations();
  });

  it("does not treat a reader's approving comment as an approval", async () => {
    const scenario = await startCodeScenario();
    const { model } = scenario.github;
    const issue = model.addIssue({
      title: 'Widgets are slow by default',
      body: 'Fast please.',
      user: 'visitor',
    });

    model.addIssueComment(issue.number, { body: 'Please implement this.', user: 'visitor' });
    await scenario.settle();

    expect(model.listPullRequests()).toHaveLength(0);
    expect(scenario.tasksOf('issue_execution')).toHaveLength(0);
    expect(scenario.agentCalls()).toBe(0);
    const [intake] = scenario.tasksOf('issue_comment_intake');
    expect(intake?.result).toMatchObject({ summary: 'not_approver' });
  });

  it('opens the PR through POST /issues/:n/implement and answers a repeated call with the same task', async () => {
    const scenario = await startCodeScenario();
    const { model } = scenario.github;
    const issue = model.addIssue({
      title: 'Widgets are slow by default',
      body: 'Fast please.',
      user: 'visitor',
    });

    const first = await scenario.post(`/issues/${issue.number}/implement`);
    const second = await scenario.post(`/issues/${issue.number}/implement`);
    await scenario.settle();
    const third = await scenario.post(`/issues/${issue.number}/implement`);
    await scenario.settle();

    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      status: 'ok',
      created: true,
      resumed: false,
      task: { command: 'implement' },
    });
    expect(second.body).toMatchObject({ created: false });
    expect((second.body as { task: { task_id: number } }).task.task_id).toBe(
      (first.body as { task: { task_id: number } }).task.task_id,
    );
    expect(third.status).toBe(200);
    expect(model.listPullRequests()).toHaveLength(1);
    expect(scenario.bare.listBranches().filter((branch) => branch.startsWith('autocode/'))).toHaveLength(1);
  });
});
