import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
import type { IssueIntakeSettings, IssueTriggerInput } from './issue-intake.js';
import { createIssueIntake, isBotAccount } from './issue-intake.js';

const v1 = '2026-01-01T09:00:00Z';
const v2 = '2026-01-01T09:30:00Z';

function setup(settings: Partial<IssueIntakeSettings> = {}) {
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
  const queue = createTaskQueue({ db, clock });
  const issues = createIssueRecordRepository({ db, clock });
  const eventLog = createEventLogRepository({ db, clock });
  const intake = createIssueIntake({
    queue,
    issues,
    eventLog,
    settings: { mode: 'semi_auto', autoPlanOnIssueOpen: true, maxAttempts: 3, ...settings },
    logger: createSilentLogger(),
  });
  return { queue, issues, eventLog, intake };
}

type TriggerOverrides = Partial<Omit<IssueTriggerInput, 'issue'>> & {
  readonly issue?: Partial<IssueTriggerInput['issue']>;
};

function trigger(overrides: TriggerOverrides = {}): IssueTriggerInput {
  const { issue, ...rest } = overrides;
  return {
    issue: {
      number: 7,
      updatedAt: v1,
      state: 'open',
      isPullRequest: false,
      author: { login: 'octocat', type: 'User' },
      ...issue,
    },
    source: 'webhook',
    trigger: 'issue_open',
    explicit: false,
    ...rest,
  };
}

const approval: TriggerOverrides = {
  explicit: true,
  trigger: 'implement_comment',
  approvedBy: 'maintainer',
  commentId: 55,
  source: 'polling',
};

