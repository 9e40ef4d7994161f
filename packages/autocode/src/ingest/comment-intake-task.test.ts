import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AgentOutcome, AgentRequest, CodingAgent, Issue, Permission } from '@patchloop/core';
import {
  createEventLogRepository,
  createSilentLogger,
  createTaskQueue,
  loadCoreMigrations,
  openDatabase,
} from '@patchloop/core';
import { createFakeClock } from '@patchloop/sandbox';
import { describe, expect, it, onTestFinished } from 'vitest';
import { loadAutocodeMigrations } from '../store/autocode-migrations.js';
import { createIssueRecordRepository } from '../store/issue-record-repository.js';
import type { CommentIntakePayload } from '../tasks/autocode-tasks.js';
import { autocodeTaskTypes, commentIntakeRequest } from '../tasks/autocode-tasks.js';
import { createApproverCheck } from './approver-check.js';
import type { CommentIntakeDeps } from './comment-intake-task.js';
import { createCommentIntakeTask } from './comment-intake-task.js';
import { createIssueIntake } from './issue-intake.js';

const issueUpdatedAt = '2026-01-01T09:00:00Z';

function anIssue(number: number): Issue {
  return {
    id: 1000 + number,
    number,
    title: 'Crash when saving an empty note',
    body: 'Saving an empty note crashes the app.',
    state: 'open',
    author: { login: 'octocat', id: 1, type: 'User' },
    authorAssociation: 'NONE',
    labels: [],
    isPullRequest: false,
    commentCount: 1,
    createdAt: '2026-01-01T08:00:00Z',
    updatedAt: issueUpdatedAt,
    closedAt: null,
    htmlUrl: `https://github.com/acme/widgets/issues/${number}`,
  };
}

// One fake for every GitHub read the handler may make, so "no GitHub call" is `calls` being empty.
function createFakeReader(permissions: Record<string, Permission>) {
  const calls: string[] = [];
  return {
    calls,
    getIssue: async (number: number): Promise<Issue> => {
      calls.push(`getIssue ${number}`);
      return anIssue(number);
    },
    getCollaboratorPermission: async (login: string): Promise<Permission> => {
      calls.push(`permission ${login}`);
      return permissions[login] ?? 'none';
    },
  };
}

function createFakeAgent(outcome: AgentOutcome) {
  const requests: AgentRequest[] = [];
  const agent: CodingAgent = {
    name: 'fake',
    run: async (request) => {
      requests.push(request);
      return outcome;
    },
  };
  return { agent, requests };
}

const implementAnswer: AgentOutcome = {
  kind: 'completed',
  backend: 'fake',
  model: undefined,
  output: '{"intent":"IMPLEMENT","confidence":0.9,"reason":"asked"}',
  durationMs: 5,
};

function setup(options: Partial<Pick<CommentIntakeDeps, 'intentAgent' | 'allowApprovalByComment'>> = {}) {
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
  const eventLog = createEventLogRepository({ db, clock });
  const reader = createFakeReader({ maintainer: 'maintain', visitor: 'read' });
  const intake = createIssueIntake({
    queue,
    issues: createIssueRecordRepository({ db, clock }),
    eventLog,
    settings: { mode: 'manual', autoPlanOnIssueOpen: true, maxAttempts: 3 },
    logger,
  });
  const handler = createCommentIntakeTask({
    reader,
    approvers: createApproverCheck({
      reader,
      approverPermissions: ['admin', 'maintain', 'write'],
      clock,
      logger,
    }),
    intake,
    eventLog,
    allowApprovalByComment: options.allowApprovalByComment ?? true,
    ownLogin: () => 'patchloop-bot',
    logger,
    ...(options.intentAgent === undefined ? {} : { intentAgent: options.intentAgent }),
  });
  const evaluate = async (comment: Partial<CommentIntakePayload>) => {
    const { task } = queue.enqueue(
      commentIntakeRequest({
        issueNumber: 7,
        commentId: 55,
        commentUpdatedAt: '2026-01-01T09:30:00Z',
        body: '/implement',
        author: 'maintainer',
        authorType: 'User',
        source: 'webhook',
        ...comment,
      }),
    );
    const outcome = await handler(task, { signal: new AbortController().signal, heartbeat: () => true });
    return outcome.kind === 'done' ? (outcome.result as Record<string, unknown>) : undefined;
  };
  const issueTasks = () => queue.list({ type: autocodeTaskTypes.issue });
  return { reader, eventLog, evaluate, issueTasks };
}

const intentAgentWith = (agent: CodingAgent) => ({
  agent,
  cwd: '/srv/widgets',
  timeoutMs: 30_000,
  repository: 'acme/widgets',
});

