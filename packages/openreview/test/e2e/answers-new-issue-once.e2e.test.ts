import { describe, expect, it } from 'vitest';
import { startReviewScenario } from './review-harness.js';

const markerPattern = /<!-- openreview:idempotency:issue:[0-9a-f]{20} -->/;

describe('a new issue', () => {
  it('gets exactly one analysis comment carrying the hidden marker, and still one after a restart', async () => {
    const scenario = await startReviewScenario();
    const issue = scenario.github.model.addIssue({
      title: 'How do I make widgets faster?',
      body: 'Widgets take a long time to load. Is there a setting?',
      user: 'alice',
    });

    await scenario.settle();
    await scenario.restart();
    await scenario.settle();

    const comments = scenario.github.model.comments(issue.number);
    expect(
      scenario
        .tasks()
        .map((task) => task.lastError)
        .filter(Boolean),
    ).toEqual([]);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toMatch(markerPattern);
    expect(comments[0]?.body).toContain('WIDGET_MODE=fast');
    expect(comments[0]?.user.login).toBe('patchloop-bot');
    scenario.github.assertNoViolations();
  });

  it('is answered when it was opened after the daemon started but before its first poll', async () => {
    const scenario = await startReviewScenario();
    const issue = scenario.github.model.addIssue({
      title: 'How do I make widgets faster?',
      body: 'Any setting?',
    });
    // The first poll happens a minute after startup: the fresh-install baseline is the start, not the poll.
    await scenario.clock.advance(60_000);

    await scenario.settle();

    expect(scenario.github.model.comments(issue.number)).toHaveLength(1);
  });
});
