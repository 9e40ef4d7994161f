import { createBareRepository, createFakeClock, type FakeGitHub, startFakeGitHub } from '@patchloop/sandbox';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { createSilentLogger } from '../logging/create-logger.js';
import { type Clock, createSystemClock } from '../time/clock.js';
import { createOctokitGitHubClient, type OctokitGitHubClient } from './octokit-github-client.js';

// Octokit runs for real, over HTTP, against the sandbox's fake GitHub on loopback.

async function startGitHub(
  options: { bareRepositoryPath?: string; rateLimit?: number } = {},
): Promise<FakeGitHub> {
  const github = await startFakeGitHub({ owner: 'acme', repo: 'widgets', ...options });
  onTestFinished(() => github.close());
  return github;
}

function createClient(
  github: FakeGitHub,
  overrides: { token?: string; tokenName?: string; clock?: Clock; requestTimeoutMs?: number } = {},
): OctokitGitHubClient {
  return createOctokitGitHubClient({
    owner: 'acme',
    repo: 'widgets',
    baseUrl: github.url,
    token: overrides.token ?? 'read-token',
    tokenName: overrides.tokenName ?? 'GITHUB_TOKEN',
    logger: createSilentLogger(),
    clock: overrides.clock ?? createSystemClock(),
    // Keeps the 5xx backoff short: real timers, so the test waits for real.
    retryBaseDelayMs: 20,
    ...(overrides.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: overrides.requestTimeoutMs }),
  });
}

function requestsTo(github: FakeGitHub, method: string, path: string) {
  return github.requests.filter((request) => request.method === method && request.path === path);
}

