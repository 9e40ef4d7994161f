import { describe, expect, it, onTestFinished } from 'vitest';
import { createFakeClock, type FakeClock } from '../../fake-clock.js';
import { type FakeGitHub, startFakeGitHub } from '../start-fake-github.js';

async function start(clock: FakeClock = createFakeClock()): Promise<FakeGitHub> {
  const github = await startFakeGitHub({ owner: 'acme', repo: 'widgets', clock });
  onTestFinished(() => github.close());
  return github;
}

async function call(
  github: FakeGitHub,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${github.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: 'token write-token', 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, json: await response.json() };
}

describe('review routes', () => {
  it('submits a COMMENT review on the current head and bumps the PR updated_at', async () => {
    const clock = createFakeClock(Date.UTC(2026, 0, 1));
    const github = await start(clock);
    const pull = github.model.addPullRequest({ title: 'Fix', head: 'fix', user: 'alice' });
    await clock.advance(30_000);

    const review = await call(github, `/repos/acme/widgets/pulls/${pull.number}/reviews`, {
      event: 'COMMENT',
      body: 'Looks right',
    });

    expect(review.json).toMatchObject({
      state: 'COMMENTED',
      commit_id: pull.head.sha,
      user: { login: 'patchloop-bot' },
      submitted_at: '2026-01-01T00:00:30Z',
    });
    expect(github.model.pullRequest(pull.number).updated_at).toBe('2026-01-01T00:00:30Z');
  });

  it('stores inline comments sent with a review as review comments of that review', async () => {
    const github = await start();
    const pull = github.model.addPullRequest({ title: 'Fix', head: 'fix', user: 'alice' });

    const review = await call(github, `/repos/acme/widgets/pulls/${pull.number}/reviews`, {
      event: 'REQUEST_CHANGES',
      body: 'Two things',
      comments: [{ path: 'src/a.ts', line: 3, body: 'Off by one' }],
    });

    const reviewId = (review.json as { id: number }).id;
    expect(github.model.reviewComments(pull.number)).toEqual([
      expect.objectContaining({
        path: 'src/a.ts',
        line: 3,
        body: 'Off by one',
        pull_request_review_id: reviewId,
      }),
    ]);
  });

  it('refuses to let the author approve their own pull request', async () => {
    const github = await start();
    const pull = github.model.addPullRequest({ title: 'Fix', head: 'fix', user: 'patchloop-bot' });

    const review = await call(github, `/repos/acme/widgets/pulls/${pull.number}/reviews`, {
      event: 'APPROVE',
    });

    expect(review.status).toBe(422);
    expect(JSON.stringify(review.json)).toContain('Can not approve your own pull request');
  });

  it('requires a body for a COMMENT review', async () => {
    const github = await start();
    const pull = github.model.addPullRequest({ title: 'Fix', head: 'fix', user: 'alice' });

    const review = await call(github, `/repos/acme/widgets/pulls/${pull.number}/reviews`, {
      event: 'COMMENT',
    });

    expect(review.status).toBe(422);
    expect(github.model.reviews(pull.number)).toEqual([]);
  });

  it('lists repository-wide review comments by updated_at since a time', async () => {
    const clock = createFakeClock(Date.UTC(2026, 0, 1));
    const github = await start(clock);
    const pull = github.model.addPullRequest({ title: 'Fix', head: 'fix', user: 'alice' });
    github.model.addReviewComment(pull.number, { user: 'bob', body: 'old', path: 'a.ts', line: 1 });
    await clock.advance(10_000);
    github.model.addReviewComment(pull.number, { user: 'bob', body: 'new', path: 'a.ts', line: 2 });

    const listed = await call(
      github,
      '/repos/acme/widgets/pulls/comments?sort=updated&direction=desc&since=2026-01-01T00:00:05Z',
    );

    expect((listed.json as { body: string }[]).map((comment) => comment.body)).toEqual(['new']);
  });

  it('answers 404 for reviews of an issue that is not a pull request', async () => {
    const github = await start();
    const issue = github.model.addIssue({ title: 'Bug' });

    const listed = await call(github, `/repos/acme/widgets/pulls/${issue.number}/reviews`);

    expect(listed.status).toBe(404);
  });
});

describe('account routes', () => {
  it('reports collaborator permission in GitHub’s legacy levels with the precise role name', async () => {
    const github = await start();
    github.model.setPermission('carol', 'maintain');

    const carol = await call(github, '/repos/acme/widgets/collaborators/carol/permission');
    const owner = await call(github, '/repos/acme/widgets/collaborators/acme/permission');
    const stranger = await call(github, '/repos/acme/widgets/collaborators/dave/permission');

    expect(carol.json).toMatchObject({
      permission: 'write',
      role_name: 'maintain',
      user: { login: 'carol' },
    });
    expect(owner.json).toMatchObject({ permission: 'admin' });
    expect(stranger.json).toMatchObject({ permission: 'read' });
  });

  it('serves the token account on /user and 404 for an account it never saw', async () => {
    const github = await start();
    github.model.addUser('renovate[bot]', { type: 'Bot' });

    const me = await call(github, '/user');
    const bot = await call(github, '/users/renovate[bot]');
    const nobody = await call(github, '/users/nobody');

    expect(me.json).toMatchObject({ login: 'patchloop-bot', type: 'User' });
    expect(bot.json).toMatchObject({ login: 'renovate[bot]', type: 'Bot' });
    expect(nobody.status).toBe(404);
  });

  it('shows the caller its own permissions on the repository', async () => {
    const github = await start();

    const repository = await call(github, '/repos/acme/widgets');

    expect(repository.json).toMatchObject({
      full_name: 'acme/widgets',
      default_branch: 'main',
      permissions: { pull: true, push: false, admin: false },
    });
  });
});
