import type { FakeAgentStep } from '@patchloop/sandbox';
import { describe, expect, it } from 'vitest';
import {
  goodFix,
  openPatchLoopPullRequest,
  planThenCode,
  speedExportRepair,
  startCodeScenario,
} from './code-harness.js';

describe('people win, and the repair loop stops', () => {
  it('pauses after a human push until a user with write permission comments /patchloop resume', async () => {
    const scenario = await startCodeScenario({ agent: planThenCode([goodFix, speedExportRepair]) });
    const { model } = scenario.github;
    const number = await openPatchLoopPullRequest(scenario);
    const branch = model.pullRequest(number).head.ref;
    scenario.bare.commit({ branch, files: { 'NOTES.md': 'Human notes.\n' }, message: 'Add notes by hand' });

    model.addReview(number, {
      user: 'maintainer',
      state: 'CHANGES_REQUESTED',
      body: 'Please export widgetSpeed too.',
    });
    await scenario.settle();
    const afterPause = scenario.bare.log(branch, 10).length;
    model.addIssueComment(number, { body: '/patchloop resume', user: 'visitor' });
    await scenario.settle();
    const afterReaderResume = scenario.bare.log(branch, 10).length;
    model.addIssueComment(number, { body: '/patchloop resume', user: 'maintainer' });
    await scenario.settle();

    const pauseComments = model
      .comments(number)
      .filter((comment) => comment.body.includes('paused automatic repair'));
    expect(pauseComments).toHaveLength(1);
    expect(afterReaderResume).toBe(afterPause);
    const log = scenario.bare.log(branch, 10);
    expect(log).toHaveLength(afterPause + 1);
    expect(log[1]?.subject).toBe('Add notes by hand');
    expect(log[0]?.subject).toMatch(new RegExp(`^fix\\(review-feedback-${number}\\): `));
    expect(scenario.bare.readFile(branch, 'NOTES.md')).toBe('Human notes.\n');
  });

  it('stops at the round cap for bot feedback and hands the PR back with one comment', async () => {
    const scenario = await startCodeScenario({
      agent: planThenCode([goodFix, speedExportRepair]),
      env: { EXECUTION_PR_MAX_REPAIR_ROUNDS: '1' },
    });
    const { model } = scenario.github;
    const number = await openPatchLoopPullRequest(scenario);
    const branch = model.pullRequest(number).head.ref;

    model.addReview(number, {
      user: 'github-actions[bot]',
      state: 'COMMENTED',
      body: 'Please export widgetSpeed too.',
    });
    await scenario.settle();
    const afterFirstRound = scenario.bare.log(branch, 10).length;
    model.addReview(number, {
      user: 'github-actions[bot]',
      state: 'COMMENTED',
      body: 'Please add a comment above widgetSpeed.',
    });
    await scenario.settle();
    await scenario.settle();

    expect(scenario.bare.log(branch, 10)).toHaveLength(afterFirstRound);
    const handBacks = model.comments(number).filter((comment) => comment.body.includes('/patchloop resume'));
    expect(handBacks).toHaveLength(1);
    expect(handBacks[0]?.body).toContain('repair rounds');
  });

  it('stops before a repair that would undo an earlier repair round', async () => {
    const addLines: readonly FakeAgentStep[] = [
      {
        kind: 'write',
        path: 'src/widget.js',
        content:
          "export const widgetMode = 'fast';\nexport const widgetSpeed = 10;\nexport const widgetSize = 3;\nexport const widgetColor = 'red';\n",
      },
      { kind: 'print', text: 'Added the constants.' },
    ];
    const removeLines: readonly FakeAgentStep[] = [
      { kind: 'write', path: 'src/widget.js', content: "export const widgetMode = 'fast';\n" },
      { kind: 'print', text: 'Removed the constants.' },
    ];
    const scenario = await startCodeScenario({ agent: planThenCode([goodFix, addLines, removeLines]) });
    const { model } = scenario.github;
    const number = await openPatchLoopPullRequest(scenario);
    const branch = model.pullRequest(number).head.ref;

    model.addReview(number, {
      user: 'maintainer',
      state: 'CHANGES_REQUESTED',
      body: 'Please add speed, size and color constants.',
    });
    await scenario.settle();
    const afterFirstRound = scenario.bare.log(branch, 10).length;
    model.addReview(number, {
      user: 'maintainer',
      state: 'CHANGES_REQUESTED',
      body: 'Hmm, please drop those constants again.',
    });
    await scenario.settle();

    expect(scenario.bare.log(branch, 10)).toHaveLength(afterFirstRound);
    const handBacks = model.comments(number).filter((comment) => comment.body.includes('/patchloop resume'));
    expect(handBacks).toHaveLength(1);
    expect(handBacks[0]?.body).toContain('undone');
  });
});