describe('octokitGitHubClient reads', () => {
  it('follows pagination across pages and returns every item', async () => {
    const github = await startGitHub();
    for (let i = 1; i <= 75; i += 1) github.model.addIssue({ title: `Issue ${i}` });
    const client = createClient(github);

    const issues = await client.listIssues({ state: 'all', perPage: 30 });

    expect(issues).toHaveLength(75);
    expect(new Set(issues.map((issue) => issue.number)).size).toBe(75);
    expect(requestsTo(github, 'GET', '/repos/acme/widgets/issues')).toHaveLength(3);
    github.assertNoViolations();
  });

  it('stops after maxPages', async () => {
    const github = await startGitHub();
    for (let i = 1; i <= 75; i += 1) github.model.addIssue({ title: `Issue ${i}` });
    const client = createClient(github);

    const issues = await client.listIssues({ perPage: 30, maxPages: 2 });

    expect(issues).toHaveLength(60);
    expect(requestsTo(github, 'GET', '/repos/acme/widgets/issues')).toHaveLength(2);
    github.assertNoViolations();
  });

  it('answers an unchanged second poll from 304s without spending rate limit', async () => {
    const github = await startGitHub();
    for (let i = 1; i <= 45; i += 1) github.model.addIssue({ title: `Issue ${i}` });
    const client = createClient(github);
    const first = await client.listIssues({ since: '2020-01-01T00:00:00Z', perPage: 30 });
    const usedAfterFirstPoll = github.rateLimit().used;

    const second = await client.listIssues({ since: '2020-01-01T00:00:00Z', perPage: 30 });

    expect(second).toEqual(first);
    expect(github.rateLimit().used).toBe(usedAfterFirstPoll);
    const secondPoll = requestsTo(github, 'GET', '/repos/acme/widgets/issues').slice(2);
    expect(secondPoll.map((request) => [request.status, request.conditional])).toEqual([
      [304, true],
      [304, true],
    ]);
    expect(client.cacheStats().notModified).toBe(2);
    github.assertNoViolations();
  });

  it('sees a change on the next conditional poll', async () => {
    const github = await startGitHub();
    github.model.addIssue({ title: 'First' });
    const client = createClient(github);
    await client.listIssues();
    github.model.addIssue({ title: 'Second' });

    const issues = await client.listIssues();

    expect(issues.map((issue) => issue.title).sort()).toEqual(['First', 'Second']);
    github.assertNoViolations();
  });

  it('maps issues, comments and pull requests listed as issues', async () => {
    const github = await startGitHub();
    const issue = github.model.addIssue({ title: 'Crash', body: null, labels: ['bug'], user: 'alice' });
    github.model.addIssueComment(issue.number, { body: 'Me too', user: 'bob' });
    const client = createClient(github);

    const fetched = await client.getIssue(issue.number);
    const comments = await client.listIssueComments(issue.number);
    const repositoryComments = await client.listRepositoryComments({ since: '2020-01-01T00:00:00Z' });

    expect(fetched).toMatchObject({ title: 'Crash', body: '', labels: ['bug'], isPullRequest: false });
    expect(fetched.author.login).toBe('alice');
    expect(comments.map((comment) => [comment.issueNumber, comment.author.login, comment.body])).toEqual([
      [issue.number, 'bob', 'Me too'],
    ]);
    expect(repositoryComments).toHaveLength(1);
    github.assertNoViolations();
  });

  it('reads pull requests, their files, reviews, review comments and CI', async () => {
    const repository = createBareRepository({ files: { 'README.md': '# widgets\n' } });
    onTestFinished(() => repository.close());
    const headSha = repository.commit({
      branch: 'feature',
      files: { 'src/app.ts': 'export {};\n' },
      message: 'Add app',
    });
    const github = await startGitHub({ bareRepositoryPath: repository.path });
    const pull = github.model.addPullRequest({
      title: 'Add app',
      head: 'feature',
      base: 'main',
      user: 'alice',
    });
    github.model.addReview(pull.number, { user: 'bob', state: 'COMMENTED', body: 'Nice' });
    github.model.addReviewComment(pull.number, { user: 'bob', body: 'nit', path: 'src/app.ts', line: 1 });
    github.model.addCheckRun(headSha, { name: 'test', status: 'completed', conclusion: 'success' });
    github.model.addCommitStatus(headSha, { context: 'ci/lint', state: 'pending' });
    const client = createClient(github);

    const fetched = await client.getPullRequest(pull.number);
    const listed = await client.listPullRequests({ state: 'open' });
    const files = await client.listPullRequestFiles(pull.number);
    const reviews = await client.listReviews(pull.number);
    const reviewComments = await client.listReviewComments(pull.number);
    const checkRuns = await client.listCheckRuns(headSha);
    const combined = await client.getCombinedStatus(headSha);

    expect(fetched).toMatchObject({ number: pull.number, headRef: 'feature', headSha, baseRef: 'main' });
    expect(listed.map((p) => p.number)).toEqual([pull.number]);
    expect(files.map((file) => file.filename)).toEqual(['src/app.ts']);
    expect(reviews.map((review) => [review.author.login, review.state, review.commitId])).toEqual([
      ['bob', 'COMMENTED', headSha],
    ]);
    expect(reviewComments.map((comment) => [comment.pullRequestNumber, comment.path])).toEqual([
      [pull.number, 'src/app.ts'],
    ]);
    expect(checkRuns.map((run) => [run.name, run.conclusion])).toEqual([['test', 'success']]);
    expect(combined.statuses.map((status) => [status.context, status.state])).toEqual([
      ['ci/lint', 'pending'],
    ]);
    github.assertNoViolations();
  });

  it('reads the repository, the token account and collaborator roles', async () => {
    const github = await startGitHub();
    github.model.setPermission('carol', 'maintain');
    const client = createClient(github);

    const repository = await client.getRepository();
    const self = await client.getAuthenticatedUser();
    const carol = await client.getCollaboratorPermission('carol');

    expect(repository).toMatchObject({ owner: 'acme', name: 'widgets', defaultBranch: 'main' });
    expect(self.login).toBe('patchloop-reader');
    expect(carol).toBe('maintain');
    github.assertNoViolations();
  });

  it('raises GITHUB_NOT_FOUND for an issue that does not exist', async () => {
    const github = await startGitHub();
    const client = createClient(github);

    await expect(client.getIssue(404)).rejects.toMatchObject({ code: 'GITHUB_NOT_FOUND', retryable: false });
    github.assertNoViolations();
  });
});

