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

describe('a reviewed pull request', () => {
  it('is reviewed again after a push once the head has been stable for the window, and not before', async () => {
    const scenario = await startReviewScenario({
      agent: reviewingAgent,
      env: { POLL_INTERVAL_SECONDS: '60', PR_HEAD_STABILIZE_SECONDS: '300' },
    });
    const first = scenario.bare.commit({
      branch: 'faster-widgets',
      message: 'Make widgets faster',
      files: { 'src/widget.ts': "export const widgetMode = 'fast';\n" },
    });
    const pull = scenario.github.model.addPullRequest({
      title: 'Faster widgets',
      head: 'faster-widgets',
      user: 'bob',
    });
    scenario.github.model.addCheckRun(first, { name: 'test', status: 'completed', conclusion: 'success' });
    await scenario.settle();

    const second = scenario.bare.commit({
      branch: 'faster-widgets',
      message: 'Address review',
      files: { 'src/widget.ts': "export const widgetMode = 'fastest';\n" },
    });
    scenario.github.model.addCheckRun(second, { name: 'test', status: 'completed', conclusion: 'success' });
    scenario.github.model.updatePullRequest(pull.number, { body: 'Pushed a fix.' });
    await scenario.settle();
    const beforeWindow = scenario.github.model.reviews(pull.number).length;
    await scenario.clock.advance(301_000);
    await scenario.settle();

    expect(beforeWindow).toBe(1);
    expect(scenario.github.model.reviews(pull.number)).toHaveLength(2);
    expect(scenario.github.model.reviews(pull.number)[1]?.commit_id).toBe(second);
  });
});

describe('a pull request whose checks failed', () => {
  it('is reviewed with the failing check among the facts given to the coding CLI', async () => {
    const scenario = await startReviewScenario({ agent: reviewingAgent });
    const head = scenario.bare.commit({
      branch: 'broken',
      message: 'Break the build',
      files: { 'src/widget.ts': 'export const widgetMode = ;\n' },
    });
    const pull = scenario.github.model.addPullRequest({
      title: 'Refactor widgets',
      head: 'broken',
      user: 'bob',
    });
    scenario.github.model.addCheckRun(head, { name: 'compile', status: 'completed', conclusion: 'failure' });

    await scenario.settle();

    expect(scenario.github.model.reviews(pull.number)).toHaveLength(1);
    expect(scenario.agentPrompts().at(-1)).toContain('compile');
    expect(scenario.agentPrompts().at(-1)).toMatch(/CI[^\n]*failure/i);
  });
});

describe('a pull request reviewed while its checks were still running', () => {
  it('gets one CI-failure follow-up when the checks then fail, found by polling alone', async () => {
    const scenario = await startReviewScenario({
      agent: reviewingAgent,
      env: { POLL_INTERVAL_SECONDS: '60' },
    });
    const head = scenario.bare.commit({
      branch: 'slow-ci',
      message: 'Change widgets',
      files: { 'src/widget.ts': "export const widgetMode = 'medium';\n" },
    });
    const pull = scenario.github.model.addPullRequest({
      title: 'Medium widgets',
      head: 'slow-ci',
      user: 'bob',
    });
    const run = scenario.github.model.addCheckRun(head, { name: 'integration', status: 'in_progress' });
    // A question from a person triggers the first review before CI is done.
    scenario.github.model.addIssueComment(pull.number, { body: 'Is medium really faster?', user: 'alice' });
    await scenario.settle();
    const reviewsWhilePending = scenario.github.model.reviews(pull.number).length;

    scenario.github.model.updateCheckRun(run.id, { status: 'completed', conclusion: 'failure' });
    await scenario.clock.advance(61_000);
    await scenario.settle();
    await scenario.clock.advance(61_000);
    await scenario.settle();

    expect(reviewsWhilePending).toBe(1);
    expect(scenario.github.model.reviews(pull.number)).toHaveLength(2);
    expect(scenario.agentPrompts().at(-1)).toContain('CI failed on the reviewed head');
  });
});
