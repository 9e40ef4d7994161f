import { describe, expect, it } from 'vitest';
import { answeringAgent, startReviewScenario } from './review-harness.js';

describe('DRY_RUN=true', () => {
  it('sends no write to GitHub, shows the would-be comment in /tasks, and live mode answers it later', async () => {
    // Two full answers: one in dry run, one after switching to live mode.
    const scenario = await startReviewScenario({
      env: { DRY_RUN: 'true' },
      agent: [...answeringAgent, ...answeringAgent],
    });
    const issue = scenario.github.model.addIssue({
      title: 'How do I make widgets faster?',
      body: 'Is there a setting?',
    });

    await scenario.settle();
    const writesInDryRun = scenario.github.writes();
    const tasks = (await (await fetch(`${scenario.daemon.url}/tasks`)).json()) as {
      tasks: { result: { outcome?: string; wouldPost?: { body: string } } | null }[];
    };
    await scenario.restart({ DRY_RUN: 'false' });
    scenario.github.model.addIssueComment(issue.number, { body: 'Any news?', user: 'alice' });
    await scenario.settle();

    expect(writesInDryRun).toEqual([]);
    const dryRun = tasks.tasks.find((task) => task.result?.outcome === 'dry_run');
    expect(dryRun?.result?.wouldPost?.body).toContain('WIDGET_MODE=fast');
    expect(
      scenario.github.model.comments(issue.number).filter((c) => c.user.login === 'patchloop-bot'),
    ).toHaveLength(1);
  });
});
