import { describe, expect, it } from 'vitest';
import {
  toCheckRun,
  toCombinedStatus,
  toIssue,
  toIssueComment,
  toPermission,
  toPullRequest,
  toRepository,
  toReview,
  toReviewComment,
} from './rest-mappers.js';

const octocat = { login: 'octocat', id: 1, type: 'User', site_admin: false };

function aRestIssue(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 101,
    number: 7,
    title: 'Crash on start',
    body: 'Steps...',
    state: 'open',
    user: octocat,
    author_association: 'CONTRIBUTOR',
    labels: [{ id: 3, name: 'bug', color: 'f00', description: null }],
    comments: 2,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-02T00:00:00Z',
    closed_at: null,
    html_url: 'https://github.com/acme/widgets/issues/7',
    ...overrides,
  };
}

function aRestPull(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const repo = { full_name: 'acme/widgets', clone_url: 'https://github.com/acme/widgets.git' };
  return {
    id: 202,
    number: 9,
    title: 'Fix crash',
    body: null,
    state: 'open',
    draft: false,
    head: { ref: 'autocode/issue-7-fix-crash', sha: 'a'.repeat(40), repo },
    base: { ref: 'main', sha: 'b'.repeat(40), repo },
    user: octocat,
    labels: [],
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-02T00:00:00Z',
    merged_at: null,
    html_url: 'https://github.com/acme/widgets/pull/9',
    ...overrides,
  };
}

describe('toIssue', () => {
  it('maps REST fields to camelCase and label objects to names', () => {
    const issue = toIssue(aRestIssue());

    expect(issue).toMatchObject({
      number: 7,
      title: 'Crash on start',
      author: { login: 'octocat', type: 'User' },
      labels: ['bug'],
      isPullRequest: false,
      commentCount: 2,
      updatedAt: '2026-01-02T00:00:00Z',
    });
  });

  it('flags pull requests listed as issues by their pull_request key', () => {
    const issue = toIssue(
      aRestIssue({ pull_request: { url: 'https://api.github.com/repos/acme/widgets/pulls/7' } }),
    );

    expect(issue.isPullRequest).toBe(true);
  });

  it('turns a null body into an empty string and a deleted author into the ghost user', () => {
    const issue = toIssue(aRestIssue({ body: null, user: null }));

    expect(issue.body).toBe('');
    expect(issue.author.login).toBe('ghost');
  });

  it('accepts labels given as plain strings', () => {
    expect(toIssue(aRestIssue({ labels: ['autocode', { name: 'bug' }] })).labels).toEqual([
      'autocode',
      'bug',
    ]);
  });

  it('fails loudly with GITHUB_RESPONSE_INVALID when a relied-on field is missing', () => {
    const { number: _dropped, ...withoutNumber } = aRestIssue();

    expect(() => toIssue(withoutNumber)).toThrow(
      expect.objectContaining({ code: 'GITHUB_RESPONSE_INVALID' }),
    );
    expect(() => toIssue(withoutNumber)).toThrow(/number/);
  });
});

describe('toPullRequest', () => {
  it('reports mergeable as null when GitHub has not computed it yet', () => {
    const pull = toPullRequest(aRestPull({ mergeable: null }));

    expect(pull.mergeable).toBeNull();
  });

  it('keeps a computed mergeable and the size fields of the single read', () => {
    const pull = toPullRequest(
      aRestPull({ mergeable: false, mergeable_state: 'dirty', additions: 3, deletions: 1 }),
    );

    expect(pull).toMatchObject({ mergeable: false, mergeableState: 'dirty', additions: 3, deletions: 1 });
  });

  it('derives merged from merged_at on list results, which lack the merged flag', () => {
    const pull = toPullRequest(aRestPull({ state: 'closed', merged_at: '2026-01-03T00:00:00Z' }));

    expect(pull.merged).toBe(true);
    expect(pull.additions).toBeNull();
  });

  it('maps head and base branches, SHAs and the head repository', () => {
    const pull = toPullRequest(aRestPull());

    expect(pull).toMatchObject({
      body: '',
      headRef: 'autocode/issue-7-fix-crash',
      headSha: 'a'.repeat(40),
      baseRef: 'main',
      headRepoFullName: 'acme/widgets',
    });
  });
});

describe('toIssueComment', () => {
  it('reads the issue number from the issue_url', () => {
    const comment = toIssueComment({
      id: 5,
      issue_url: 'https://api.github.com/repos/acme/widgets/issues/12',
      body: 'hi',
      user: { ...octocat, type: 'Bot' },
      created_at: '2026-01-01T00:00:00Z',
      updated_at: '2026-01-01T00:00:00Z',
      html_url: 'https://github.com/acme/widgets/issues/12#issuecomment-5',
    });

    expect(comment).toMatchObject({
      id: 5,
      issueNumber: 12,
      author: { type: 'Bot' },
      authorAssociation: 'NONE',
    });
  });
});

