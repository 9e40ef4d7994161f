import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createReviewGitHubClients,
  createSilentLogger,
  createTaskQueue,
  type EnqueueRequest,
  loadCoreMigrations,
  openDatabase,
  toIsoSeconds,
} from '@patchloop/core';
import {
  createFakeClock,
  type FakeClock,
  type FakeGitHub,
  issueCommentEventPayload,
  startFakeGitHub,
} from '@patchloop/sandbox';
import { describe, expect, it, onTestFinished } from 'vitest';
import { eventToTask } from './event-to-task.js';
import { createPollCycle, type PollCycleSettings } from './poll-cycle.js';
import type { ReviewCursorName, ReviewCursors, ReviewScanRecord, TrackedPullRequests } from './poll-ports.js';

const settings: PollCycleSettings = {
  itemsPerPage: 30,
  maxPages: 5,
  rules: { botLogins: [], ownLogin: 'patchloop-bot' },
  minIssueNumber: 0,
  minPullRequestNumber: 0,
  pendingPullRequests: { batchSize: 20, maxAgeMs: 30 * 86_400_000 },
  reviewSubmissions: { batchSize: 20, maxAgeMs: 21 * 86_400_000 },
};

// In-memory stand-ins for store/'s repositories, with the §4.4 rules the cycle relies on.
function createMemoryCursors(baseline: string): ReviewCursors & { values: Map<ReviewCursorName, string> } {
  const values = new Map<ReviewCursorName, string>();
  return {
    values,
    get: (name) => values.get(name) ?? baseline,
    advance: (name, at, overlapMs) => {
      const candidate = toIsoSeconds(Date.parse(at) - overlapMs);
      if (Date.parse(candidate) > Date.parse(values.get(name) ?? baseline)) values.set(name, candidate);
    },
  };
}

interface MemoryTracked extends TrackedPullRequests {
  pending: number[];
  forReview: number[];
  readonly scans: ReviewScanRecord[];
  readonly unreachable: Map<number, number>;
}

function createMemoryTracked(cutoff: string): MemoryTracked {
  const tracked: MemoryTracked = {
    pending: [],
    forReview: [],
    scans: [],
    unreachable: new Map(),
    pendingPrNumbersForPolling: () => tracked.pending,
    prNumbersForReviewPolling: () => tracked.forReview,
    prReviewPollingCutoff: (number) =>
      tracked.scans.findLast((scan) => scan.number === number)?.newestReviewAt ?? cutoff,
    recordReviewScan: (record) => {
      tracked.scans.push(record);
    },
    markPrUnreachable: (number) => {
      tracked.unreachable.set(number, (tracked.unreachable.get(number) ?? 0) + 1);
    },
    clearPrUnreachable: (number) => {
      tracked.unreachable.delete(number);
    },
  };
  return tracked;
}

interface Harness {
  readonly github: FakeGitHub;
  readonly clock: FakeClock;
  readonly cursors: ReturnType<typeof createMemoryCursors>;
  readonly tracked: MemoryTracked;
  readonly requests: EnqueueRequest[];
  runOnce(): ReturnType<ReturnType<typeof createPollCycle>['runOnce']>;
}

async function startHarness(
  options: { enqueue?: (request: EnqueueRequest) => { disposition: 'created' } } = {},
): Promise<Harness> {
  const clock = createFakeClock(Date.UTC(2026, 0, 1));
  const github = await startFakeGitHub({ owner: 'acme', repo: 'widgets', clock });
  onTestFinished(() => github.close());
  const logger = createSilentLogger();
  const { reader } = createReviewGitHubClients({
    owner: 'acme',
    repo: 'widgets',
    apiUrl: github.url,
    token: 'read-token',
    logger,
    clock,
    tuning: { retries: 0 },
  });
  // A fresh install: everything before this instant is history.
  const baseline = toIsoSeconds(clock.now());
  const cursors = createMemoryCursors(baseline);
  const tracked = createMemoryTracked(baseline);
  const requests: EnqueueRequest[] = [];
  const cycle = createPollCycle({
    reader,
    cursors,
    trackedPullRequests: tracked,
    enqueue:
      options.enqueue ??
      ((request) => {
        requests.push(request);
        return { disposition: 'created' };
      }),
    clock,
    logger,
    settings,
  });
  await clock.advance(60_000);
  return { github, clock, cursors, tracked, requests, runOnce: () => cycle.runOnce() };
}

function keys(requests: readonly EnqueueRequest[]): string[] {
  return requests.map((request) => request.dedupeKey);
}

