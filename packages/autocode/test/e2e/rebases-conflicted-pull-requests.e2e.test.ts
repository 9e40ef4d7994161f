import type { FakeAgentStep } from '@patchloop/sandbox';
import { describe, expect, it } from 'vitest';
import { startCodeScenario } from './code-harness.js';

const branch = 'autocode/issue-9-fast-widgets';
const resolveConflict: readonly FakeAgentStep[] = [
  {
    kind: 'write',
    path: 'src/widget.js',
    content: "export const widgetMode = 'fast';\nexport const widgetSize = 2;\n",
  },
  { kind: 'print', text: 'Kept fast from the PR and widgetSize from main.' },
];

/** A PatchLoop PR whose base then moved in a conflicting way. */
async function conflictedPullRequest(
  env: Record<string, string>,
  agent: ReadonlyArray<readonly FakeAgentStep[]> = [resolveConflict],
) {
  const scenario = await startCodeScenario({ agent, env });
  const { model } = scenario.github;
  scenario.bare.commit({
    branch,
    from: 'main',
    files: { 'src/widget.js': "export const widgetMode = 'fast';\n" },
    message: 'fix(issue-9): fast-widgets',
  });
  const pull = model.addPullRequest({
    title: 'fix: Fast widgets (#9)',
    head: branch,
    base: 'main',
    user: 'patchloop-bot',
  });
  await scenario.settle();
  scenario.bare.commit({
    branch: 'main',
    files: { 'src/widget.js': "export const widgetMode = 'slow';\nexport const widgetSize = 2;\n" },
    message: 'Add widget size',
  });
  // Like GitHub, the sandbox computes mergeability in the background: the first read says unknown.
  await scenario.daemon.scanPullRequestsOnce();
  return { scenario, number: pull.number, headBefore: scenario.bare.readBranch(branch) };
}

describe('a PatchLoop pull request whose base moved and now conflicts', () => {
  it('is rebased onto its own base, re-validated and pushed with a lease', async () => {
    const { scenario, headBefore } = await conflictedPullRequest({});

    await scenario.settle();

    const log = scenario.bare.log(branch, 3);
    expect(scenario.bare.readBranch(branch)).not.toBe(headBefore);
    expect(log[0]?.subject).toBe('fix(issue-9): fast-widgets');
    expect(log[1]?.sha).toBe(scenario.bare.readBranch('main'));
    expect(scenario.bare.readFile(branch, 'src/widget.js')).toBe(
      "export const widgetMode = 'fast';\nexport const widgetSize = 2;\n",
    );
    const [rebase] = scenario.tasksOf('pr_feedback_repair');
    expect(rebase?.result).toMatchObject({ summary: 'rebased' });
    expect(scenario.agentPrompts()[0]).toContain('src/widget.js');
  });

  it('pushes nothing under DRY_RUN', async () => {
    const { scenario, headBefore } = await conflictedPullRequest({ DRY_RUN: 'true' });

    await scenario.settle();

    expect(scenario.bare.readBranch(branch)).toBe(headBefore);
    const [rebase] = scenario.tasksOf('pr_feedback_repair');
    expect(rebase?.result).toMatchObject({ summary: 'dry_run', dryRun: true });
    expect(scenario.github.writes()).toEqual([]);
  });

  it('records a rebase it could not resolve and does not try again until the branch or base moves', async () => {
    const unresolved: readonly FakeAgentStep[] = [{ kind: 'print', text: 'I could not decide.' }];
    const { scenario, headBefore } = await conflictedPullRequest({}, [unresolved]);

    await scenario.settle();
    await scenario.daemon.scanPullRequestsOnce();
    await scenario.settle();

    expect(scenario.bare.readBranch(branch)).toBe(headBefore);
    const rebases = scenario.tasksOf('pr_feedback_repair');
    expect(rebases).toHaveLength(1);
    expect(rebases[0]?.result).toMatchObject({ summary: 'rebase_failed' });
    expect(scenario.agentCalls()).toBe(1);
  });
});
