import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createFakeClock } from '../../fake-clock.js';
import { type FakeGitHub, startFakeGitHub } from '../start-fake-github.js';

interface TinyRepository {
  readonly bare: string;
  /** Commits `content` to `file` on `branch` in the working clone and pushes it; returns the SHA. */
  commit(branch: string, file: string, content: string): string;
}

// A bare repository with `main` (README.md, app.txt) and `feature` (one more commit), via plain git.
function createTinyRepository(): TinyRepository {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'patchloop-'));
  onTestFinished(() => fs.rmSync(root, { recursive: true, force: true }));
  const env = {
    PATH: process.env['PATH'] ?? '',
    HOME: root,
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_SYSTEM: '/dev/null',
    GIT_AUTHOR_NAME: 'Ada',
    GIT_AUTHOR_EMAIL: 'ada@example.com',
    GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z',
    GIT_COMMITTER_NAME: 'Ada',
    GIT_COMMITTER_EMAIL: 'ada@example.com',
    GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z',
  };
  const work = path.join(root, 'work');
  const bare = path.join(root, 'origin.git');
  const git = (...args: string[]): string =>
    execFileSync('git', args, { cwd: work, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  fs.mkdirSync(work);
  execFileSync('git', ['init', '--bare', '-b', 'main', bare], { env, stdio: 'pipe' });
  git('init', '-b', 'main');
  git('remote', 'add', 'origin', bare);
  const commit = (branch: string, file: string, content: string): string => {
    const exists = git('branch', '--list', branch) !== '';
    if (exists) git('checkout', branch);
    else if (branch !== 'main') git('checkout', '-b', branch, 'main');
    fs.writeFileSync(path.join(work, file), content);
    git('add', file);
    git('commit', '-m', `Change ${file} on ${branch}`);
    git('push', '-f', 'origin', branch);
    return git('rev-parse', 'HEAD');
  };
  commit('main', 'README.md', 'hello\n');
  commit('main', 'app.txt', 'one\ntwo\nthree\n');
  commit('feature', 'app.txt', 'one\nTWO\nthree\n');
  return { bare, commit };
}

async function start(repository: TinyRepository, clock = createFakeClock()): Promise<FakeGitHub> {
  const github = await startFakeGitHub({
    owner: 'acme',
    repo: 'widgets',
    bareRepositoryPath: repository.bare,
    clock,
  });
  onTestFinished(() => github.close());
  return github;
}

async function call(github: FakeGitHub, pathname: string, init: { method?: string; body?: unknown } = {}) {
  const response = await fetch(`${github.url}${pathname}`, {
    method: init.method ?? 'GET',
    headers: { authorization: 'token write-token', 'content-type': 'application/json' },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown> & Record<string, never>,
  };
}

function sha(repository: TinyRepository, branch: string): string {
  return execFileSync('git', ['-C', repository.bare, 'rev-parse', branch], { encoding: 'utf8' }).trim();
}

describe('pull routes over a bare repository', () => {
  it('serves head and base SHAs from the repository, following later pushes', async () => {
    const clock = createFakeClock(Date.UTC(2026, 0, 1));
    const repository = createTinyRepository();
    const github = await start(repository, clock);
    const pull = github.model.addPullRequest({ title: 'Shout two', head: 'feature', user: 'alice' });
    await clock.advance(60_000);

    const pushed = repository.commit('feature', 'more.txt', 'more\n');
    const served = await call(github, `/repos/acme/widgets/pulls/${pull.number}`);

    expect(pull.head.sha).not.toBe(pushed);
    expect(served.body).toMatchObject({
      head: { ref: 'feature', sha: pushed, label: 'acme:feature' },
      base: { ref: 'main', sha: sha(repository, 'main') },
      updated_at: '2026-01-01T00:01:00Z',
      commits: 2,
      changed_files: 2,
    });
  });

  it('reports mergeable as null on the first read after a change, then the merge-tree answer', async () => {
    const repository = createTinyRepository();
    const github = await start(repository);
    const pull = github.model.addPullRequest({ title: 'Shout two', head: 'feature', user: 'alice' });
    const read = async () => (await call(github, `/repos/acme/widgets/pulls/${pull.number}`)).body;

    const first = await read();
    const second = await read();
    repository.commit('main', 'app.txt', 'one\nzwei\nthree\n');
    const afterConflict = await read();
    const settled = await read();

    expect([first['mergeable'], first['mergeable_state']]).toEqual([null, 'unknown']);
    expect([second['mergeable'], second['mergeable_state']]).toEqual([true, 'clean']);
    expect(afterConflict['mergeable']).toBeNull();
    expect([settled['mergeable'], settled['mergeable_state']]).toEqual([false, 'dirty']);
  });

  it('lists the changed files with patches and the commits of a pull request', async () => {
    const repository = createTinyRepository();
    const github = await start(repository);
    const pull = github.model.addPullRequest({ title: 'Shout two', head: 'feature', user: 'alice' });

    const files = await call(github, `/repos/acme/widgets/pulls/${pull.number}/files`);
    const commits = await call(github, `/repos/acme/widgets/pulls/${pull.number}/commits`);

    expect(files.body).toEqual([
      expect.objectContaining({
        filename: 'app.txt',
        status: 'modified',
        additions: 1,
        deletions: 1,
        changes: 2,
        patch: expect.stringContaining('+TWO'),
      }),
    ]);
    expect(commits.body).toEqual([
      expect.objectContaining({
        sha: sha(repository, 'feature'),
        commit: expect.objectContaining({ message: 'Change app.txt on feature' }),
      }),
    ]);
  });

  it('opens a pull request only for an existing branch with commits, and only once', async () => {
    const repository = createTinyRepository();
    const github = await start(repository);
    const open = (head: string) =>
      call(github, '/repos/acme/widgets/pulls', {
        method: 'POST',
        body: { title: 'Fix', head, base: 'main', body: 'Closes #1' },
      });

    const created = await open('acme:feature');
    const duplicate = await open('feature');
    const unknown = await open('no-such-branch');
    const empty = await open('main');

    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      user: { login: 'patchloop-bot' },
      head: { ref: 'feature' },
      mergeable: null,
    });
    expect(duplicate.status).toBe(422);
    expect(JSON.stringify(duplicate.body)).toContain('A pull request already exists for acme:feature.');
    expect(unknown.status).toBe(422);
    expect(JSON.stringify(empty.body)).toContain('No commits between main and main');
    expect(github.model.listPullRequests()).toHaveLength(1);
  });

  it('lists pull requests filtered by owner:branch head and state', async () => {
    const repository = createTinyRepository();
    repository.commit('other', 'other.txt', 'x\n');
    const github = await start(repository);
    github.model.addPullRequest({ title: 'Feature', head: 'feature' });
    const other = github.model.addPullRequest({ title: 'Other', head: 'other' });
    github.model.updatePullRequest(other.number, { state: 'closed' });

    const byHead = await call(github, '/repos/acme/widgets/pulls?head=acme:other&state=all');
    const open = await call(github, '/repos/acme/widgets/pulls');

    expect((byHead.body as unknown as { title: string }[]).map((p) => p.title)).toEqual(['Other']);
    expect((open.body as unknown as { title: string }[]).map((p) => p.title)).toEqual(['Feature']);
  });
});

