import { describe, expect, it } from 'vitest';
import { reviewingAgent, startReviewScenario } from './review-harness.js';

const reviewMarker = /<!-- openreview:idempotency:pr-review:[0-9a-f]{20} -->/;

async function pullRequestScenario(options: { draft?: boolean } = {}) {
  const scenario = await startReviewScenario({ agent: reviewingAgent, env: { POLL_INTERVAL_SECONDS: '60' } });
  const head = scenario.bare.commit({
    branch: 'faster-widgets',
    message: 'Make widgets faster',
    files: { 'src/widget.ts': "export const widgetMode = process.env.WIDGET_MODE ?? 'fast';\n" },
  });
  const pull = scenario.github.model.addPullRequest({
    title: 'Make widgets faster',
    body: 'Switches the default widget mode to fast.',
    head: 'faster-widgets',
    base: 'main',
    user: 'bob',
    ...(options.draft === undefined ? {} : { draft: options.draft }),
  });
  return { scenario, head, pull };
}

describe('a pull request', () => {
  it('gets exactly one review with event COMMENT once its checks succeed', async () => {
    const { scenario, head, pull } = await pullRequestScenario();
    scenario.github.model.addCheckRun(head, { name: 'test', status: 'completed', conclusion: 'success' });

    await scenario.settle();
    await scenario.settle();

    const reviews = scenario.github.model.reviews(pull.number);
    expect(reviews).toHaveLength(1);
    expect(reviews[0]?.state).toBe('COMMENTED');
    expect(reviews[0]?.body).toMatch(reviewMarker);
    expect(reviews[0]?.body).toContain('Ready to merge');
    scenario.github.assertNoViolations();
  });

  it('gets no review while it is a draft', async () => {
    const { scenario, head, pull } = await pullRequestScenario({ draft: true });
    scenario.github.model.addCheckRun(head, { name: 'test', status: 'completed', conclusion: 'success' });

    await scenario.settle();

    expect(scenario.github.model.reviews(pull.number)).toEqual([]);
    expect(scenario.agentCalls()).toBe(0);
  });

  it('waits while checks are pending and reviews once they complete', async () => {
    const { scenario, head, pull } = await pullRequestScenario();
    const run = scenario.github.model.addCheckRun(head, { name: 'test', status: 'in_progress' });

    await scenario.settle();
    const whilePending = scenario.github.model.reviews(pull.number).length;
    scenario.github.model.updateCheckRun(run.id, { status: 'completed', conclusion: 'success' });
    await scenario.clock.advance(61_000);
    await scenario.settle();

    expect(whilePending).toBe(0);
    expect(scenario.github.model.reviews(pull.number)).toHaveLength(1);
  });
});