describe('createPollCycle', () => {
  it('turns a new issue into one issue task', async () => {
    const h = await startHarness();
    const issue = h.github.model.addIssue({ title: 'Crash on start', body: 'It crashes.' });

    const report = await h.runOnce();

    expect(keys(h.requests)).toEqual([`issue:${issue.number}:updated:${issue.updated_at}`]);
    expect(h.requests[0]?.payload).toMatchObject({
      source: 'polling',
      activity: null,
      allowUnanswerableReply: true,
    });
    expect(report).toEqual({ enqueued: 1, failedItems: 0, failedListings: [] });
    h.github.assertNoViolations();
  });

  it('starts a fresh install from now: older issues and closed issues are not answered', async () => {
    const h = await startHarness();
    const closed = h.github.model.addIssue({ title: 'Old bug' });
    h.github.model.closeIssue(closed.number);
    const pastBaseline = h.cursors.get('issue');

    await h.runOnce();

    expect(h.requests).toEqual([]);
    expect(Date.parse(h.cursors.get('issue'))).toBeGreaterThan(Date.parse(pastBaseline));
    h.github.assertNoViolations();
  });

  it('turns a new comment on an issue into one task carrying the activity', async () => {
    const h = await startHarness();
    const issue = h.github.model.addIssue({ title: 'Question' });
    await h.runOnce();
    await h.clock.advance(60_000);
    const comment = h.github.model.addIssueComment(issue.number, { body: 'Any news?', user: 'octocat' });
    h.requests.length = 0;

    await h.runOnce();

    expect(h.requests).toHaveLength(1);
    expect(h.requests[0]?.dedupeKey).toMatch(
      new RegExp(`^issue:${issue.number}:activity:issue_comment:${comment.id}:`),
    );
    expect(h.requests[0]?.payload).toMatchObject({
      allowUnanswerableReply: false,
      activity: { kind: 'issue_comment', id: String(comment.id), author: 'octocat' },
    });
    h.github.assertNoViolations();
  });

  it('never lets its own marked comments or bot comments trigger work', async () => {
    const h = await startHarness();
    const issue = h.github.model.addIssue({ title: 'Question' });
    await h.runOnce();
    await h.clock.advance(60_000);
    h.github.model.addUser('renovate[bot]', { type: 'Bot' });
    h.github.model.addIssueComment(issue.number, { body: 'Bump deps', user: 'renovate[bot]' });
    h.github.model.addIssueComment(issue.number, {
      body: 'Analysis\n<!-- openreview:idempotency:issue:0123456789abcdef0123 -->',
      user: 'someone-else',
    });
    h.requests.length = 0;

    await h.runOnce();

    expect(h.requests.filter((request) => request.payload['activity'] !== null)).toEqual([]);
    h.github.assertNoViolations();
  });

  it('keeps the cursor when GitHub answers 502 and enqueues the missed issue next cycle', async () => {
    const h = await startHarness();
    const before = h.cursors.get('issue');
    h.github.faults.add({ method: 'GET', path: '/repos/acme/widgets/issues', status: 502 });
    const issue = h.github.model.addIssue({ title: 'Lost?' });

    const failed = await h.runOnce();
    const cursorAfterFailure = h.cursors.get('issue');
    await h.runOnce();

    expect(failed.failedListings).toEqual(['issues']);
    expect(cursorAfterFailure).toBe(before);
    expect(keys(h.requests)).toEqual([`issue:${issue.number}:updated:${issue.updated_at}`]);
    h.github.assertNoViolations();
  });

  it('keeps the cursor 30 s before an item that could not be queued and lists it again', async () => {
    let refuse = true;
    const accepted: EnqueueRequest[] = [];
    const h = await startHarness({
      enqueue: (request) => {
        if (refuse) throw new Error('database is locked');
        accepted.push(request);
        return { disposition: 'created' };
      },
    });
    const issue = h.github.model.addIssue({ title: 'Retry me' });

    const report = await h.runOnce();
    const cursorAfterFailure = h.cursors.get('issue');
    refuse = false;
    await h.clock.advance(60_000);
    await h.runOnce();

    expect(report.failedItems).toBe(1);
    expect(cursorAfterFailure).toBe(toIsoSeconds(Date.parse(issue.updated_at) - 30_000));
    expect(keys(accepted)).toEqual([`issue:${issue.number}:updated:${issue.updated_at}`]);
    h.github.assertNoViolations();
  });

  it('turns a changed open pull request into a task and skips a pending one that was closed', async () => {
    const h = await startHarness();
    h.github.model.setBranch('fix', 'a'.repeat(40));
    h.github.model.setBranch('gone', 'b'.repeat(40));
    const gone = h.github.model.addPullRequest({ title: 'Gone', head: 'gone' });
    h.github.model.updatePullRequest(gone.number, { state: 'closed' });
    const pull = h.github.model.addPullRequest({ title: 'Fix crash', head: 'fix' });
    h.tracked.pending = [gone.number];

    await h.runOnce();

    expect(keys(h.requests)).toEqual([`pr:${pull.number}:head:${'a'.repeat(40)}:updated:${pull.updated_at}`]);
    expect(h.github.requests.filter((request) => request.path.endsWith(`/pulls/${gone.number}`))).toEqual([]);
    h.github.assertNoViolations();
  });

  it('finds a new review submission on a tracked pull request and records the scan', async () => {
    const h = await startHarness();
    h.github.model.setBranch('fix', 'a'.repeat(40));
    const pull = h.github.model.addPullRequest({ title: 'Fix crash', head: 'fix' });
    await h.runOnce();
    await h.clock.advance(60_000);
    h.tracked.forReview = [pull.number];
    const review = h.github.model.addReview(pull.number, {
      user: 'maintainer',
      state: 'COMMENTED',
      body: 'Why this approach?',
    });
    h.requests.length = 0;

    await h.runOnce();

    // The review also moved the PR's updated_at, so the PR itself is listed as changed too.
    const activityKeys = keys(h.requests).filter((key) => key.includes(':activity:'));
    expect(activityKeys).toHaveLength(1);
    expect(activityKeys[0]).toMatch(new RegExp(`^pr:${pull.number}:activity:review:${review.id}:`));
    expect(h.tracked.scans).toEqual([
      { number: pull.number, scannedAt: toIsoSeconds(h.clock.now()), newestReviewAt: review.submitted_at },
    ]);
    h.github.assertNoViolations();
  });

  it('counts a 404 on the review listing of a tracked pull request as unreachable', async () => {
    const h = await startHarness();
    h.github.model.setBranch('fix', 'a'.repeat(40));
    const pull = h.github.model.addPullRequest({ title: 'Fix crash', head: 'fix' });
    h.tracked.forReview = [pull.number];
    h.github.faults.add({
      method: 'GET',
      path: `/repos/acme/widgets/pulls/${pull.number}/reviews`,
      status: 404,
    });

    await h.runOnce();

    expect(h.tracked.unreachable.get(pull.number)).toBe(1);
    expect(h.tracked.scans).toEqual([]);
    h.github.assertNoViolations();
  });

  it('costs no rate limit when nothing changed: every request is conditional and answered 304', async () => {
    const h = await startHarness();
    h.github.model.setBranch('fix', 'a'.repeat(40));
    const issue = h.github.model.addIssue({ title: 'Question' });
    const pull = h.github.model.addPullRequest({ title: 'Fix crash', head: 'fix' });
    h.github.model.addIssueComment(issue.number, { body: 'Details?', user: 'octocat' });
    h.github.model.addReviewComment(pull.number, { user: 'octocat', body: 'Nit', path: 'a.ts', line: 1 });
    h.github.model.addReview(pull.number, { user: 'maintainer', state: 'COMMENTED', body: 'Looks odd' });
    h.tracked.pending = [pull.number];
    h.tracked.forReview = [pull.number];
    // The first cycle reads everything and moves the cursors; the second re-reads the overlap.
    await h.runOnce();
    await h.runOnce();
    const firstIdle = h.github.requests.length;
    const used = h.github.rateLimit().used;

    await h.runOnce();

    const idle = h.github.requests.slice(firstIdle);
    expect(idle.length).toBeGreaterThan(0);
    expect(idle.length).toBeLessThanOrEqual(4);
    expect(idle.every((request) => request.conditional && request.status === 304)).toBe(true);
    expect(h.github.rateLimit().used).toBe(used);
    h.github.assertNoViolations();
  });
});