describe('createCommentIntakeTask', () => {
  it.each<{ name: string; comment: Partial<CommentIntakePayload> }>([
    { name: 'a bot account', comment: { author: 'helper-app', authorType: 'Bot' } },
    { name: 'a [bot] login', comment: { author: 'renovate[bot]' } },
    { name: "PatchLoop's own login", comment: { author: 'PatchLoop-Bot' } },
    {
      name: 'a human quoting a PatchLoop marker',
      comment: { body: '/implement\n<!-- patchloop:idempotency:issue:7 -->' },
    },
  ])('ignores a comment from $name without calling GitHub', async ({ comment }) => {
    const { evaluate, reader, issueTasks } = setup();

    const result = await evaluate(comment);

    expect(result?.['summary']).toBe('ignored_bot');
    expect(reader.calls).toEqual([]);
    expect(issueTasks()).toEqual([]);
  });

  it('drops a comment without intent and without an intent agent before any permission lookup', async () => {
    const { evaluate, reader } = setup();

    const result = await evaluate({ body: 'Thanks for the quick answer!' });

    expect(result?.['summary']).toBe('no_implement_intent');
    expect(reader.calls).toEqual([]);
  });

  it('notes a redirect without queueing a run', async () => {
    const { evaluate, issueTasks } = setup();

    const result = await evaluate({ body: 'No code change is needed, a config change is enough.' });

    expect(result?.['summary']).toBe('redirect_noted');
    expect(issueTasks()).toEqual([]);
  });

  it("refuses a non-approver's /implement and records why in the event log", async () => {
    const { evaluate, eventLog, issueTasks } = setup();

    const result = await evaluate({ author: 'visitor' });

    expect(result?.['summary']).toBe('not_approver');
    expect(issueTasks()).toEqual([]);
    const events = eventLog.list({ category: 'issue_comment' });
    expect(events).toHaveLength(1);
    expect(events[0]?.data).toMatchObject({ reason: 'not_approver', issue: 7, source: 'webhook' });
  });

  it("queues an explicit, urgent run for an approver's /implement", async () => {
    const { evaluate, issueTasks, reader } = setup();

    const result = await evaluate({});

    const tasks = issueTasks();
    expect(result).toMatchObject({ summary: 'approval_created', issue: 7, comment: 55 });
    expect(tasks).toHaveLength(1);
    expect(result?.['issueTask']).toBe(tasks[0]?.id);
    expect(tasks[0]).toMatchObject({
      priority: 'urgent',
      payload: {
        number: 7,
        explicit: true,
        command: 'implement',
        trigger: 'implement_comment',
        approvedBy: 'maintainer',
        commentId: 55,
        issueUpdatedAt,
      },
    });
    expect(reader.calls).toEqual(['permission maintainer', 'getIssue 7']);
  });

  it('folds a second approval of the same issue version into the waiting run', async () => {
    const { evaluate, issueTasks } = setup();
    await evaluate({});

    const result = await evaluate({ commentId: 56, body: 'Go ahead' });

    expect(result?.['summary']).toBe('approval_merged');
    expect(issueTasks()).toHaveLength(1);
    expect(issueTasks()[0]?.payload).toMatchObject({ commentId: 56 });
  });

  it('ignores approvals by comment when they are disabled, with an event saying so', async () => {
    const { evaluate, eventLog, issueTasks, reader } = setup({ allowApprovalByComment: false });

    const result = await evaluate({});

    expect(result?.['summary']).toBe('comment_approval_disabled');
    expect(issueTasks()).toEqual([]);
    expect(reader.calls).toEqual(['permission maintainer']);
    expect(eventLog.list({ category: 'issue_comment' })[0]?.data).toMatchObject({
      reason: 'comment_approval_disabled',
    });
  });

  it("asks the intent agent about an approver's ambiguous comment and queues the run it reads", async () => {
    const { agent, requests } = createFakeAgent(implementAnswer);
    const { evaluate, issueTasks } = setup({ intentAgent: intentAgentWith(agent) });

    const result = await evaluate({ body: 'Could we also cover the empty case here?' });

    expect(result?.['summary']).toBe('approval_created');
    expect(issueTasks()).toHaveLength(1);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ mode: 'plan', cwd: '/srv/widgets', timeoutMs: 30_000 });
    expect(requests[0]?.prompt).toContain('Could we also cover the empty case here?');
  });

  it('queues nothing when the intent agent fails', async () => {
    const { agent } = createFakeAgent({
      kind: 'failed',
      backend: 'fake',
      model: undefined,
      reason: 'rate_limit',
      exitCode: 1,
      stderrTail: 'rate limited',
      durationMs: 5,
    });
    const { evaluate, issueTasks } = setup({ intentAgent: intentAgentWith(agent) });

    const result = await evaluate({ body: 'Could we also cover the empty case here?' });

    expect(result?.['summary']).toBe('no_implement_intent');
    expect(issueTasks()).toEqual([]);
  });

  it('queues nothing when the intent agent reads the comment as no request', async () => {
    const { agent } = createFakeAgent({
      ...implementAnswer,
      output: '{"intent":"IGNORE","confidence":0.8,"reason":"a question"}',
    });
    const { evaluate, issueTasks } = setup({ intentAgent: intentAgentWith(agent) });

    const result = await evaluate({ body: 'Could we also cover the empty case here?' });

    expect(result?.['summary']).toBe('no_implement_intent');
    expect(issueTasks()).toEqual([]);
  });

  it("never spends an intent-agent call on a non-approver's ambiguous comment", async () => {
    const { agent, requests } = createFakeAgent(implementAnswer);
    const { evaluate, eventLog } = setup({ intentAgent: intentAgentWith(agent) });

    const result = await evaluate({ author: 'visitor', body: 'Could we also cover the empty case here?' });

    expect(result?.['summary']).toBe('not_approver');
    expect(requests).toEqual([]);
    expect(eventLog.list({ category: 'issue_comment' })).toEqual([]);
  });
});
