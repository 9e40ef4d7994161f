import { createWebhookSender, issueCommentEventPayload } from '@patchloop/sandbox';
import { describe, expect, it } from 'vitest';
import { startCodeScenario } from './code-harness.js';

const secret = 'code-webhook-secret';

describe('an approval seen by webhook and by polling', () => {
  it('answers the delivery with 202 at once and opens one PR for the approval seen twice', async () => {
    const scenario = await startCodeScenario({
      env: { ENABLE_WEBHOOK: 'true', GITHUB_WEBHOOK_SECRET: secret },
    });
    const { model } = scenario.github;
    const issue = model.addIssue({
      title: 'Widgets are slow by default',
      body: 'Fast please.',
      user: 'visitor',
    });
    const comment = model.addIssueComment(issue.number, { body: 'Go ahead.', user: 'maintainer' });
    const sender = createWebhookSender({ url: `${scenario.daemon.url}/webhook`, secret });

    const delivery = await sender.send(
      'issue_comment',
      issueCommentEventPayload(model, 'created', comment.id),
    );
    const redelivery = await sender.send(
      'issue_comment',
      issueCommentEventPayload(model, 'created', comment.id),
    );
    // The token's own login is looked up once at startup; nothing else may happen yet.
    const requestsBeforeWork = scenario.github.requests.filter((request) => request.path !== '/user').length;
    await scenario.settle();

    expect(delivery.status).toBe(202);
    expect(redelivery.status).toBe(202);
    // The deliveries only stored work: no GitHub request happened inside them.
    expect(requestsBeforeWork).toBe(0);
    expect(scenario.tasksOf('issue_comment_intake')).toHaveLength(1);
    expect(scenario.tasksOf('issue_execution')).toHaveLength(1);
    expect(model.listPullRequests()).toHaveLength(1);
  });

  it('refuses a badly signed delivery with 401 and stores nothing', async () => {
    const scenario = await startCodeScenario({
      env: { ENABLE_WEBHOOK: 'true', GITHUB_WEBHOOK_SECRET: secret },
    });
    const { model } = scenario.github;
    const issue = model.addIssue({ title: 'Widgets are slow', body: 'Fast please.' });
    const comment = model.addIssueComment(issue.number, { body: 'Go ahead.', user: 'maintainer' });
    const sender = createWebhookSender({ url: `${scenario.daemon.url}/webhook`, secret });

    const delivery = await sender.send(
      'issue_comment',
      issueCommentEventPayload(model, 'created', comment.id),
      {
        signature: 'wrong',
      },
    );

    expect(delivery.status).toBe(401);
    expect(scenario.tasks()).toEqual([]);
  });
});
