import { describe, expect, it } from 'vitest';
import { startReviewScenario } from './review-harness.js';

const ownComments = (comments: readonly { user: { login: string } }[]) =>
  comments.filter((comment) => comment.user.login === 'patchloop-bot');

describe('new discussion on an analysed issue', () => {
  it('gets one follow-up for a new human comment', async () => {
    const scenario = await startReviewScenario();
    const issue = scenario.github.model.addIssue({
      title: 'How do I make widgets faster?',
      body: 'Any setting?',
    });
    await scenario.settle();

    scenario.github.model.addIssueComment(issue.number, {
      body: 'That did not help, still slow.',
      user: 'alice',
    });
    await scenario.settle();
    await scenario.settle();

    expect(ownComments(scenario.github.model.comments(issue.number))).toHaveLength(2);
  });

  it('gets no follow-up for a comment by a bot or for its own comment', async () => {
    const scenario = await startReviewScenario({ env: { BOT_LOGINS: 'helper-robot' } });
    const issue = scenario.github.model.addIssue({
      title: 'How do I make widgets faster?',
      body: 'Any setting?',
    });
    await scenario.settle();
    const callsAfterFirstReply = scenario.agentCalls();

    scenario.github.model.addUser('dependabot[bot]', { type: 'Bot' });
    scenario.github.model.addIssueComment(issue.number, {
      body: 'Bumped a dependency.',
      user: 'dependabot[bot]',
    });
    scenario.github.model.addIssueComment(issue.number, { body: 'Automated note.', user: 'helper-robot' });
    await scenario.settle();

    expect(ownComments(scenario.github.model.comments(issue.number))).toHaveLength(1);
    expect(scenario.agentCalls()).toBe(callsAfterFirstReply);
  });
});
