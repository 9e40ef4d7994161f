import { createWebhookSender, pullRequestReviewEventPayload } from '@patchloop/sandbox';
import { describe, expect, it } from 'vitest';
import {
  goodFix,
  openPatchLoopPullRequest,
  planThenCode,
  speedExportRepair,
  startCodeScenario,
} from './code-harness.js';

const secret = 'repair-webhook-secret';

describe('review feedback on a PatchLoop pull request', () => {
  it('gets one repair commit on the same branch for a CHANGES_REQUESTED review, and never a second', async () => {
    const scenario = await startCodeScenario({
      agent: planThenCode([goodFix, speedExportRepair]),
      env: { ENABLE_WEBHOOK: 'true', GITHUB_WEBHOOK_SECRET: secret },
    });
    const { model } = scenario.github;
    const number = await openPatchLoopPullRequest(scenario);
    const branch = model.pullRequest(number).head.ref;
    const before = scenario.bare.log(branch, 5).length;

    const review = model.addReview(number, {
      user: 'maintainer',
      state: 'CHANGES_REQUESTED',
      body: 'Please export widgetSpeed too.',
    });
    const sender = createWebhookSender({ url: `${scenario.daemon.url}/webhook`, secret });
    const delivery = await sender.send(
      'pull_request_review',
      pullRequestReviewEventPayload(model, 'submitted', number, review.id),
    );
    await scenario.settle();
    await scenario.restart({ ENABLE_WEBHOOK: 'true', GITHUB_WEBHOOK_SECRET: secret });
    await scenario.settle();

    expect(delivery.status).toBe(202);
    const log = scenario.bare.log(branch, 5);
    expect(log).toHaveLength(before + 1);
    expect(log[0]?.subject).toMatch(new RegExp(`^fix\\(review-feedback-${number}\\): `));
    expect(scenario.bare.readFile(branch, 'src/widget.js')).toContain('widgetSpeed');
    const repairs = scenario.tasksOf('pr_feedback_repair');
    expect(repairs).toHaveLength(1);
    expect(repairs[0]?.result).toMatchObject({ summary: 'repaired', round: 1 });
    expect(scenario.agentCalls()).toBe(3);
    expect(model.listPullRequests()).toHaveLength(1);
  });

  it('queues the repair at once on POST /pulls/:n/recheck', async () => {
    const scenario = await startCodeScenario({ agent: planThenCode([goodFix, speedExportRepair]) });
    const { model } = scenario.github;
    const number = await openPatchLoopPullRequest(scenario);
    model.addReview(number, {
      user: 'maintainer',
      state: 'CHANGES_REQUESTED',
      body: 'Please export widgetSpeed too.',
    });

    const recheck = await scenario.post(`/pulls/${number}/recheck`);

    expect(recheck.status).toBe(200);
    expect(recheck.body).toMatchObject({
      status: 'ok',
      task: { task_type: 'pr_feedback_repair', status: 'queued', target_number: number },
    });
  });
});
