import { describe, expect, it, onTestFinished } from 'vitest';
import { createFakeClock } from '../../fake-clock.js';
import { type FakeGitHub, type StartFakeGitHubOptions, startFakeGitHub } from '../start-fake-github.js';

async function start(options: Partial<StartFakeGitHubOptions> = {}): Promise<FakeGitHub> {
  const github = await startFakeGitHub({
    owner: 'acme',
    repo: 'widgets',
    clock: createFakeClock(),
    ...options,
  });
  onTestFinished(() => github.close());
  return github;
}

function call(
  github: FakeGitHub,
  path: string,
  init: { method?: string; token?: string | null; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/vnd.github+json', ...init.headers };
  if (init.token !== null) headers['authorization'] = `token ${init.token ?? 'write-token'}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${github.url}${path}`, {
    method: init.method ?? 'GET',
    headers,
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
}

describe('fake GitHub request pipeline', () => {
  it('answers 401 Bad credentials to a missing or unknown token', async () => {
    const github = await start();

    const missing = await call(github, '/repos/acme/widgets', { token: null });
    const unknown = await call(github, '/repos/acme/widgets', { token: 'stolen' });

    expect(missing.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await unknown.json()).toMatchObject({ message: 'Bad credentials' });
  });

  it('accepts both the token and the Bearer authorization schemes', async () => {
    const github = await start();

    const bearer = await call(github, '/user', {
      token: null,
      headers: { authorization: 'Bearer read-token' },
    });

    expect(bearer.status).toBe(200);
    expect(await bearer.json()).toMatchObject({ login: 'patchloop-reader' });
  });

  it('refuses a write made with a read token and changes nothing', async () => {
    const github = await start();
    const issue = github.model.addIssue({ title: 'Crash' });

    const response = await call(github, `/repos/acme/widgets/issues/${issue.number}/comments`, {
      method: 'POST',
      token: 'read-token',
      body: { body: 'hello' },
    });

    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({
      message: 'Resource not accessible by personal access token',
    });
    expect(github.model.comments(issue.number)).toEqual([]);
  });

  it('answers an unknown route with 404 and records a violation', async () => {
    const github = await start();

    const response = await call(github, '/repos/acme/widgets/teleport');

    expect(response.status).toBe(404);
    expect(github.violations).toEqual([
      expect.objectContaining({ method: 'GET', path: '/repos/acme/widgets/teleport' }),
    ]);
    expect(() => github.assertNoViolations()).toThrow('/repos/acme/widgets/teleport');
  });

  it('records a documented GitHub operation it does not serve as a violation naming the operation', async () => {
    const github = await start();

    const response = await call(github, '/repos/acme/widgets/pulls/1/merge', { method: 'PUT', body: {} });

    expect(response.status).toBe(404);
    expect(github.violations[0]?.reason).toContain('pulls/merge');
  });

  it('rejects a review with an undocumented event with 422 and a violation', async () => {
    const github = await start();
    const pull = github.model.addPullRequest({ title: 'Add a', head: 'feature', user: 'alice' });

    const response = await call(github, `/repos/acme/widgets/pulls/${pull.number}/reviews`, {
      method: 'POST',
      body: { event: 'SHIP_IT', body: 'LGTM' },
    });

    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({
      message: 'Validation Failed',
      errors: [expect.objectContaining({ field: 'event', code: 'invalid' })],
    });
    expect(github.violations).toHaveLength(1);
    expect(github.model.reviews(pull.number)).toEqual([]);
  });

  it('rejects a query parameter outside its documented values', async () => {
    const github = await start();

    const response = await call(github, '/repos/acme/widgets/issues?state=opened');

    expect(response.status).toBe(422);
    expect(github.violations[0]?.reason).toContain('state');
  });

  it('answers malformed JSON with 400 Problems parsing JSON', async () => {
    const github = await start();

    const response = await fetch(`${github.url}/repos/acme/widgets/issues`, {
      method: 'POST',
      headers: { authorization: 'token write-token', 'content-type': 'application/json' },
      body: '{"title":',
    });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ message: 'Problems parsing JSON' });
  });

  it('answers 404 for a repository it does not serve, without a violation', async () => {
    const github = await start();

    const response = await call(github, '/repos/acme/gadgets/issues');

    expect(response.status).toBe(404);
    expect(github.violations).toEqual([]);
  });

  it('logs every request with caller, parsed body, operation and status', async () => {
    const github = await start();
    const issue = github.model.addIssue({ title: 'Crash' });

    await call(github, `/repos/acme/widgets/issues/${issue.number}?x=1`, { token: 'read-token' });
    await call(github, `/repos/acme/widgets/issues/${issue.number}/comments`, {
      method: 'POST',
      body: { body: 'Hi' },
    });

    expect(github.requests).toEqual([
      {
        method: 'GET',
        path: `/repos/acme/widgets/issues/${issue.number}`,
        query: { x: '1' },
        status: 200,
        login: 'patchloop-reader',
        operationId: 'issues/get',
        conditional: false,
      },
      {
        method: 'POST',
        path: `/repos/acme/widgets/issues/${issue.number}/comments`,
        query: {},
        status: 201,
        login: 'patchloop-bot',
        body: { body: 'Hi' },
        operationId: 'issues/create-comment',
        conditional: false,
      },
    ]);
    expect(github.writes().map((request) => request.operationId)).toEqual(['issues/create-comment']);
  });
});

