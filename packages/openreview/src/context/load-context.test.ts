import type { GitHubReader, Issue } from '@patchloop/core';
import { createReviewGitHubClients, createSilentLogger } from '@patchloop/core';
import type { FakeGitHub } from '@patchloop/sandbox';
import { createFakeClock, startFakeGitHub } from '@patchloop/sandbox';
import { describe, expect, it, onTestFinished } from 'vitest';
import { loadIssueContext } from './load-issue-context.js';
import { loadPullRequestDiscussion } from './load-pull-request-context.js';

const filter = { ownLogin: 'patchloop-bot', botLogins: [] };

async function start(): Promise<{
  github: FakeGitHub;
  reader: ReturnType<typeof createReviewGitHubClients>['reader'];
}> {
  const github = await startFakeGitHub({ owner: 'demo', repo: 'repo' });
  onTestFinished(() => github.close());
  const { reader } = createReviewGitHubClients({
    owner: 'demo',
    repo: 'repo',
    apiUrl: github.url,
    token: 'read-token',
    logger: createSilentLogger(),
    clock: createFakeClock(),
    tuning: { retries: 0, rateLimitRetries: 0 },
  });
  return { github, reader };
}

/**
 * Search answered from the issue listing over HTTP. Core's searchIssues cannot read the fake's
 * search answer yet (Octokit's paginate trips on its `search_type` field; reported to the lead),
 * so the positive path uses this stand-in and records the queries it was asked.
 */
function withListingSearch(reader: GitHubReader, queries: string[]): GitHubReader {
  return {
    ...reader,
    searchIssues: async (query) => {
      queries.push(query);
      const words = (query.match(/"[^"]*"|\S+/g) ?? []).filter((word) => !/^[a-z]+:/.test(word));
      const kind = /\bis:pr\b/.test(query) ? 'pr' : /\bis:issue\b/.test(query) ? 'issue' : 'any';
      const all = await reader.listIssues({ state: 'all' });
      return all.filter(
        (issue: Issue) =>
          (kind === 'any' || issue.isPullRequest === (kind === 'pr')) &&
          words.every((word) =>
            `${issue.title}\n${issue.body}`.toLowerCase().includes(word.replace(/"/g, '').toLowerCase()),
          ),
      );
    },
  };
}

describe('loadIssueContext', () => {
  it('reads the discussion, duplicates, related issues and related PRs with two searches', async () => {
    const { github, reader } = await start();
    github.model.addIssue({
      title: 'Webhook signature mismatch behind nginx',
      body: 'old report',
      state: 'closed',
    });
    github.model.addIssue({
      title: 'Webhook retries and signature docs',
      body: 'mismatch behind nginx setup',
    });
    const current = github.model.addIssue({
      title: 'Webhook signature mismatch behind nginx',
      body: 'webhook signature',
    });
    github.model.addPullRequest({
      title: 'Fix webhook signature check',
      body: `Fixes #${current.number}`,
      head: 'fix',
    });
    github.model.setPermission('alice', 'write');
    const posted = github.model.addIssueComment(current.number, {
      body: 'Still happens on v2',
      user: 'alice',
    });

    const queries: string[] = [];

    const context = await loadIssueContext(
      { reader: withListingSearch(reader, queries), repo: 'demo/repo', logger: createSilentLogger(), filter },
      { number: current.number, title: current.title, body: current.body ?? '' },
    );

    expect(context.latestActivity?.fingerprint).toMatch(new RegExp(`^issue_comment:${posted.id}:`));
    expect(context.latestCommentAt).toBe(posted.updated_at);
    expect(context.discussion).toContain('@alice');
    expect(context.discussion).not.toContain('Untrusted');
    expect(context.duplicates.map((match) => match.issue.number)).toEqual([1]);
    expect(context.triage).toContain('### Suspected duplicates (high confidence)\n- #1 [closed]');
    expect(context.triage).toContain('### Related issues / usage discussions\n- #2 [open]');
    expect(context.triage).toContain('- PR #4 [open] Fix webhook signature check');
    expect(context.triage).toContain('- PR #4 still in progress');
    expect(queries).toEqual([
      'repo:demo/repo Webhook signature mismatch behind nginx',
      `repo:demo/repo is:pr "#${current.number}"`,
    ]);
  });

  it('degrades to an empty triage when the search route faults', async () => {
    const { github, reader } = await start();
    const current = github.model.addIssue({ title: 'Crash on start', body: '' });
    github.model.addIssueComment(current.number, { body: 'same here', user: 'bob' });
    github.faults.add({ path: /^\/search\//, status: 500, times: 10 });

    const context = await loadIssueContext(
      { reader, repo: 'demo/repo', logger: createSilentLogger(), filter },
      { number: current.number, title: current.title, body: '' },
    );

    expect(context.triage).toBe('');
    expect(context.latestActivity?.author).toBe('bob');
    expect(context.discussion).toContain('Untrusted text from @bob');
  });
});

describe('loadPullRequestDiscussion', () => {
  it('merges comments, reviews and inline comments and picks the newest external one', async () => {
    const { github, reader } = await start();
    const pull = github.model.addPullRequest({ title: 'Add feature', head: 'feature' });
    github.model.addIssueComment(pull.number, { body: 'first', user: 'alice' });
    github.model.addReviewComment(pull.number, { user: 'carol', body: 'inline', path: 'README.md', line: 1 });
    const latest = github.model.addReview(pull.number, {
      user: 'dave',
      state: 'COMMENTED',
      body: 'please rename',
    });
    github.model.addIssueComment(pull.number, {
      body: 'ack\n<!-- openreview:idempotency:pr-review:abc -->',
      user: 'patchloop-bot',
    });

    const context = await loadPullRequestDiscussion(
      { reader, logger: createSilentLogger(), filter },
      pull.number,
    );

    expect(context.entries).toHaveLength(4);
    expect(context.latestActivity?.fingerprint).toMatch(new RegExp(`^review:${latest.id}:`));
    expect(context.discussion).toContain('state=COMMENTED');
  });

  it('degrades to the remaining sources when the reviews route faults', async () => {
    const { github, reader } = await start();
    const pull = github.model.addPullRequest({ title: 'Add feature', head: 'feature' });
    github.model.addIssueComment(pull.number, { body: 'first', user: 'alice' });
    github.model.addReview(pull.number, { user: 'dave', state: 'COMMENTED', body: 'review' });
    github.faults.add({ path: /\/reviews$/, status: 500, times: 10 });

    const context = await loadPullRequestDiscussion(
      { reader, logger: createSilentLogger(), filter },
      pull.number,
    );

    expect(context.entries.map((entry) => entry.kind)).toEqual(['issue_comment']);
  });
});
