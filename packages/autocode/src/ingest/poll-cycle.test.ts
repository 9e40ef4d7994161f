import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createCodeGitHubClients,
  createEventLogRepository,
  createPollCursorRepository,
  createSilentLogger,
  createTaskQueue,
  loadCoreMigrations,
  openDatabase,
  toIsoSeconds,
} from '@patchloop/core';
import { createFakeClock, startFakeGitHub } from '@patchloop/sandbox';
import { describe, expect, it, onTestFinished } from 'vitest';
import { loadAutocodeMigrations } from '../store/autocode-migrations.js';
import { createIssueRecordRepository } from '../store/issue-record-repository.js';
import { autocodeTaskTypes } from '../tasks/autocode-tasks.js';
import { createIssueIntake } from './issue-intake.js';
import type { AutocodePollSettings } from './poll-cycle.js';
import { createAutocodePollCycle } from './poll-cycle.js';

const minute = 60_000;
const commentsPath = '/repos/acme/widgets/issues/comments';
const issuesPath = '/repos/acme/widgets/issues';

async function setup(settings: Partial<AutocodePollSettings> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'patchloop-'));
  const clock = createFakeClock(Date.UTC(2026, 0, 1, 10));
  const db = openDatabase({
    path: join(dir, 'autocode.db'),
    migrations: [loadCoreMigrations(), loadAutocodeMigrations()],
    clock,
  });
  const github = await startFakeGitHub({ owner: 'acme', repo: 'widgets', clock });
  onTestFinished(async () => {
    await github.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const logger = createSilentLogger();
  const { reader } = createCodeGitHubClients({
    owner: 'acme',
    repo: 'widgets',
    apiUrl: github.url,
    token: 'read-token',
    logger,
    clock,
    tuning: { retries: 0 },
  });
  const queue = createTaskQueue({ db, clock });
  const cursors = createPollCursorRepository({ db, clock });
  const eventLog = createEventLogRepository({ db, clock });
  const intake = createIssueIntake({
    queue,
    issues: createIssueRecordRepository({ db, clock }),
    eventLog,
    settings: { mode: 'semi_auto', autoPlanOnIssueOpen: true, maxAttempts: 3 },
    logger,
  });
  const createCycle = () =>
    createAutocodePollCycle({
      reader,
      cursors,
      queue,
      intake,
      eventLog,
      clock,
      logger,
      settings: { itemsPerPage: 30, maxPages: 5, backfillMs: 0, listIssues: true, ...settings },
    });
  const commentTasks = () => queue.list({ type: autocodeTaskTypes.comment });
  return { clock, github, queue, cursors, eventLog, createCycle, commentTasks };
}

describe('createAutocodePollCycle', () => {
  it('fixes the baseline once, from the backfill window, and keeps it across restarts', async () => {
    const h = await setup({ backfillMs: 30 * minute });
    const start = h.clock.now();

    const first = h.createCycle().baseline();
    await h.clock.advance(10 * minute);
    const later = h.createCycle().baseline();

    expect(first).toBe(toIsoSeconds(start - 30 * minute));
    expect(later).toBe(first);
    expect(h.cursors.get('autocode:baseline')?.value).toBe(first);
  });

  it('turns comments made after the baseline into comment intake tasks', async () => {
    const h = await setup();
    const cycle = h.createCycle();
    cycle.baseline();
    await h.clock.advance(minute);
    const issue = h.github.model.addIssue({ title: 'Crash on save' });
    const comment = h.github.model.addIssueComment(issue.number, { body: '/implement', user: 'maintainer' });

    const report = await cycle.runOnce();

    expect(report.comments).toEqual({ fetched: 1, queued: 1, failed: false });
    expect(h.commentTasks().map((task) => task.payload)).toEqual([
      {
        issueNumber: issue.number,
        commentId: comment.id,
        commentUpdatedAt: comment.updated_at,
        body: '/implement',
        author: 'maintainer',
        authorType: 'User',
        source: 'polling',
      },
    ]);
    expect(h.cursors.get('autocode:issue-comments')?.value).toBe(comment.updated_at);
    h.github.assertNoViolations();
  });

  it('queues an automatic run for an issue opened after the baseline', async () => {
    const h = await setup();
    const cycle = h.createCycle();
    cycle.baseline();
    await h.clock.advance(minute);
    const issue = h.github.model.addIssue({ title: 'Crash on save' });

    const report = await cycle.runOnce();

    expect(report.issues).toEqual({ fetched: 1, queued: 1, failed: false });
    expect(h.queue.list({ type: autocodeTaskTypes.issue })[0]?.payload).toMatchObject({
      number: issue.number,
      trigger: 'issue_open',
      explicit: false,
    });
    h.github.assertNoViolations();
  });

  // Bug: the webhook intake drops pull request conversations, the poll queues them, and an
  // approver's ambiguous comment on a pull request then costs a permission lookup and a CLI call.
  it('leaves comments in pull request conversations to the repair loop, as the webhook intake does', async () => {
    const h = await setup();
    const cycle = h.createCycle();
    cycle.baseline();
    await h.clock.advance(minute);
    h.github.model.setBranch('fix', 'a'.repeat(40));
    const pull = h.github.model.addPullRequest({ title: 'Fix crash', head: 'fix' });
    h.github.model.addIssueComment(pull.number, {
      body: 'Could you also handle the empty case?',
      user: 'maintainer',
    });

    const report = await cycle.runOnce();

    expect(report.comments.queued).toBe(0);
    expect(h.commentTasks()).toEqual([]);
    h.github.assertNoViolations();
  });

  it('ignores comments older than the baseline', async () => {
    const h = await setup();
    const issue = h.github.model.addIssue({ title: 'Old crash' });
    h.github.model.addIssueComment(issue.number, { body: '/implement', user: 'maintainer' });
    await h.clock.advance(10 * minute);

    const report = await h.createCycle().runOnce();

    expect(report.comments).toEqual({ fetched: 0, queued: 0, failed: false });
    expect(h.queue.list()).toEqual([]);
    h.github.assertNoViolations();
  });

  it('queues nothing more when nothing changed, and the idle cycle is answered 304 for free', async () => {
    const h = await setup();
    const cycle = h.createCycle();
    cycle.baseline();
    await h.clock.advance(minute);
    const issue = h.github.model.addIssue({ title: 'Crash on save' });
    h.github.model.addIssueComment(issue.number, { body: '/implement', user: 'maintainer' });
    await cycle.runOnce();
    // The second cycle re-reads the overlap window behind the moved cursors.
    const overlap = await cycle.runOnce();
    const before = h.github.requests.length;
    const used = h.github.rateLimit().used;

    const idle = await cycle.runOnce();

    expect(overlap.comments.queued + (overlap.issues?.queued ?? 0)).toBe(0);
    expect(idle.comments.queued + (idle.issues?.queued ?? 0)).toBe(0);
    expect(h.queue.list()).toHaveLength(2);
    const idleRequests = h.github.requests.slice(before);
    expect(idleRequests).toHaveLength(2);
    expect(idleRequests.every((request) => request.conditional && request.status === 304)).toBe(true);
    expect(h.github.rateLimit().used).toBe(used);
    h.github.assertNoViolations();
  });

  it('keeps the cursor of a failing listing, logs the step and still runs the other listing', async () => {
    const h = await setup();
    const cycle = h.createCycle();
    const baseline = cycle.baseline();
    await h.clock.advance(minute);
    const issue = h.github.model.addIssue({ title: 'Crash on save' });
    const comment = h.github.model.addIssueComment(issue.number, { body: '/implement', user: 'maintainer' });
    h.github.faults.add({ method: 'GET', path: commentsPath, status: 502 });

    const failed = await cycle.runOnce();
    const cursorAfterFailure = h.cursors.get('autocode:issue-comments')?.value ?? baseline;
    const recovered = await cycle.runOnce();

    expect(failed.comments).toEqual({ fetched: 0, queued: 0, failed: true });
    expect(failed.issues).toEqual({ fetched: 1, queued: 1, failed: false });
    expect(cursorAfterFailure).toBe(baseline);
    expect(h.eventLog.list({ category: 'poll_step' }).map((event) => event.data)).toEqual([
      { source: 'issue_comment_poll' },
    ]);
    expect(recovered.comments).toMatchObject({ queued: 1, failed: false });
    expect(h.commentTasks().map((task) => task.payload['commentId'])).toEqual([comment.id]);
    h.github.assertNoViolations();
  });

  it('makes no issue listing request when issue listing is off', async () => {
    const h = await setup({ listIssues: false });
    const cycle = h.createCycle();
    cycle.baseline();
    await h.clock.advance(minute);
    h.github.model.addIssue({ title: 'Crash on save' });

    const report = await cycle.runOnce();

    expect(report.issues).toBeNull();
    expect(h.github.requests.filter((request) => request.path === issuesPath)).toEqual([]);
    expect(h.github.requests.filter((request) => request.path === commentsPath)).toHaveLength(1);
    expect(h.queue.list()).toEqual([]);
  });
});
