import { describe, expect, it } from 'vitest';
import { startReviewScenario } from './review-harness.js';

describe('polling', () => {
  it('spends no rate limit on an idle cycle: every request is answered 304', async () => {
    const scenario = await startReviewScenario();
    scenario.github.model.addIssue({ title: 'How do I make widgets faster?', body: 'Any setting?' });
    await scenario.settle();
    const before = scenario.github.requests.length;
    const used = scenario.github.rateLimit().used;

    await scenario.daemon.pollOnce();

    const idle = scenario.github.requests.slice(before);
    expect(idle.length).toBeGreaterThan(0);
    expect(idle.every((request) => request.conditional && request.status === 304)).toBe(true);
    expect(scenario.github.rateLimit().used).toBe(used);
  });

  it('keeps its cursor when GitHub answers 502 and picks up the missed issue next cycle', async () => {
    const scenario = await startReviewScenario();
    const issue = scenario.github.model.addIssue({
      title: 'How do I make widgets faster?',
      body: 'Any setting?',
    });
    scenario.github.faults.add({ method: 'GET', path: '/repos/acme/widgets/issues', status: 502, times: 10 });

    await scenario.daemon.pollOnce();
    const tasksDuringOutage = scenario.tasks().length;
    scenario.github.faults.clear();
    await scenario.settle();

    expect(tasksDuringOutage).toBe(0);
    expect(scenario.github.model.comments(issue.number)).toHaveLength(1);
  });
});