describe('fake GitHub conditional requests and rate limit', () => {
  it('answers a matching If-None-Match with 304 and no body, without spending rate limit', async () => {
    const github = await start();
    github.model.addIssue({ title: 'Crash' });
    const first = await call(github, '/repos/acme/widgets/issues');
    const etag = first.headers.get('etag') ?? '';
    const usedBefore = github.rateLimit().used;

    const second = await call(github, '/repos/acme/widgets/issues', { headers: { 'if-none-match': etag } });

    expect(etag).toMatch(/^W\/".+"$/);
    expect(second.status).toBe(304);
    expect(await second.text()).toBe('');
    expect(github.rateLimit().used).toBe(usedBefore);
    expect(second.headers.get('x-ratelimit-used')).toBe(String(usedBefore));
    expect(github.requests.at(-1)).toMatchObject({ status: 304, conditional: true });
  });

  it('changes the ETag of a list when any item in it changes', async () => {
    const github = await start();
    const issue = github.model.addIssue({ title: 'Crash' });
    const etag = (await call(github, '/repos/acme/widgets/issues')).headers.get('etag') ?? '';

    github.model.addIssueComment(issue.number, { body: 'Me too', user: 'bob' });
    const after = await call(github, '/repos/acme/widgets/issues', { headers: { 'if-none-match': etag } });

    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
  });

  it('sends rate-limit headers on every response and counts each full-cost request', async () => {
    const clock = createFakeClock(Date.UTC(2026, 0, 1));
    const github = await start({ clock, rateLimit: 100 });

    const response = await call(github, '/repos/acme/widgets');

    expect(response.headers.get('x-ratelimit-limit')).toBe('100');
    expect(response.headers.get('x-ratelimit-remaining')).toBe('99');
    expect(response.headers.get('x-ratelimit-used')).toBe('1');
    expect(response.headers.get('x-ratelimit-resource')).toBe('core');
    expect(response.headers.get('x-ratelimit-reset')).toBe(String(Date.UTC(2026, 0, 1, 1) / 1000));
    expect(github.rateLimit()).toEqual({
      limit: 100,
      remaining: 99,
      used: 1,
      reset: Date.UTC(2026, 0, 1, 1) / 1000,
    });
  });

  it('answers 403 with x-ratelimit-remaining 0 once the budget is spent, until the window resets', async () => {
    const clock = createFakeClock(Date.UTC(2026, 0, 1));
    const github = await start({ clock, rateLimit: 2 });
    await call(github, '/repos/acme/widgets');
    await call(github, '/repos/acme/widgets');

    const limited = await call(github, '/repos/acme/widgets');
    await clock.advance(60 * 60 * 1000);
    const afterReset = await call(github, '/repos/acme/widgets');

    expect(limited.status).toBe(403);
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(await limited.json()).toMatchObject({
      message: expect.stringContaining('API rate limit exceeded'),
    });
    expect(afterReset.status).toBe(200);
  });

  it('does not charge GET /rate_limit and reports the core budget there', async () => {
    const github = await start();
    await call(github, '/repos/acme/widgets');

    const response = await call(github, '/rate_limit');

    expect(await response.json()).toMatchObject({ resources: { core: { used: 1 } }, rate: { used: 1 } });
    expect(github.rateLimit().used).toBe(1);
  });
});