describe('toReviewComment', () => {
  it('reads the pull request number from the pull_request_url', () => {
    const comment = toReviewComment({
      id: 8,
      pull_request_url: 'https://api.github.com/repos/acme/widgets/pulls/9',
      pull_request_review_id: 77,
      user: octocat,
      body: 'nit',
      path: 'src/app.ts',
      line: 4,
      commit_id: 'c'.repeat(40),
      created_at: '2026-01-01T00:00:00Z',
      updated_at: '2026-01-01T00:00:00Z',
      html_url: 'https://github.com/acme/widgets/pull/9#discussion_r8',
    });

    expect(comment).toMatchObject({ pullRequestNumber: 9, reviewId: 77, line: 4, originalLine: null });
  });
});

describe('toReview', () => {
  it('keeps the reviewed commit and maps an empty body to an empty string', () => {
    const review = toReview({
      id: 3,
      user: octocat,
      body: null,
      state: 'COMMENTED',
      commit_id: 'd'.repeat(40),
      submitted_at: '2026-01-01T00:00:00Z',
      html_url: 'https://github.com/acme/widgets/pull/9#pullrequestreview-3',
    });

    expect(review).toMatchObject({ body: '', state: 'COMMENTED', commitId: 'd'.repeat(40) });
  });

  it('rejects a review state GitHub does not define', () => {
    const review = { id: 3, user: octocat, body: '', state: 'SHIPPED', commit_id: null, html_url: '' };

    expect(() => toReview(review)).toThrow(expect.objectContaining({ code: 'GITHUB_RESPONSE_INVALID' }));
  });
});

describe('toRepository', () => {
  it('maps the default branch and the owner login', () => {
    const repository = toRepository({
      id: 1,
      name: 'widgets',
      full_name: 'acme/widgets',
      owner: { login: 'acme', id: 2, type: 'Organization' },
      private: false,
      html_url: 'https://github.com/acme/widgets',
      clone_url: 'https://github.com/acme/widgets.git',
      default_branch: 'trunk',
    });

    expect(repository).toMatchObject({ owner: 'acme', defaultBranch: 'trunk', fullName: 'acme/widgets' });
  });
});

describe('toCheckRun and toCombinedStatus', () => {
  it('map CI results as GitHub reports them', () => {
    const run = toCheckRun({
      id: 1,
      name: 'test',
      status: 'completed',
      conclusion: 'failure',
      head_sha: 'e'.repeat(40),
      completed_at: '2026-01-01T00:00:00Z',
      html_url: null,
    });
    const combined = toCombinedStatus({
      sha: 'e'.repeat(40),
      state: 'pending',
      total_count: 1,
      statuses: [
        {
          context: 'ci/lint',
          state: 'pending',
          description: null,
          target_url: null,
          updated_at: '2026-01-01T00:00:00Z',
        },
      ],
    });

    expect(run).toMatchObject({ name: 'test', conclusion: 'failure' });
    expect(combined.statuses[0]).toMatchObject({ context: 'ci/lint', state: 'pending' });
  });

  it('maps a check run report and its start time', () => {
    const data = {
      id: 2,
      name: 'build',
      status: 'completed',
      conclusion: 'failure',
      head_sha: 'e'.repeat(40),
      started_at: '2026-01-01T00:00:00Z',
      completed_at: '2026-01-01T00:05:00Z',
      html_url: null,
      output: { title: '2 errors', summary: 'tsc failed', text: null, annotations_count: 0 },
    };

    const run = toCheckRun(data);

    expect(run.startedAt).toBe('2026-01-01T00:00:00Z');
    expect(run.output).toEqual({ title: '2 errors', summary: 'tsc failed', text: null });
  });

  it('reports an absent check run output as empty parts', () => {
    const data = {
      id: 3,
      name: 'build',
      status: 'queued',
      conclusion: null,
      head_sha: 'e'.repeat(40),
      completed_at: null,
      html_url: null,
    };

    const run = toCheckRun(data);

    expect(run.startedAt).toBeNull();
    expect(run.output).toEqual({ title: null, summary: null, text: null });
  });
});

describe('toPermission', () => {
  it.each([
    [{ permission: 'write', role_name: 'maintain' }, 'maintain'],
    [{ permission: 'read', role_name: 'triage' }, 'triage'],
    [{ permission: 'admin', role_name: 'admin' }, 'admin'],
    [{ permission: 'write', role_name: 'custom-release-role' }, 'write'],
    [{ permission: 'read' }, 'read'],
    [{ permission: 'none', role_name: '' }, 'none'],
  ])('maps %j to %s', (answer, expected) => {
    expect(toPermission(answer)).toBe(expected);
  });
});
