import { describe, expect, it } from 'vitest';
import { openPatchLoopPullRequest, startCodeScenario } from './code-harness.js';

describe('the GitHub request budget of one approved issue', () => {
  it('turns an issue approved through the API into a pull request with at most 5 requests', async () => {
    const scenario = await startCodeScenario();
    const issue = scenario.github.model.addIssue({
      title: 'Widgets are slow by default',
      body: 'Fast please.',
      user: 'visitor',
    });
    // The token's own login is looked up once at startup, not per issue.
    await expect.poll(() => scenario.github.requests.some((request) => request.path === '/user')).toBe(true);
    const before = scenario.github.requests.length;

    await scenario.post(`/issues/${issue.number}/implement`);
    for (;;) {
      const iteration = await scenario.daemon.workOnce();
      if (iteration.kind === 'idle') break;
    }

    const spent = scenario.github.requests
      .slice(before)
      .map((request) => `${request.method} ${request.path}`);
    expect(scenario.github.model.listPullRequests()).toHaveLength(1);
    expect(spent.length, spent.join('\n')).toBeLessThanOrEqual(5);
  });
});

describe('the GitHub budget of idle cycles', () => {
  it('spends no rate limit on a poll and a pull request scan where nothing changed', async () => {
    const scenario = await startCodeScenario();
    await openPatchLoopPullRequest(scenario);
    await scenario.settle();
    const before = scenario.github.requests.length;
    const used = scenario.github.rateLimit().used;

    await scenario.daemon.pollOnce();
    await scenario.daemon.scanPullRequestsOnce();

    const idle = scenario.github.requests.slice(before);
    expect(idle.length).toBeGreaterThan(0);
    expect(idle.every((request) => request.conditional && request.status === 304)).toBe(true);
    expect(scenario.github.rateLimit().used).toBe(used);
  });
});
