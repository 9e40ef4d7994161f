import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WebhookDelivery } from '@patchloop/core';
import {
  createEventLogRepository,
  createSilentLogger,
  createTaskQueue,
  loadCoreMigrations,
  openDatabase,
} from '@patchloop/core';
import type { WebhookPayload } from '@patchloop/sandbox';
import {
  createFakeClock,
  examplePayload,
  issueCommentEventPayload,
  issueEventPayload,
  startFakeGitHub,
} from '@patchloop/sandbox';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { ExecutionMode } from '../config/execution-settings.js';
import { loadAutocodeMigrations } from '../store/autocode-migrations.js';
import { createIssueRecordRepository } from '../store/issue-record-repository.js';
import { autocodeTaskTypes } from '../tasks/autocode-tasks.js';
import { createIssueIntake } from './issue-intake.js';
import { createWebhookIntake } from './webhook-intake.js';

function setup(mode: ExecutionMode = 'semi_auto') {
  const dir = mkdtempSync(join(tmpdir(), 'patchloop-'));
  const clock = createFakeClock(Date.UTC(2026, 0, 1, 10));
  const db = openDatabase({
    path: join(dir, 'autocode.db'),
    migrations: [loadCoreMigrations(), loadAutocodeMigrations()],
    clock,
  });
  onTestFinished(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const logger = createSilentLogger();
  const queue = createTaskQueue({ db, clock });
  const intake = createIssueIntake({
    queue,
    issues: createIssueRecordRepository({ db, clock }),
    eventLog: createEventLogRepository({ db, clock }),
    settings: { mode, autoPlanOnIssueOpen: true, maxAttempts: 3 },
    logger,
  });
  const receive = createWebhookIntake({ queue, intake, logger });
  return { clock, queue, receive };
}

async function startGitHub(clock: ReturnType<typeof createFakeClock>) {
  const github = await startFakeGitHub({ owner: 'acme', repo: 'widgets', clock });
  onTestFinished(() => github.close());
  return github;
}

function delivery(name: string, payload: WebhookPayload): WebhookDelivery {
  const action = payload['action'];
  return { id: randomUUID(), name, action: typeof action === 'string' ? action : undefined, payload };
}

describe('createWebhookIntake', () => {
  it('turns a real issues.opened delivery into an automatic issue run', () => {
    const { receive, queue } = setup();
    const payload = examplePayload('issues', 'opened');

    const result = receive(delivery('issues', payload));

    expect(result).toEqual({ accepted: true });
    const tasks = queue.list({ type: autocodeTaskTypes.issue });
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({
      source: 'webhook',
      payload: { number: 1, explicit: false, trigger: 'issue_open', issueUpdatedAt: '2019-05-15T15:20:18Z' },
    });
  });

  it('leaves the decision to the issue intake: in manual mode an opened issue queues nothing', () => {
    const { receive, queue } = setup('manual');

    const result = receive(delivery('issues', examplePayload('issues', 'opened')));

    expect(result).toEqual({ accepted: false });
    expect(queue.list()).toEqual([]);
  });

  it('treats an edited issue as an update of the issue', async () => {
    const { receive, queue, clock } = setup();
    const github = await startGitHub(clock);
    const issue = github.model.addIssue({ title: 'Crash on save', body: 'It crashes.' });
    await clock.advance(60_000);
    github.model.updateIssue(issue.number, { body: 'It crashes on an empty note.' });

    const result = receive(delivery('issues', issueEventPayload(github.model, 'edited', issue.number)));

    expect(result).toEqual({ accepted: true });
    expect(queue.list()[0]?.payload).toMatchObject({ number: issue.number, trigger: 'issue_update' });
  });

  it('stores a new issue comment as one intake task and drops its redelivery', async () => {
    const { receive, queue, clock } = setup();
    const github = await startGitHub(clock);
    const issue = github.model.addIssue({ title: 'Crash on save' });
    const comment = github.model.addIssueComment(issue.number, { body: '/implement', user: 'maintainer' });
    const payload = issueCommentEventPayload(github.model, 'created', comment.id);

    const first = receive(delivery('issue_comment', payload));
    const again = receive(delivery('issue_comment', structuredClone(payload)));

    expect(first).toEqual({ accepted: true });
    expect(again).toEqual({ accepted: false });
    const tasks = queue.list({ type: autocodeTaskTypes.comment });
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({
      priority: 'urgent',
      payload: {
        issueNumber: issue.number,
        commentId: comment.id,
        commentUpdatedAt: comment.updated_at,
        body: '/implement',
        author: 'maintainer',
        authorType: 'User',
        source: 'webhook',
      },
    });
  });

  it('evaluates an edited comment again as a new version', async () => {
    const { receive, queue, clock } = setup();
    const github = await startGitHub(clock);
    const issue = github.model.addIssue({ title: 'Crash on save' });
    const comment = github.model.addIssueComment(issue.number, { body: 'Hmm', user: 'maintainer' });
    receive(delivery('issue_comment', issueCommentEventPayload(github.model, 'created', comment.id)));
    await clock.advance(60_000);
    github.model.updateIssueComment(comment.id, '/implement');

    const result = receive(
      delivery('issue_comment', issueCommentEventPayload(github.model, 'edited', comment.id)),
    );

    expect(result).toEqual({ accepted: true });
    expect(queue.list({ type: autocodeTaskTypes.comment })).toHaveLength(2);
  });

  it("ignores comments in a pull request's conversation", async () => {
    const { receive, queue, clock } = setup();
    const github = await startGitHub(clock);
    github.model.setBranch('fix', 'a'.repeat(40));
    const pull = github.model.addPullRequest({ title: 'Fix crash', head: 'fix' });
    const comment = github.model.addIssueComment(pull.number, { body: '/implement', user: 'maintainer' });

    const result = receive(
      delivery('issue_comment', issueCommentEventPayload(github.model, 'created', comment.id)),
    );

    expect(result).toEqual({ accepted: false });
    expect(queue.list()).toEqual([]);
  });

  it.each([
    { name: 'an empty body', body: '   ' },
    { name: 'a null body', body: null },
  ])('ignores a comment with $name', ({ body }) => {
    const { receive, queue } = setup();
    const payload = examplePayload('issue_comment', 'created');
    (payload['comment'] as WebhookPayload)['body'] = body;

    const result = receive(delivery('issue_comment', payload));

    expect(result).toEqual({ accepted: false });
    expect(queue.list()).toEqual([]);
  });

  it.each<{ name: string; event: string; payload: () => WebhookPayload }>([
    {
      name: 'an issue without a number',
      event: 'issues',
      payload: () => {
        const payload = examplePayload('issues', 'opened');
        delete (payload['issue'] as WebhookPayload)['number'];
        return payload;
      },
    },
    {
      name: 'a comment delivery without its comment',
      event: 'issue_comment',
      payload: () => {
        const payload = examplePayload('issue_comment', 'created');
        delete payload['comment'];
        return payload;
      },
    },
    { name: 'an empty object', event: 'issues', payload: () => ({ action: 'opened' }) },
  ])('ignores a malformed delivery ($name) without throwing', ({ event, payload }) => {
    const { receive, queue } = setup();

    const result = receive(delivery(event, payload()));

    expect(result).toEqual({ accepted: false });
    expect(queue.list()).toEqual([]);
  });

  it.each([
    { event: 'push', action: undefined },
    { event: 'pull_request', action: 'opened' },
    { event: 'issues', action: 'labeled' },
    { event: 'issue_comment', action: 'deleted' },
  ])('ignores $event.$action deliveries', ({ event, action }) => {
    const { receive, queue } = setup();
    const payload = action === undefined ? examplePayload(event) : examplePayload(event, action);

    const result = receive(delivery(event, payload));

    expect(result).toEqual({ accepted: false });
    expect(queue.list()).toEqual([]);
  });
});
