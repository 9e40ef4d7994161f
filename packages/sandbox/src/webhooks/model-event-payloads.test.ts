import { describe, expect, it, onTestFinished } from 'vitest';
import { createFakeClock } from '../fake-clock.js';
import { type FakeGitHub, startFakeGitHub } from '../fake-github/start-fake-github.js';
import {
  checkRunEventPayload,
  issueCommentEventPayload,
  issueEventPayload,
  pullRequestEventPayload,
  pullRequestReviewEventPayload,
} from './model-event-payloads.js';

async function start(): Promise<FakeGitHub> {
  const github = await startFakeGitHub({ owner: 'acme', repo: 'widgets', clock: createFakeClock() });
  onTestFinished(() => github.close());
  return github;
}

async function poll(github: FakeGitHub, path: string): Promise<unknown> {
  const response = await fetch(`${github.url}${path}`, { headers: { authorization: 'token read-token' } });
  return response.json();
}

describe('model event payloads', () => {
  it('describes the same issue in an issues webhook as a poll does', async () => {
    const github = await start();
    const issue = github.model.addIssue({ title: 'Crash', user: 'alice', labels: ['bug'] });

    const payload = issueEventPayload(github.model, 'opened', issue.number);

    expect(payload['issue']).toEqual(await poll(github, `/repos/acme/widgets/issues/${issue.number}`));
    expect(payload).toMatchObject({
      action: 'opened',
      repository: { full_name: 'acme/widgets' },
      sender: { login: 'alice' },
    });
  });

  it('builds an issue_comment payload whose issue carries pull_request for a PR conversation', async () => {
    const github = await start();
    const pull = github.model.addPullRequest({ title: 'Fix', head: 'fix', user: 'alice' });
    const comment = github.model.addIssueComment(pull.number, { body: '/implement', user: 'bob' });

    const payload = issueCommentEventPayload(github.model, 'created', comment.id);

    expect(payload).toMatchObject({
      action: 'created',
      comment: { id: comment.id, body: '/implement' },
      issue: { number: pull.number, pull_request: expect.any(Object) },
      sender: { login: 'bob' },
    });
  });

  it('sets after to the current head on a synchronize payload and lets the test pick the sender', async () => {
    const github = await start();
    const pull = github.model.addPullRequest({ title: 'Fix', head: 'fix', user: 'alice' });

    const payload = pullRequestEventPayload(github.model, 'synchronize', pull.number, {
      sender: 'dependabot[bot]',
    });

    expect(payload).toMatchObject({
      number: pull.number,
      after: pull.head.sha,
      pull_request: { number: pull.number, head: { sha: pull.head.sha } },
      sender: { login: 'dependabot[bot]', type: 'Bot' },
    });
  });

  it('falls back to another example of the event when the action has none, keeping the action', async () => {
    const github = await start();
    const issue = github.model.addIssue({ title: 'Crash' });
    github.model.closeIssue(issue.number);

    const payload = issueEventPayload(github.model, 'closed', issue.number);

    expect(payload).toMatchObject({ action: 'closed', issue: { state: 'closed' } });
  });

  it('builds a pull_request_review payload from the model review', async () => {
    const github = await start();
    const pull = github.model.addPullRequest({ title: 'Fix', head: 'fix', user: 'alice' });
    const review = github.model.addReview(pull.number, {
      user: 'bob',
      state: 'CHANGES_REQUESTED',
      body: 'Please test',
    });

    const payload = pullRequestReviewEventPayload(github.model, 'submitted', pull.number, review.id);

    expect(payload).toMatchObject({
      review: { id: review.id, state: 'CHANGES_REQUESTED', body: 'Please test' },
      pull_request: { number: pull.number },
      sender: { login: 'bob' },
    });
  });

  it('lists the open pull requests whose head the check run is on, as check_run webhooks do', async () => {
    const github = await start();
    const pull = github.model.addPullRequest({ title: 'Fix', head: 'fix', user: 'alice' });
    const run = github.model.addCheckRun(pull.head.sha, {
      name: 'test',
      status: 'completed',
      conclusion: 'failure',
    });

    const payload = checkRunEventPayload(github.model, 'completed', run.id);

    expect(payload).toMatchObject({
      action: 'completed',
      check_run: {
        id: run.id,
        conclusion: 'failure',
        pull_requests: [{ number: pull.number }],
        check_suite: { head_sha: pull.head.sha, pull_requests: [{ number: pull.number }] },
      },
      sender: { type: 'Bot' },
    });
  });
});
