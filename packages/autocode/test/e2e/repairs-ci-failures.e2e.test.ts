import { describe, expect, it } from 'vitest';
import {
  goodFix,
  openPatchLoopPullRequest,
  planThenCode,
  speedExportRepair,
  startCodeScenario,
} from './code-harness.js';

const failingOutput = {
  title: '1 test failed',
  summary: 'widget speed: expected 10, got undefined',
  text: 'running 3 tests\nok widget mode\nFAIL widget speed\n  expected 10, got undefined\n',
};

describe('failing checks on a PatchLoop pull request', () => {
  it('become a repair commit whose prompt carries the check name, summary and log excerpt', async () => {
    const scenario = await startCodeScenario({ agent: planThenCode([goodFix, speedExportRepair]) });
    const { model } = scenario.github;
    const number = await openPatchLoopPullRequest(scenario);
    const pull = model.pullRequest(number);
    const before = scenario.bare.log(pull.head.ref, 5).length;

    model.addCheckRun(pull.head.sha, {
      name: 'unit-tests',
      status: 'completed',
      conclusion: 'failure',
      output: failingOutput,
    });
    await scenario.settle();

    const log = scenario.bare.log(pull.head.ref, 5);
    expect(log).toHaveLength(before + 1);
    expect(log[0]?.subject).toMatch(new RegExp(`^fix\\(review-feedback-${number}\\): `));
    const repairPrompt = scenario.agentPrompts()[2] ?? '';
    expect(repairPrompt).toContain('unit-tests');
    expect(repairPrompt).toContain('expected 10, got undefined');
    expect(model.comments(number)).toEqual([]);
  });

  it('are reported, not fixed, when the same check also fails on the base branch', async () => {
    const scenario = await startCodeScenario({ agent: planThenCode([goodFix, speedExportRepair]) });
    const { model } = scenario.github;
    const number = await openPatchLoopPullRequest(scenario);
    const pull = model.pullRequest(number);
    const before = scenario.bare.log(pull.head.ref, 5).length;
    const mainSha = scenario.bare.readBranch('main') ?? '';

    model.addCheckRun(pull.head.sha, {
      name: 'lint',
      status: 'completed',
      conclusion: 'failure',
      output: failingOutput,
    });
    model.addCheckRun(mainSha, {
      name: 'lint',
      status: 'completed',
      conclusion: 'failure',
      output: failingOutput,
    });
    await scenario.settle();
    await scenario.settle();

    expect(scenario.bare.log(pull.head.ref, 5)).toHaveLength(before);
    expect(scenario.tasksOf('pr_feedback_repair')).toEqual([]);
    const comments = model.comments(number);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain('lint');
    expect(comments[0]?.body).toContain('main');
  });
});
