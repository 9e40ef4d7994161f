import { examplePayload } from '@patchloop/sandbox';
import { describe, expect, it } from 'vitest';
import { type EventRoutingSettings, eventToTask } from './event-to-task.js';

// Real payloads from @octokit/webhooks-examples, overlaid only where a rule needs it.

const settings: EventRoutingSettings = {
  rules: { botLogins: ['ci-robot'], ownLogin: 'patchloop-bot' },
  minIssueNumber: 0,
  minPullRequestNumber: 0,
};

const marker = '<!-- openreview:idempotency:issue:0123456789abcdef0123 -->';

function delivery(name: string, action: string | undefined, changes: Record<string, unknown> = {}) {
  const payload = examplePayload(name, action);
  for (const [path, value] of Object.entries(changes)) setPath(payload, path.split('.'), value);
  return { name, action, payload };
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (rest.length === 0) {
    target[head] = value;
    return;
  }
  const next = target[head];
  if (typeof next !== 'object' || next === null) throw new Error(`No object at ${head}`);
  setPath(next as Record<string, unknown>, rest, value);
}

function dedupeKeys(routing: ReturnType<typeof eventToTask>): readonly string[] {
  return routing.kind === 'enqueue' ? routing.requests.map((request) => request.dedupeKey) : [];
}

