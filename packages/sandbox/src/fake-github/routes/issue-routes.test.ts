import { describe, expect, it, onTestFinished } from 'vitest';
import { createFakeClock, type FakeClock } from '../../fake-clock.js';
import { type FakeGitHub, startFakeGitHub } from '../start-fake-github.js';

async function start(clock: FakeClock = createFakeClock()): Promise<FakeGitHub> {
  const github = await startFakeGitHub({ owner: 'acme', repo: 'widgets', clock });
  onTestFinished(() => github.close());
  return github;
}

async function getJson(github: FakeGitHub, path: string): Promise<{ body: unknown; link: string | null }> {
  const response = await fetch(`${github.url}${path}`, { headers: { authorization: 'token read-token' } });
  expect(response.status).toBe(200);
  return { body: await response.json(), link: response.headers.get('link') };
}

async function send(github: FakeGitHub, method: string, path: string, body: unknown): Promise<Response> {
  return fetch(`${github.url}${path}`, {
    method,
    headers: { authorization: 'token write-token', 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

function numbers(body: unknown): number[] {
  return (body as { number: number }[]).map((item) => item.number);
}

describe('issue routes', () => {
  it('paginates with absolute Link headers across three pages', async () => {
    const github = await start();
    for (let i = 1; i <= 7; i += 1) github.model.addIssue({ title: `Issue ${i}` });
    const path = '/repos/acme/widgets/issues?per_page=3&sort=created&direction=asc';

    const first = await getJson(github, path);
    const second = await getJson(github, `${path}&page=2`);
    const third = await getJson(github, `${path}&page=3`);

    const at = (page: number): string =>
      `${github.url}/repos/acme/widgets/issues?per_page=3&sort=created&direction=asc&page=${page}`;
    expect([numbers(first.body), numbers(second.body), numbers(third.body)]).toEqual([
      [1, 2, 3],
      [4, 5, 6],
      [7],
    ]);
    expect(first.link).toBe(`<${at(2)}>; rel="next", <${at(3)}>; rel="last"`);
    expect(second.link).toBe(
      `<${at(1)}>; rel="prev", <${at(3)}>; rel="next", <${at(3)}>; rel="last", <${at(1)}>; rel="first"`,
    );
    expect(third.link).toBe(`<${at(2)}>; rel="prev", <${at(1)}>; rel="first"`);
  });

  it('caps per_page at 100 and omits Link when everything fits one page', async () => {
    const github = await start();
    for (let i = 1; i <= 3; i += 1) github.model.addIssue({ title: `Issue ${i}` });

    const page = await getJson(github, '/repos/acme/widgets/issues?per_page=500');

    expect(numbers(page.body)).toHaveLength(3);
    expect(page.link).toBeNull();
  });

  it('lists pull requests among issues, marked with a pull_request key', async () => {
    const github = await start();
    github.model.addIssue({ title: 'Bug' });
    github.model.addPullRequest({ title: 'Fix', head: 'fix-bug' });

    const { body } = await getJson(github, '/repos/acme/widgets/issues');

    const items = body as { number: number; pull_request?: { url: string } }[];
    expect(items.map((item) => [item.number, item.pull_request !== undefined])).toEqual([
      [2, true],
      [1, false],
    ]);
    expect(items[0]?.pull_request?.url).toBe(`${github.url}/repos/acme/widgets/pulls/2`);
  });

  it('filters by since on updated_at (inclusive, second precision) and sorts by updated', async () => {
    const clock = createFakeClock(Date.UTC(2026, 0, 1));
    const github = await start(clock);
    github.model.addIssue({ title: 'Old' });
    await clock.advance(60_000);
    const touched = github.model.addIssue({ title: 'Touched later' });
    await clock.advance(60_000);
    github.model.addIssueComment(touched.number, { body: 'bump', user: 'bob' });

    const { body } = await getJson(
      github,
      '/repos/acme/widgets/issues?since=2026-01-01T00:01:00Z&sort=updated&direction=desc&state=all',
    );

    expect(body).toEqual([
      expect.objectContaining({ number: 2, updated_at: '2026-01-01T00:02:00Z', comments: 1 }),
    ]);
  });

  it('filters by state and by every requested label', async () => {
    const github = await start();
    github.model.addIssue({ title: 'A', labels: ['bug', 'ui'] });
    github.model.addIssue({ title: 'B', labels: ['bug'] });
    const closed = github.model.addIssue({ title: 'C', labels: ['bug', 'ui'] });
    github.model.closeIssue(closed.number);

    const open = await getJson(github, '/repos/acme/widgets/issues?labels=bug,UI');
    const all = await getJson(github, '/repos/acme/widgets/issues?labels=bug,ui&state=all');

    expect(numbers(open.body)).toEqual([1]);
    expect(numbers(all.body)).toEqual([3, 1]);
  });

  it('creates an issue as the token account and edits it with PATCH', async () => {
    const github = await start();

    const created = await send(github, 'POST', '/repos/acme/widgets/issues', {
      title: 'New',
      labels: ['triage'],
    });
    const number = ((await created.json()) as { number: number }).number;
    const patched = await send(github, 'PATCH', `/repos/acme/widgets/issues/${number}`, {
      state: 'closed',
      state_reason: 'not_planned',
    });

    expect(created.status).toBe(201);
    expect(await patched.json()).toMatchObject({ state: 'closed', state_reason: 'not_planned' });
    expect(github.model.issue(number)).toMatchObject({
      user: expect.objectContaining({ login: 'patchloop-bot' }),
      labels: [expect.objectContaining({ name: 'triage' })],
    });
  });

  it('adds and removes labels on an issue, answering 404 for a label it does not carry', async () => {
    const github = await start();
    const issue = github.model.addIssue({ title: 'A', labels: ['bug'] });

    const added = await send(github, 'POST', `/repos/acme/widgets/issues/${issue.number}/labels`, {
      labels: ['autocode'],
    });
    const removed = await send(
      github,
      'DELETE',
      `/repos/acme/widgets/issues/${issue.number}/labels/bug`,
      undefined,
    );
    const missing = await send(
      github,
      'DELETE',
      `/repos/acme/widgets/issues/${issue.number}/labels/bug`,
      undefined,
    );

    expect(((await added.json()) as { name: string }[]).map((label) => label.name)).toEqual([
      'bug',
      'autocode',
    ]);
    expect(((await removed.json()) as { name: string }[]).map((label) => label.name)).toEqual(['autocode']);
    expect(missing.status).toBe(404);
    expect(github.violations).toEqual([]);
  });

  it('answers 404 for an issue number that does not exist', async () => {
    const github = await start();

    const response = await fetch(`${github.url}/repos/acme/widgets/issues/42`, {
      headers: { authorization: 'token read-token' },
    });

    expect(response.status).toBe(404);
  });
});

describe('issue comment routes', () => {
  it('lists an issue comments oldest first and filters them by since', async () => {
    const clock = createFakeClock(Date.UTC(2026, 0, 1));
    const github = await start(clock);
    const issue = github.model.addIssue({ title: 'A' });
    github.model.addIssueComment(issue.number, { body: 'first', user: 'bob' });
    await clock.advance(5_000);
    github.model.addIssueComment(issue.number, { body: 'second', user: 'carol' });

    const all = await getJson(github, `/repos/acme/widgets/issues/${issue.number}/comments`);
    const recent = await getJson(
      github,
      `/repos/acme/widgets/issues/${issue.number}/comments?since=2026-01-01T00:00:05Z`,
    );

    expect((all.body as { body: string }[]).map((comment) => comment.body)).toEqual(['first', 'second']);
    expect((recent.body as { body: string }[]).map((comment) => comment.body)).toEqual(['second']);
  });

  it('lists repository-wide comments by updated_at descending, so an edit moves a comment first', async () => {
    const clock = createFakeClock(Date.UTC(2026, 0, 1));
    const github = await start(clock);
    const issue = github.model.addIssue({ title: 'A' });
    const early = github.model.addIssueComment(issue.number, { body: 'early', user: 'bob' });
    await clock.advance(1_000);
    github.model.addIssueComment(issue.number, { body: 'late', user: 'bob' });
    await clock.advance(1_000);

    github.model.updateIssueComment(early.id, 'early, edited');
    const { body } = await getJson(github, '/repos/acme/widgets/issues/comments?sort=updated&direction=desc');

    expect((body as { body: string }[]).map((comment) => comment.body)).toEqual(['early, edited', 'late']);
  });

  it('creates and edits a comment, bumping the issue updated_at each time', async () => {
    const clock = createFakeClock(Date.UTC(2026, 0, 1));
    const github = await start(clock);
    const issue = github.model.addIssue({ title: 'A' });
    await clock.advance(10_000);

    const created = await send(github, 'POST', `/repos/acme/widgets/issues/${issue.number}/comments`, {
      body: 'v1',
    });
    const id = ((await created.json()) as { id: number }).id;
    await clock.advance(10_000);
    const edited = await send(github, 'PATCH', `/repos/acme/widgets/issues/comments/${id}`, { body: 'v2' });

    expect(await edited.json()).toMatchObject({ body: 'v2', updated_at: '2026-01-01T00:00:20Z' });
    expect(github.model.issue(issue.number).updated_at).toBe('2026-01-01T00:00:20Z');
    expect(github.model.comment(id).user.login).toBe('patchloop-bot');
  });
});

describe('search and label routes', () => {
  it('searches issues by repo, kind, state, label and title terms', async () => {
    const github = await start();
    github.model.addIssue({ title: 'Crash on startup', labels: ['bug'] });
    github.model.addIssue({ title: 'Crash in settings', body: 'startup is fine' });
    github.model.addPullRequest({ title: 'Fix crash on startup', head: 'fix' });

    const issues = await getJson(
      github,
      `/search/issues?q=${encodeURIComponent('repo:acme/widgets is:issue is:open crash startup')}`,
    );
    const titled = await getJson(
      github,
      `/search/issues?q=${encodeURIComponent('repo:acme/widgets is:issue in:title startup')}`,
    );
    const labelled = await getJson(
      github,
      `/search/issues?q=${encodeURIComponent('repo:acme/widgets label:bug')}`,
    );
    const pulls = await getJson(
      github,
      `/search/issues?q=${encodeURIComponent('repo:acme/widgets is:pr crash')}`,
    );

    const found = (result: { body: unknown }): number[] => numbers((result.body as { items: unknown }).items);
    expect(found(issues)).toEqual([2, 1]);
    expect(found(titled)).toEqual([1]);
    expect(found(labelled)).toEqual([1]);
    expect(found(pulls)).toEqual([3]);
    expect(issues.body).toMatchObject({ total_count: 2, incomplete_results: false });
  });

  it('creates a repository label once and answers 422 already_exists after that', async () => {
    const github = await start();

    const first = await send(github, 'POST', '/repos/acme/widgets/labels', {
      name: 'autocode',
      color: 'ff0000',
    });
    const second = await send(github, 'POST', '/repos/acme/widgets/labels', { name: 'AutoCode' });

    expect(first.status).toBe(201);
    expect(second.status).toBe(422);
    expect(github.model.labels()).toEqual([expect.objectContaining({ name: 'autocode', color: 'ff0000' })]);
  });

  it('feeds issue events newest first and never reports an opened event', async () => {
    const github = await start();
    const issue = github.model.addIssue({ title: 'A' });
    github.model.addLabels(issue.number, ['bug']);
    github.model.closeIssue(issue.number);

    const { body } = await getJson(github, '/repos/acme/widgets/issues/events');

    expect((body as { event: string }[]).map((event) => event.event)).toEqual(['closed', 'labeled']);
  });
});
