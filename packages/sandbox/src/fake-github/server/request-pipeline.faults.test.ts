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

describe('fake GitHub faults', () => {
  it('answers a scripted fault with its status and Retry-After, then serves normally', async () => {
    const github = await start();
    github.faults.add({
      method: 'GET',
      path: '/repos/acme/widgets',
      status: 503,
      times: 2,
      retryAfterSeconds: 7,
    });

    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const response = await call(github, '/repos/acme/widgets');
      statuses.push(response.status);
      retryAfter ??= response.headers.get('retry-after');
    }

    expect(statuses).toEqual([503, 503, 200]);
    expect(retryAfter).toBe('7');
    expect(github.faults.pending()).toEqual([]);
  });

  it('matches faults by route template and leaves other routes alone', async () => {
    const github = await start();
    const issue = github.model.addIssue({ title: 'Crash' });
    github.faults.add({ path: '/repos/{owner}/{repo}/issues/{issue_number}', status: 502 });

    const other = await call(github, '/repos/acme/widgets');
    const faulted = await call(github, `/repos/acme/widgets/issues/${issue.number}`);

    expect([other.status, faulted.status]).toEqual([200, 502]);
  });

  it('imitates a secondary rate limit with 403, retry-after and the documented message', async () => {
    const github = await start();
    github.faults.add({ path: /\/issues$/, secondaryRateLimit: true, retryAfterSeconds: 30 });

    const response = await call(github, '/repos/acme/widgets/issues');

    expect(response.status).toBe(403);
    expect(response.headers.get('retry-after')).toBe('30');
    expect(await response.json()).toMatchObject({
      message: expect.stringContaining('You have exceeded a secondary rate limit'),
    });
  });

  it('delays a request by real milliseconds and then serves it when no status is scripted', async () => {
    const github = await start();
    github.faults.add({ path: '/user', delayMs: 50 });
    const started = performance.now();

    const response = await call(github, '/user');

    expect(response.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
  });
});