describe('eventToTask', () => {
  it.each([
    ['issues', 'opened', 'issue:1:updated:'],
    ['issues', 'reopened', 'issue:1:updated:'],
    ['issues', 'edited', 'issue:1:updated:'],
    ['issue_comment', 'created', 'issue:1:activity:issue_comment:'],
    ['issue_comment', 'edited', 'issue:1:activity:issue_comment:'],
    ['pull_request', 'opened', 'pr:2:head:ec26c3e57ca3a959ca5aad62de7213c562f8c821:updated:'],
    ['pull_request', 'reopened', 'pr:2:head:'],
    ['pull_request', 'synchronize', 'pr:2:head:'],
    ['pull_request', 'ready_for_review', 'pr:2:head:'],
    ['pull_request_review_comment', 'created', 'pr:2:activity:review_comment:284312630:'],
  ])('turns %s.%s into one task', (name, action, keyPrefix) => {
    const routing = eventToTask(delivery(name, action), settings);

    expect(dedupeKeys(routing)).toHaveLength(1);
    expect(dedupeKeys(routing)[0]).toMatch(new RegExp(`^${keyPrefix}`));
  });

  it('turns a submitted review with a body into a pull request task with a review activity', () => {
    const event = delivery('pull_request_review', 'submitted', { 'review.body': 'Please add a test.' });

    const routing = eventToTask(event, settings);

    expect(routing.kind).toBe('enqueue');
    const request = routing.kind === 'enqueue' ? routing.requests[0] : undefined;
    expect(request?.type).toBe('review_pull_request');
    expect(request?.payload).toMatchObject({
      number: 2,
      source: 'webhook',
      headSha: null,
      activity: { kind: 'review', author: 'Codertocat', at: '2019-05-15T15:20:38Z' },
    });
  });

  it('routes a comment on a pull request conversation to a pull request task', () => {
    const event = delivery('issue_comment', 'created', { 'issue.pull_request': { url: 'x' } });

    const routing = eventToTask(event, settings);

    expect(dedupeKeys(routing)[0]).toMatch(/^pr:1:activity:issue_comment:492700400:/);
  });

  it('forbids the canned unanswerable reply for comment-triggered issue tasks only', () => {
    const opened = eventToTask(delivery('issues', 'opened'), settings);
    const commented = eventToTask(delivery('issue_comment', 'created'), settings);

    expect(opened.kind === 'enqueue' && opened.requests[0]?.payload['allowUnanswerableReply']).toBe(true);
    expect(commented.kind === 'enqueue' && commented.requests[0]?.payload['allowUnanswerableReply']).toBe(
      false,
    );
  });

  it.each([
    ['check_suite', { 'check_suite.pull_requests': [{ number: 2 }, { number: 5 }] }, 2],
    ['check_run', {}, 1],
  ])('turns a completed %s into one task per linked pull request', (name, changes, count) => {
    const routing = eventToTask(delivery(name, 'completed', changes), settings);

    expect(dedupeKeys(routing)).toHaveLength(count);
    expect(dedupeKeys(routing)[0]).toMatch(
      /^pr:2:head:ec26c3e57ca3a959ca5aad62de7213c562f8c821:updated:2019-/,
    );
  });

  it.each([
    ['a comment by a GitHub App bot', 'issue_comment', 'created', { 'comment.user.type': 'Bot' }, 'bot'],
    [
      'a comment by a [bot] login',
      'issue_comment',
      'created',
      { 'comment.user.login': 'dependabot[bot]' },
      'bot',
    ],
    [
      'a comment by a configured bot login',
      'issue_comment',
      'created',
      { 'comment.user.login': 'CI-Robot' },
      'bot',
    ],
    [
      'a comment by the daemon itself',
      'issue_comment',
      'created',
      { 'comment.user.login': 'patchloop-bot' },
      'daemon',
    ],
    [
      'a marked comment by any human',
      'issue_comment',
      'created',
      { 'comment.body': `Done.\n${marker}` },
      'marker',
    ],
    [
      'an autocode-marked comment',
      'issue_comment',
      'created',
      { 'comment.body': 'Plan\n<!-- autocode:plan:7 -->' },
      'marker',
    ],
    [
      'a slash command',
      'issue_comment',
      'created',
      { 'comment.body': 'Thanks!\n  /implement please' },
      'slash',
    ],
    ['a comment on a closed issue', 'issue_comment', 'created', { 'issue.state': 'closed' }, 'closed'],
    ['a deleted comment', 'issue_comment', 'deleted', {}, 'not handled'],
    ['an issue edited by a bot', 'issues', 'edited', { 'sender.type': 'Bot' }, 'bot'],
    ['an issue opened by a bot', 'issues', 'opened', { 'issue.user.login': 'renovate[bot]' }, 'bot'],
    ['an event on a closed issue', 'issues', 'edited', { 'issue.state': 'closed' }, 'closed'],
    ['a closed pull request', 'pull_request', 'closed', {}, 'not handled'],
    [
      'an event on a closed pull request',
      'pull_request',
      'reopened',
      { 'pull_request.state': 'closed' },
      'closed',
    ],
    ['a review without a body', 'pull_request_review', 'submitted', {}, 'no body'],
    [
      'a review carrying a marker',
      'pull_request_review',
      'submitted',
      { 'review.body': `LGTM\n${marker}` },
      'marker',
    ],
    [
      'an empty review comment',
      'pull_request_review_comment',
      'created',
      { 'comment.body': '  ' },
      'no body',
    ],
    [
      'a check suite of a fork pull request',
      'check_suite',
      'completed',
      { 'check_suite.pull_requests': [] },
      'no eligible',
    ],
    ['a check run still running', 'check_run', 'created', {}, 'not handled'],
    ['a ping', 'ping', undefined, {}, 'ping'],
    ['a malformed comment payload', 'issue_comment', 'created', { 'comment.id': 'x' }, 'malformed'],
    ['a payload without an issue', 'issues', 'opened', { issue: null }, 'malformed'],
  ])('ignores %s', (_title, name, action, changes, reason) => {
    const routing = eventToTask(delivery(name, action, changes), settings);

    expect(routing.kind).toBe('ignore');
    expect(routing.kind === 'ignore' ? routing.reason : '').toContain(reason);
  });

  it('ignores a pull request edited by a bot but not one edited by a person', () => {
    // The collection has no `pull_request.edited` example: a real `synchronize` payload stands in.
    const byBot = delivery('pull_request', 'synchronize', { 'sender.type': 'Bot' });
    const byPerson = delivery('pull_request', 'synchronize');

    expect(eventToTask({ ...byBot, action: 'edited' }, settings)).toEqual({
      kind: 'ignore',
      reason: 'pull request edited by a bot',
    });
    expect(eventToTask({ ...byPerson, action: 'edited' }, settings).kind).toBe('enqueue');
  });

  it('ignores a marked comment even when the own login is unknown', () => {
    const event = delivery('issue_comment', 'created', { 'comment.body': `Answer\n${marker}` });

    const routing = eventToTask(event, { ...settings, rules: { botLogins: [], ownLogin: null } });

    expect(routing).toEqual({ kind: 'ignore', reason: 'comment ignored: body carries a PatchLoop marker' });
  });

  it('ignores items at or below the configured minimum numbers', () => {
    const raised = { ...settings, minIssueNumber: 1, minPullRequestNumber: 2 };

    expect(eventToTask(delivery('issues', 'opened'), raised).kind).toBe('ignore');
    expect(eventToTask(delivery('pull_request', 'opened'), raised).kind).toBe('ignore');
  });

  it('still enqueues a draft pull request: the handler decides whether a first review is due', () => {
    const routing = eventToTask(delivery('pull_request', 'opened', { 'pull_request.draft': true }), settings);

    expect(routing.kind).toBe('enqueue');
  });

  it('gives an edited comment a new version so the edit is answered once', () => {
    const original = eventToTask(delivery('issue_comment', 'created'), settings);
    const edited = eventToTask(
      delivery('issue_comment', 'edited', { 'comment.id': 492700400, 'comment.body': 'Edited text' }),
      settings,
    );

    expect(dedupeKeys(edited)[0]).not.toBe(dedupeKeys(original)[0]);
  });
});