describe('createPollCycle with the webhook', () => {
  it('makes one task of a comment seen by webhook and by poll', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'patchloop-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const db = openDatabase({ path: join(dir, 'state.db'), migrations: [loadCoreMigrations()] });
    onTestFinished(() => {
      db.close();
    });
    const accepted: EnqueueRequest[] = [];
    let queue: ReturnType<typeof createTaskQueue> | undefined;
    const h = await startHarness({
      enqueue: (request) => {
        accepted.push(request);
        queue?.enqueue(request);
        return { disposition: 'created' };
      },
    });
    queue = createTaskQueue({ db, clock: h.clock });
    const issue = h.github.model.addIssue({ title: 'Question' });
    await h.runOnce();
    // The first reply is done, so the comment's task is not folded into a waiting one.
    const first = queue.claimNext({ workerId: 'worker', leaseMs: 60_000 });
    queue.complete(first?.id ?? -1, 'worker');
    await h.clock.advance(60_000);
    const comment = h.github.model.addIssueComment(issue.number, { body: 'Any news?', user: 'octocat' });
    const webhook = eventToTask(
      {
        name: 'issue_comment',
        action: 'created',
        payload: issueCommentEventPayload(h.github.model, 'created', comment.id),
      },
      { rules: settings.rules, minIssueNumber: 0, minPullRequestNumber: 0 },
    );
    for (const request of webhook.kind === 'enqueue' ? webhook.requests : []) queue.enqueue(request);

    await h.runOnce();

    const commentTasks = queue.list().filter((task) => task.dedupeKey.includes(':activity:'));
    expect(commentTasks).toHaveLength(1);
    expect(keys(accepted)).toContain(commentTasks[0]?.dedupeKey);
    h.github.assertNoViolations();
  });
});