describe('git routes over a bare repository', () => {
  it('compares two branches the way GitHub reports ahead, behind and files', async () => {
    const repository = createTinyRepository();
    repository.commit('main', 'README.md', 'hello again\n');
    const github = await start(repository);

    const compared = await call(github, '/repos/acme/widgets/compare/main...feature');

    expect(compared.body).toMatchObject({ status: 'diverged', ahead_by: 1, behind_by: 1, total_commits: 1 });
    expect((compared.body['files'] as unknown as { filename: string }[]).map((f) => f.filename)).toEqual([
      'app.txt',
    ]);
  });

  it('serves a branch with its head commit and answers 404 for a missing one', async () => {
    const repository = createTinyRepository();
    const github = await start(repository);

    const branch = await call(github, '/repos/acme/widgets/branches/feature');
    const missing = await call(github, '/repos/acme/widgets/branches/nope');

    expect(branch.body).toMatchObject({
      name: 'feature',
      protected: false,
      commit: { sha: sha(repository, 'feature') },
    });
    expect(missing.status).toBe(404);
  });

  it('finds check runs and the combined status by branch name or SHA', async () => {
    const repository = createTinyRepository();
    const github = await start(repository);
    const head = sha(repository, 'feature');
    github.model.addCheckRun(head, { name: 'test', status: 'completed', conclusion: 'failure' });
    github.model.addCheckRun('feature', { name: 'test', status: 'completed', conclusion: 'success' });
    github.model.addCommitStatus(head, { context: 'ci/lint', state: 'pending' });
    github.model.addCommitStatus(head, { context: 'ci/lint', state: 'success' });

    const runs = await call(github, '/repos/acme/widgets/commits/feature/check-runs');
    const all = await call(github, `/repos/acme/widgets/commits/${head}/check-runs?filter=all`);
    const combined = await call(github, `/repos/acme/widgets/commits/${head}/status`);

    expect(runs.body).toMatchObject({
      total_count: 1,
      check_runs: [{ conclusion: 'success', head_sha: head }],
    });
    expect(all.body['total_count']).toBe(2);
    expect(combined.body).toMatchObject({ state: 'success', total_count: 1, sha: head });
  });
});
