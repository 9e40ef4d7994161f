import { describe, expect, it } from 'vitest';
import { createFakeClock } from '../../fake-clock.js';
import { createGitHubModel, type GitHubModel } from './github-model.js';
import { createModelState } from './model-state.js';

function createModel(clock = createFakeClock(Date.UTC(2026, 0, 1))): GitHubModel {
  const urls = { api: () => 'http://127.0.0.1:1', web: 'https://github.com' };
  return createGitHubModel(
    createModelState({ owner: 'acme', repo: 'widgets', defaultBranch: 'main', clock, urls, git: undefined }),
  );
}

describe('githubModel', () => {
  it('numbers issues and pull requests from one sequence, as GitHub does', () => {
    const model = createModel();

    const issue = model.addIssue({ title: 'Bug' });
    const pull = model.addPullRequest({ title: 'Fix', head: 'fix' });

    expect([issue.number, pull.number]).toEqual([1, 2]);
    expect(model.issue(pull.number).pull_request).toBeDefined();
  });

  it.each([
    ['a comment', (model: GitHubModel, n: number) => model.addIssueComment(n, { body: 'hi' })],
    ['a label', (model: GitHubModel, n: number) => model.addLabels(n, ['bug'])],
    [
      'a review',
      (model: GitHubModel, n: number) => model.addReview(n, { user: 'bob', state: 'APPROVED', body: '' }),
    ],
    [
      'a review comment',
      (model: GitHubModel, n: number) =>
        model.addReviewComment(n, { user: 'bob', body: 'nit', path: 'a', line: 1 }),
    ],
    ['an edit', (model: GitHubModel, n: number) => model.updatePullRequest(n, { title: 'Better' })],
  ])('bumps the pull request updated_at on %s', async (_name, mutate) => {
    const clock = createFakeClock(Date.UTC(2026, 0, 1));
    const model = createModel(clock);
    const pull = model.addPullRequest({ title: 'Fix', head: 'fix' });
    await clock.advance(90_000);

    mutate(model, pull.number);

    expect(model.pullRequest(pull.number).updated_at).toBe('2026-01-01T00:01:30Z');
  });

  it('does not bump updated_at for CI results, as GitHub does not', async () => {
    const clock = createFakeClock(Date.UTC(2026, 0, 1));
    const model = createModel(clock);
    const pull = model.addPullRequest({ title: 'Fix', head: 'fix' });
    await clock.advance(90_000);

    model.addCheckRun(pull.head.sha, { name: 'test', status: 'completed', conclusion: 'failure' });
    model.addCommitStatus(pull.head.sha, { context: 'ci', state: 'error' });

    expect(model.pullRequest(pull.number).updated_at).toBe('2026-01-01T00:00:00Z');
  });

  it('follows setBranch for head SHAs and bumps updated_at when the head moves', async () => {
    const clock = createFakeClock(Date.UTC(2026, 0, 1));
    const model = createModel(clock);
    const pull = model.addPullRequest({ title: 'Fix', head: 'fix' });
    await clock.advance(5_000);

    model.setBranch('fix', 'a'.repeat(40));

    expect(model.pullRequest(pull.number)).toMatchObject({
      head: { sha: 'a'.repeat(40) },
      updated_at: '2026-01-01T00:00:05Z',
    });
  });

  it('closes an issue as completed by the owner and records closed_at', async () => {
    const clock = createFakeClock(Date.UTC(2026, 0, 1));
    const model = createModel(clock);
    const issue = model.addIssue({ title: 'Bug' });
    await clock.advance(1_000);

    const closed = model.closeIssue(issue.number);

    expect(closed).toMatchObject({
      state: 'closed',
      state_reason: 'completed',
      closed_at: '2026-01-01T00:00:01Z',
      closed_by: { login: 'acme' },
    });
  });

  it('leaves mergeable unknown when only the model is read, so the daemon sees the first null', () => {
    const model = createModel();
    const pull = model.addPullRequest({ title: 'Fix', head: 'fix' });

    model.pullRequest(pull.number);

    expect(model.pullRequest(pull.number)).toMatchObject({ mergeable: null, mergeable_state: 'unknown' });
  });

  it('explains a missing issue instead of returning undefined', () => {
    const model = createModel();

    expect(() => model.issue(9)).toThrow('The fake GitHub has no issue or pull request #9.');
  });
});
