import { execFileSync } from 'node:child_process';
import { isolatedGitEnv } from '@patchloop/sandbox';
import { describe, expect, it } from 'vitest';
import { reviewingAgent, startReviewScenario } from './review-harness.js';

describe('a pull request whose head cannot be fetched', () => {
  it('gets one "review skipped" notice with its marker, no review, and no second notice on retry', async () => {
    const scenario = await startReviewScenario({ agent: reviewingAgent });
    const head = scenario.bare.commit({
      branch: 'feature',
      message: 'Feature',
      files: { 'src/widget.ts': "export const widgetMode = 'fast';\n" },
    });
    const pull = scenario.github.model.addPullRequest({ title: 'Feature', head: 'feature', user: 'bob' });
    scenario.github.model.addCheckRun(head, { name: 'test', status: 'completed', conclusion: 'success' });
    // The operator's clone lost its remote: the head commit cannot be fetched.
    execFileSync('git', ['-C', scenario.clone, 'remote', 'set-url', 'origin', '/nonexistent/origin.git'], {
      env: isolatedGitEnv(),
    });

    await scenario.settle();
    await scenario.clock.advance(60 * 60_000);
    await scenario.settle();

    const notices = scenario.github.model.comments(pull.number);
    expect(notices).toHaveLength(1);
    expect(notices[0]?.body).toMatch(/<!-- openreview:idempotency:pr-blocked:[0-9a-f]{20} -->/);
    expect(scenario.github.model.reviews(pull.number)).toEqual([]);
    expect(scenario.agentCalls()).toBe(0);
  });
});
