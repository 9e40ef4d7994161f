import type { Issue, IssueComment, Review, ReviewComment, User } from '@patchloop/core';

// Small builders for the context tests: domain objects with only the fields a test cares about.

/** A user; logins ending in `[bot]` are bots. */
export function user(login: string): User {
  return { login, id: login.length, type: login.endsWith('[bot]') ? 'Bot' : 'User' };
}

/** An issue (or, with `isPullRequest`, a PR search hit). */
export function issue(fields: Partial<Issue> & Pick<Issue, 'number'>): Issue {
  return {
    id: fields.number,
    title: '',
    body: '',
    state: 'open',
    author: user('alice'),
    authorAssociation: 'NONE',
    labels: [],
    isPullRequest: false,
    commentCount: 0,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    closedAt: null,
    htmlUrl: `https://github.test/demo/repo/issues/${fields.number}`,
    ...fields,
  };
}

/** An issue comment at a time. */
export function comment(id: number, login: string, body: string, at: string): IssueComment {
  return {
    id,
    issueNumber: 1,
    body,
    author: user(login),
    authorAssociation: 'NONE',
    createdAt: at,
    updatedAt: at,
    htmlUrl: `https://github.test/c/${id}`,
  };
}

/** A submitted review. */
export function review(id: number, login: string, body: string, at: string | null): Review {
  return {
    id,
    author: user(login),
    body,
    state: 'COMMENTED',
    commitId: null,
    submittedAt: at,
    htmlUrl: `https://github.test/r/${id}`,
  };
}

/** An inline review comment. */
export function reviewComment(id: number, login: string, body: string, at: string): ReviewComment {
  return {
    id,
    pullRequestNumber: 1,
    reviewId: null,
    inReplyToId: null,
    author: user(login),
    body,
    path: 'src/app.ts',
    line: 1,
    originalLine: 1,
    side: 'RIGHT',
    commitId: 'abc',
    createdAt: at,
    updatedAt: at,
    htmlUrl: `https://github.test/rc/${id}`,
  };
}
