import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTaskQueue, loadCoreMigrations, openDatabase } from '@patchloop/core';
import { createFakeClock } from '@patchloop/sandbox';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { ReviewIssuePayload } from './review-tasks.js';
import { issueTaskRequest, pullRequestTaskRequest } from './review-tasks.js';

function queueOnDisk() {
  const dir = mkdtempSync(path.join(tmpdir(), 'patchloop-review-tasks-'));
  const clock = createFakeClock();
  const db = openDatabase({ path: path.join(dir, 'state.db'), migrations: [loadCoreMigrations()], clock });
  onTestFinished(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return createTaskQueue({ db, clock });
}

const comment = (id: string, at: string) => ({
  kind: 'issue_comment' as const,
  id,
  at,
  author: 'alice',
  fingerprint: `issue_comment:${id}:0123456789abcdef`,
});

const issueTrigger = (overrides: Partial<ReviewIssuePayload> = {}): ReviewIssuePayload => ({
  number: 7,
  source: 'polling',
  updatedAt: '2026-01-01T10:00:00Z',
  activity: null,
  allowUnanswerableReply: true,
  ...overrides,
});

describe('issueTaskRequest', () => {
  it('gives the same dedupe key to one comment seen by webhook and by poll', () => {
    const byWebhook = issueTaskRequest(issueTrigger({ source: 'webhook', activity: comment('901', 'T1') }));
    const byPoll = issueTaskRequest(issueTrigger({ source: 'polling', activity: comment('901', 'T1') }));

    expect(byWebhook.dedupeKey).toBe(byPoll.dedupeKey);
    expect(byWebhook.targetKey).toBe('issue:7');
  });

  it('makes one task when the same comment is enqueued twice', () => {
    const queue = queueOnDisk();

    queue.enqueue(issueTaskRequest(issueTrigger({ source: 'webhook', activity: comment('901', 'T1') })));
    queue.enqueue(issueTaskRequest(issueTrigger({ source: 'polling', activity: comment('901', 'T1') })));

    expect(queue.list({})).toHaveLength(1);
  });

  it('queues a follow-up for a newer comment that arrives while the issue is being answered', () => {
    const queue = queueOnDisk();
    queue.enqueue(issueTaskRequest(issueTrigger({ activity: comment('901', 'T1') })));
    const running = queue.claimNext({ workerId: 'w1', leaseMs: 60_000 });

    const { created } = queue.enqueue(issueTaskRequest(issueTrigger({ activity: comment('902', 'T2') })));

    expect(running?.status).toBe('running');
    expect(created).toBe(true);
    expect(queue.list({ status: 'queued' }).map((task) => task.payload['activity'])).toEqual([
      expect.objectContaining({ id: '902' }),
    ]);
  });
});

describe('pullRequestTaskRequest', () => {
  it('keys a trigger without discussion by head SHA and updated_at', () => {
    const request = pullRequestTaskRequest({
      number: 5,
      source: 'webhook',
      headSha: 'abc123',
      updatedAt: '2026-01-01T10:00:00Z',
      activity: null,
    });

    expect(request.dedupeKey).toBe('pr:5:head:abc123:updated:2026-01-01T10:00:00Z');
    expect(request.targetKey).toBe('pr:5');
  });
});
