import { createWebhookSender, issueEventPayload } from '@patchloop/sandbox';
import { describe, expect, it } from 'vitest';
import { startReviewScenario } from './review-harness.js';

const secret = 'review-webhook-secret';

describe('the webhook next to polling', () => {
  it('handles one event delivered by webhook and seen again by polling once', async () => {
    const scenario = await startReviewScenario({
      env: { ENABLE_WEBHOOK: 'true', GITHUB_WEBHOOK_SECRET: secret },
    });
    const issue = scenario.github.model.addIssue({
      title: 'How do I make widgets faster?',
      body: 'Any setting?',
    });
    const sender = createWebhookSender({ url: `${scenario.daemon.url}/webhook`, secret });

    const delivery = await sender.send(
      'issues',
      issueEventPayload(scenario.github.model, 'opened', issue.number),
    );
    await scenario.settle();

    expect(delivery.status).toBe(202);
    expect(scenario.github.model.comments(issue.number)).toHaveLength(1);
    // The delivery and the poll of the same issue version are one task; a later poll of the issue
    // (bumped by our own comment) is a no-op.
    const outcomes = scenario.tasks().map((task) => (task.result as { outcome?: string } | null)?.outcome);
    expect(outcomes.filter((outcome) => outcome === 'posted')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome !== 'posted')).toEqual(
      outcomes.length > 1 ? ['skipped'] : [],
    );
  });

  it('answers a badly signed delivery with 401 and enqueues nothing', async () => {
    const scenario = await startReviewScenario({
      env: { ENABLE_WEBHOOK: 'true', GITHUB_WEBHOOK_SECRET: secret },
    });
    const issue = scenario.github.model.addIssue({ title: 'Widgets?', body: 'Question.' });
    const sender = createWebhookSender({ url: `${scenario.daemon.url}/webhook`, secret });

    const delivery = await sender.send(
      'issues',
      issueEventPayload(scenario.github.model, 'opened', issue.number),
      {
        signature: 'wrong',
      },
    );

    expect(delivery.status).toBe(401);
    expect(scenario.tasks()).toEqual([]);
  });
});
