import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createFakeClock } from '../../fake-clock.js';
import { sharedOpenApiChecker } from '../openapi/shared-openapi-checker.js';
import { fakeGitHubRoutes } from '../routes/route-table.js';
import { startFakeGitHub } from '../start-fake-github.js';

// A bare repository whose `feature` and `other` branches are one commit ahead of `main`, via plain git.
function createTinyBareRepository(): string {
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
  const git = (...args: string[]): void => {
    execFileSync('git', args, { cwd: work, env, stdio: 'pipe' });
  };
  fs.mkdirSync(work);
  git('init', '-b', 'main');
  fs.writeFileSync(path.join(work, 'app.txt'), 'one\n');
  git('add', 'app.txt');
  git('commit', '-m', 'Start');
  git('checkout', '-b', 'feature');
  fs.writeFileSync(path.join(work, 'app.txt'), 'two\n');
  git('commit', '-am', 'Change');
  git('checkout', '-b', 'other', 'main');
  fs.writeFileSync(path.join(work, 'other.txt'), 'other\n');
  git('add', 'other.txt');
  git('commit', '-m', 'Other');
  git('clone', '--bare', work, path.join(root, 'origin.git'));
  return path.join(root, 'origin.git');
}

describe('fake GitHub response shapes', () => {
  // Compiling GitHub's response schemas is the slow part (seconds on a busy machine), hence the timeout.
  it('answers every served route with a body that matches GitHub’s documented response schema', {
    timeout: 90_000,
  }, async () => {
    const checker = await sharedOpenApiChecker();
    const github = await startFakeGitHub({
      owner: 'acme',
      repo: 'widgets',
      bareRepositoryPath: createTinyBareRepository(),
      clock: createFakeClock(),
    });
    onTestFinished(() => github.close());
    const issue = github.model.addIssue({ title: 'Crash', labels: ['bug'], assignees: ['bob'] });
    const comment = github.model.addIssueComment(issue.number, { body: 'Me too', user: 'bob' });
    const pull = github.model.addPullRequest({ title: 'Fix', head: 'feature', user: 'alice' });
    const review = github.model.addReview(pull.number, {
      user: 'bob',
      state: 'COMMENTED',
      body: 'Looks fine',
    });
    github.model.addReviewComment(pull.number, { user: 'bob', body: 'nit', path: 'app.txt', line: 1 });
    const run = github.model.addCheckRun('feature', {
      name: 'test',
      status: 'completed',
      conclusion: 'success',
      output: { title: 'ok' },
    });
    github.model.addCommitStatus('feature', { context: 'ci', state: 'success', description: 'green' });
    github.model.closeIssue(issue.number);
    const sha = pull.head.sha;
    const cases: [string, string, string, unknown?][] = [
      ['GET', '/repos/{owner}/{repo}', '/repos/acme/widgets'],
      ['GET', '/user', '/user'],
      ['GET', '/users/{username}', '/users/bob'],
      [
        'GET',
        '/repos/{owner}/{repo}/collaborators/{username}/permission',
        '/repos/acme/widgets/collaborators/bob/permission',
      ],
      ['GET', '/rate_limit', '/rate_limit'],
      ['GET', '/repos/{owner}/{repo}/issues', '/repos/acme/widgets/issues?state=all'],
      ['POST', '/repos/{owner}/{repo}/issues', '/repos/acme/widgets/issues', { title: 'New', labels: ['x'] }],
      ['GET', '/repos/{owner}/{repo}/issues/{issue_number}', `/repos/acme/widgets/issues/${issue.number}`],
      [
        'PATCH',
        '/repos/{owner}/{repo}/issues/{issue_number}',
        `/repos/acme/widgets/issues/${issue.number}`,
        { body: 'b' },
      ],
      [
        'GET',
        '/repos/{owner}/{repo}/issues/{issue_number}/labels',
        `/repos/acme/widgets/issues/${issue.number}/labels`,
      ],
      [
        'POST',
        '/repos/{owner}/{repo}/issues/{issue_number}/labels',
        `/repos/acme/widgets/issues/${issue.number}/labels`,
        { labels: ['ui'] },
      ],
      [
        'PUT',
        '/repos/{owner}/{repo}/issues/{issue_number}/labels',
        `/repos/acme/widgets/issues/${issue.number}/labels`,
        { labels: ['ui', 'bug'] },
      ],
      [
        'DELETE',
        '/repos/{owner}/{repo}/issues/{issue_number}/labels/{name}',
        `/repos/acme/widgets/issues/${issue.number}/labels/ui`,
      ],
      [
        'GET',
        '/repos/{owner}/{repo}/issues/{issue_number}/comments',
        `/repos/acme/widgets/issues/${issue.number}/comments`,
      ],
      [
        'POST',
        '/repos/{owner}/{repo}/issues/{issue_number}/comments',
        `/repos/acme/widgets/issues/${issue.number}/comments`,
        { body: 'Hi' },
      ],
      [
        'GET',
        '/repos/{owner}/{repo}/issues/comments',
        '/repos/acme/widgets/issues/comments?sort=updated&direction=desc',
      ],
      [
        'GET',
        '/repos/{owner}/{repo}/issues/comments/{comment_id}',
        `/repos/acme/widgets/issues/comments/${comment.id}`,
      ],
      [
        'PATCH',
        '/repos/{owner}/{repo}/issues/comments/{comment_id}',
        `/repos/acme/widgets/issues/comments/${comment.id}`,
        { body: 'Edited' },
      ],
      ['GET', '/repos/{owner}/{repo}/labels', '/repos/acme/widgets/labels'],
      [
        'POST',
        '/repos/{owner}/{repo}/labels',
        '/repos/acme/widgets/labels',
        { name: 'autocode', color: 'ededed' },
      ],
      ['GET', '/repos/{owner}/{repo}/labels/{name}', '/repos/acme/widgets/labels/bug'],
      ['GET', '/repos/{owner}/{repo}/issues/events', '/repos/acme/widgets/issues/events'],
      [
        'GET',
        '/repos/{owner}/{repo}/issues/{issue_number}/events',
        `/repos/acme/widgets/issues/${issue.number}/events`,
      ],
      ['GET', '/repos/{owner}/{repo}/pulls', '/repos/acme/widgets/pulls?state=all'],
      [
        'POST',
        '/repos/{owner}/{repo}/pulls',
        '/repos/acme/widgets/pulls',
        { title: 'More', head: 'other', base: 'main' },
      ],
      ['GET', '/repos/{owner}/{repo}/pulls/{pull_number}', `/repos/acme/widgets/pulls/${pull.number}`],
      [
        'PATCH',
        '/repos/{owner}/{repo}/pulls/{pull_number}',
        `/repos/acme/widgets/pulls/${pull.number}`,
        { title: 'Fix it' },
      ],
      [
        'GET',
        '/repos/{owner}/{repo}/pulls/{pull_number}/files',
        `/repos/acme/widgets/pulls/${pull.number}/files`,
      ],
      [
        'GET',
        '/repos/{owner}/{repo}/pulls/{pull_number}/commits',
        `/repos/acme/widgets/pulls/${pull.number}/commits`,
      ],
      [
        'GET',
        '/repos/{owner}/{repo}/pulls/{pull_number}/reviews',
        `/repos/acme/widgets/pulls/${pull.number}/reviews`,
      ],
      [
        'POST',
        '/repos/{owner}/{repo}/pulls/{pull_number}/reviews',
        `/repos/acme/widgets/pulls/${pull.number}/reviews`,
        { event: 'COMMENT', body: 'Good' },
      ],
      [
        'GET',
        '/repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}',
        `/repos/acme/widgets/pulls/${pull.number}/reviews/${review.id}`,
      ],
      [
        'GET',
        '/repos/{owner}/{repo}/pulls/{pull_number}/comments',
        `/repos/acme/widgets/pulls/${pull.number}/comments`,
      ],
      [
        'POST',
        '/repos/{owner}/{repo}/pulls/{pull_number}/comments',
        `/repos/acme/widgets/pulls/${pull.number}/comments`,
        { body: 'Why?', commit_id: sha, path: 'app.txt', line: 1, side: 'RIGHT' },
      ],
      ['GET', '/repos/{owner}/{repo}/pulls/comments', '/repos/acme/widgets/pulls/comments'],
      [
        'GET',
        '/repos/{owner}/{repo}/commits/{ref}/check-runs',
        '/repos/acme/widgets/commits/feature/check-runs',
      ],
      [
        'POST',
        '/repos/{owner}/{repo}/check-runs',
        '/repos/acme/widgets/check-runs',
        { name: 'lint', head_sha: sha, status: 'in_progress' },
      ],
      ['GET', '/repos/{owner}/{repo}/check-runs/{check_run_id}', `/repos/acme/widgets/check-runs/${run.id}`],
      [
        'PATCH',
        '/repos/{owner}/{repo}/check-runs/{check_run_id}',
        `/repos/acme/widgets/check-runs/${run.id}`,
        { conclusion: 'failure', output: { title: 'red', summary: '1 failed' } },
      ],
      ['GET', '/repos/{owner}/{repo}/commits/{ref}/status', `/repos/acme/widgets/commits/${sha}/status`],
      ['GET', '/repos/{owner}/{repo}/commits/{ref}/statuses', `/repos/acme/widgets/commits/${sha}/statuses`],
      [
        'POST',
        '/repos/{owner}/{repo}/statuses/{sha}',
        `/repos/acme/widgets/statuses/${sha}`,
        { state: 'failure', context: 'ci' },
      ],
      ['GET', '/search/issues', `/search/issues?q=${encodeURIComponent('repo:acme/widgets crash')}`],
      ['GET', '/repos/{owner}/{repo}/compare/{basehead}', '/repos/acme/widgets/compare/main...feature'],
      ['GET', '/repos/{owner}/{repo}/branches/{branch}', '/repos/acme/widgets/branches/feature'],
      ['GET', '/repos/{owner}/{repo}/commits/{ref}', `/repos/acme/widgets/commits/${sha}`],
    ];
    const problems: string[] = [];

    for (const [method, template, concrete, body] of cases) {
      const response = await fetch(`${github.url}${concrete}`, {
        method,
        headers: { authorization: 'token write-token', 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const json: unknown = await response.json();
      const errors = checker.validateResponse(method, template, response.status, json);
      if (response.status >= 300) problems.push(`${method} ${concrete}: HTTP ${response.status}`);
      for (const error of errors) problems.push(`${method} ${template} ${response.status}: ${error}`);
    }

    expect(problems).toEqual([]);
    github.assertNoViolations();
    const covered = new Set(cases.map(([method, template]) => `${method} ${template}`));
    expect(fakeGitHubRoutes.filter((route) => !covered.has(`${route.method} ${route.path}`))).toEqual([]);
  });
});