describe('octokitGitHubClient resilience', () => {
  it('retries a 502 and succeeds', async () => {
    const github = await startGitHub();
    const issue = github.model.addIssue({ title: 'Flaky' });
    github.faults.add({
      method: 'GET',
      path: `/repos/acme/widgets/issues/${issue.number}`,
      status: 502,
      times: 1,
    });
    const client = createClient(github);

    const fetched = await client.getIssue(issue.number);

    expect(fetched.title).toBe('Flaky');
    expect(
      requestsTo(github, 'GET', `/repos/acme/widgets/issues/${issue.number}`).map((r) => r.status),
    ).toEqual([502, 200]);
    github.assertNoViolations();
  });

  it('abandons an attempt that exceeds the request timeout and retries it', async () => {
    const github = await startGitHub();
    github.faults.add({ method: 'GET', path: '/repos/acme/widgets', delayMs: 500, times: 1 });
    const client = createClient(github, { requestTimeoutMs: 100 });

    const repository = await client.getRepository();

    expect(repository.name).toBe('widgets');
    github.assertNoViolations();
  });

  it('gives up on a persistent 503 with a retryable GITHUB_REQUEST_FAILED', async () => {
    const github = await startGitHub();
    github.faults.add({ method: 'GET', path: '/repos/acme/widgets', status: 503, times: 10 });
    const client = createClient(github);

    await expect(client.getRepository()).rejects.toMatchObject({
      code: 'GITHUB_REQUEST_FAILED',
      retryable: true,
    });
    expect(requestsTo(github, 'GET', '/repos/acme/widgets')).toHaveLength(4);
    github.assertNoViolations();
  });

  it('waits out a 429 Retry-After on the injected clock, then succeeds', async () => {
    const github = await startGitHub();
    const issue = github.model.addIssue({ title: 'Busy' });
    github.faults.add({
      path: `/repos/acme/widgets/issues/${issue.number}`,
      status: 429,
      retryAfterSeconds: 1,
    });
    const clock = createFakeClock();
    const client = createClient(github, { clock });

    const pending = client.getIssue(issue.number);
    await vi.waitFor(() => expect(clock.pendingSleepers()).toBe(1));
    await clock.advance(999);
    const requestsBeforeRetryAfter = github.requests.length;
    await clock.advance(1);

    await expect(pending).resolves.toMatchObject({ title: 'Busy' });
    expect(requestsBeforeRetryAfter).toBe(1);
    expect(github.requests.map((request) => request.status)).toEqual([429, 200]);
    github.assertNoViolations();
  });

  it('honours Retry-After of a secondary rate limit, then succeeds', async () => {
    const github = await startGitHub();
    github.faults.add({ path: '/repos/acme/widgets', secondaryRateLimit: true, retryAfterSeconds: 1 });
    const client = createClient(github);
    const startedAt = performance.now();

    const repository = await client.getRepository();

    expect(repository.name).toBe('widgets');
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(950);
    expect(github.requests.map((request) => request.status)).toEqual([403, 200]);
    github.assertNoViolations();
  });

  it('fails fast with a retryable GITHUB_RATE_LIMITED once the hourly quota is spent', async () => {
    const github = await startGitHub({ rateLimit: 1 });
    const client = createClient(github);
    await client.getRepository();

    const read = client.getAuthenticatedUser();

    await expect(read).rejects.toMatchObject({ code: 'GITHUB_RATE_LIMITED', retryable: true });
    await expect(read).rejects.toSatisfy(
      (error: { retryAfterMs?: number }) => (error.retryAfterMs ?? 0) > 60_000,
    );
    github.assertNoViolations();
  });

  it('keeps answering unchanged polls from 304s after the quota is spent', async () => {
    const github = await startGitHub({ rateLimit: 1 });
    github.model.addIssue({ title: 'Quiet' });
    const client = createClient(github);
    await client.listIssues();

    const again = await client.listIssues();

    expect(again.map((issue) => issue.title)).toEqual(['Quiet']);
    expect(github.rateLimit().remaining).toBe(0);
    github.assertNoViolations();
  });

  it('fails with GITHUB_FORBIDDEN naming the token and the permission when a read token writes', async () => {
    const github = await startGitHub();
    const issue = github.model.addIssue({ title: 'Needs reply' });
    const client = createClient(github, { token: 'read-token', tokenName: 'GITHUB_WRITE_TOKEN' });

    const write = client.createIssueComment({ issueNumber: issue.number, body: 'hello' });

    await expect(write).rejects.toMatchObject({ code: 'GITHUB_FORBIDDEN', retryable: false, status: 403 });
    await expect(write).rejects.toThrow(/GITHUB_WRITE_TOKEN lacks `issues: write` on acme\/widgets/);
    expect(github.model.comments(issue.number)).toHaveLength(0);
    github.assertNoViolations();
  });
});