describe('createIssueIntake', () => {
  it('queues an automatic run for a new open issue at normal priority and logs it', () => {
    const { intake, queue, eventLog } = setup();

    const result = intake.submit(trigger());

    expect(result).toMatchObject({ queued: true, created: true, reason: 'created' });
    expect(queue.list()).toHaveLength(1);
    expect(result.task).toMatchObject({
      type: 'issue_execution',
      targetKey: 'issue:7',
      priority: 'normal',
      maxAttempts: 3,
      payload: { number: 7, command: 'issue_open', explicit: false, issueUpdatedAt: v1, approvedBy: null },
    });
    expect(eventLog.list({ category: 'issue_task_queue' })).toHaveLength(1);
  });

  it('queues an approval as an urgent implement run carrying the approver and comment', () => {
    const { intake } = setup();

    const result = intake.submit(trigger(approval));

    expect(result).toMatchObject({ queued: true, created: true, reason: 'created' });
    expect(result.task).toMatchObject({
      priority: 'urgent',
      source: 'polling',
      payload: {
        command: 'implement',
        explicit: true,
        trigger: 'implement_comment',
        approvedBy: 'maintainer',
        commentId: 55,
      },
    });
  });

  it('refuses pull requests and closed issues without queueing anything', () => {
    const { intake, queue } = setup();

    const pull = intake.submit(trigger({ issue: { isPullRequest: true } }));
    const closed = intake.submit(trigger({ issue: { state: 'closed' } }));

    expect(pull).toEqual({ queued: false, created: false, reason: 'pull_request' });
    expect(closed).toEqual({ queued: false, created: false, reason: 'closed' });
    expect(queue.list()).toEqual([]);
  });

  it('refuses a paused issue even when the trigger is an approval, and logs each refusal', () => {
    const { intake, issues, queue, eventLog } = setup();
    issues.pause(7, 'operator asked');

    const automatic = intake.submit(trigger());
    const approved = intake.submit(trigger(approval));

    expect(automatic.reason).toBe('paused');
    expect(approved).toEqual({ queued: false, created: false, reason: 'paused' });
    expect(queue.list()).toEqual([]);
    expect(eventLog.list({ category: 'issue_event' }).map((event) => event.data?.['reason'])).toEqual([
      'paused',
      'paused',
    ]);
  });

  it('logs a refused approval but not a refused automatic trigger', () => {
    const { intake, eventLog } = setup();

    intake.submit(trigger({ issue: { state: 'closed' } }));
    intake.submit(trigger({ ...approval, issue: { state: 'closed' } }));

    const events = eventLog.list({ category: 'issue_event' });
    expect(events).toHaveLength(1);
    expect(events[0]?.data).toMatchObject({ reason: 'closed', trigger: 'implement_comment', issue: 7 });
  });

  it('refuses automatic triggers when planning on open is disabled', () => {
    const { intake, queue } = setup({ autoPlanOnIssueOpen: false });

    const result = intake.submit(trigger());

    expect(result.reason).toBe('auto_plan_disabled');
    expect(queue.list()).toEqual([]);
  });

  it('leaves an issue waiting for approval in manual mode', () => {
    const { intake, queue } = setup({ mode: 'manual' });

    const result = intake.submit(trigger());

    expect(result).toEqual({ queued: false, created: false, reason: 'awaiting_approval' });
    expect(queue.list()).toEqual([]);
  });

  it.each([
    { login: 'renovate[bot]', type: 'User' as const },
    { login: 'helper-app', type: 'Bot' as const },
  ])('refuses automatic runs for issues opened by the bot account $login', (author) => {
    const { intake } = setup();

    const result = intake.submit(trigger({ issue: { author } }));

    expect(result.reason).toBe('bot_user');
  });

  it.each([
    { outcome: 'planned' as const, version: v1, reason: 'processed_version' },
    { outcome: 'pr_opened' as const, version: v2, reason: 'terminal_outcome_new_version' },
    { outcome: 'planned' as const, version: v2, reason: 'created' },
  ])(
    'answers $reason to an automatic trigger at $version after a $outcome run of v1',
    ({ outcome, version, reason }) => {
      const { intake, issues } = setup();
      issues.recordOutcome({ number: 7, version: v1, outcome });

      const result = intake.submit(trigger({ issue: { updatedAt: version } }));

      expect(result.reason).toBe(reason);
    },
  );

  it.each<{
    name: string;
    settings: Partial<IssueIntakeSettings>;
    arrange?: TriggerOverrides;
    done?: boolean;
  }>([
    { name: 'manual mode', settings: { mode: 'manual' } },
    { name: 'disabled planning on open', settings: { autoPlanOnIssueOpen: false } },
    { name: 'a bot author', settings: {}, arrange: { issue: { author: { login: 'x[bot]', type: 'Bot' } } } },
    { name: 'a processed version with an opened pull request', settings: {}, done: true },
  ])('lets an approval through despite $name', ({ settings, arrange, done }) => {
    const { intake, issues } = setup(settings);
    if (done === true) issues.recordOutcome({ number: 7, version: v1, outcome: 'pr_opened' });

    const result = intake.submit(trigger({ ...arrange, ...approval }));

    expect(result).toMatchObject({ queued: true, created: true, reason: 'created' });
  });

  it('merges an approval into a waiting automatic run, which becomes explicit and urgent', () => {
    const { intake, queue } = setup();
    const automatic = intake.submit(trigger());

    const result = intake.submit(trigger(approval));

    expect(result).toMatchObject({ queued: true, created: false, reason: 'merged' });
    expect(result.task?.id).toBe(automatic.task?.id);
    expect(queue.list()).toHaveLength(1);
    expect(queue.get(automatic.task?.id ?? -1)).toMatchObject({
      priority: 'urgent',
      payload: { explicit: true, command: 'implement', approvedBy: 'maintainer' },
    });
  });

  it('queues an approval behind a running automatic run as a follow-up', () => {
    const { intake, queue } = setup();
    intake.submit(trigger());
    queue.claimNext({ workerId: 'worker', leaseMs: 60_000 });

    const result = intake.submit(trigger(approval));

    expect(result).toMatchObject({ queued: true, created: true, reason: 'created' });
    expect(queue.list()).toHaveLength(2);
  });

  it('queues an approval for a version whose automatic run already finished', () => {
    const { intake, queue } = setup();
    const automatic = intake.submit(trigger());
    queue.claimNext({ workerId: 'worker', leaseMs: 60_000 });
    queue.complete(automatic.task?.id ?? -1, 'worker');

    const result = intake.submit(trigger(approval));

    expect(result).toMatchObject({ queued: true, created: true, reason: 'created' });
    expect(result.task?.id).not.toBe(automatic.task?.id);
  });

  it('reports an automatic trigger for a newer version as already active while one waits', () => {
    const { intake, queue } = setup();
    const first = intake.submit(trigger());

    const result = intake.submit(trigger({ issue: { updatedAt: v2 } }));

    expect(result).toMatchObject({ queued: true, created: false, reason: 'already_active' });
    expect(result.task?.id).toBe(first.task?.id);
    expect(queue.list()).toHaveLength(1);
  });

  it('absorbs a redelivered trigger as a duplicate that still stands queued', () => {
    const { intake, queue, eventLog } = setup();
    intake.submit(trigger());

    const result = intake.submit(trigger({ source: 'polling' }));

    expect(result).toMatchObject({ queued: true, created: false, reason: 'duplicate' });
    expect(queue.list()).toHaveLength(1);
    expect(eventLog.list({ category: 'issue_task_queue' })).toHaveLength(1);
  });

  it('reports a duplicate of a finished run as not queued', () => {
    const { intake, queue } = setup();
    const first = intake.submit(trigger());
    queue.claimNext({ workerId: 'worker', leaseMs: 60_000 });
    queue.complete(first.task?.id ?? -1, 'worker');

    const result = intake.submit(trigger());

    expect(result).toMatchObject({ queued: false, created: false, reason: 'duplicate' });
  });

  it('does not revive an approval whose run failed permanently', () => {
    const { intake, queue } = setup();
    const first = intake.submit(trigger(approval));
    queue.claimNext({ workerId: 'worker', leaseMs: 60_000 });
    queue.bury(first.task?.id ?? -1, 'worker', { reason: 'unsafe patch', permanent: true });

    const result = intake.submit(trigger(approval));

    expect(result).toMatchObject({ queued: false, created: false, reason: 'permanent_failure' });
    expect(queue.get(first.task?.id ?? -1)?.status).toBe('dead_letter');
  });
});

describe('isBotAccount', () => {
  it.each([
    { login: 'dependabot[bot]', type: 'User', bot: true },
    { login: 'Renovate[BOT]', type: 'User', bot: true },
    { login: 'helper-app', type: 'Bot', bot: true },
    { login: 'robot-fan', type: 'User', bot: false },
  ])('treats $login ($type) as a bot: $bot', ({ login, type, bot }) => {
    expect(isBotAccount({ login, type })).toBe(bot);
  });
});
