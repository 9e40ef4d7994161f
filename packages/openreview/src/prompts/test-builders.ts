import type { IssuePromptInfo } from './prompt-parts.js';
import type { PullRequestPromptInfo } from './pull-request-prompt-parts.js';

/** An issue for prompt tests; override any field. */
export function anIssuePromptInfo(overrides: Partial<IssuePromptInfo> = {}): IssuePromptInfo {
  return {
    repository: 'demo/repo',
    number: 42,
    title: 'Polling stops after a restart',
    body: 'After restarting the daemon, polling never resumes.',
    labels: ['bug'],
    authorLogin: 'alice',
    authorAssociation: 'CONTRIBUTOR',
    authorTrusted: true,
    ...overrides,
  };
}

/** A pull request for prompt tests; override any field. */
export function aPullRequestPromptInfo(
  overrides: Partial<PullRequestPromptInfo> = {},
): PullRequestPromptInfo {
  return {
    repository: 'demo/repo',
    number: 7,
    title: 'Fix cursor rewind',
    body: 'Fixes #42',
    authorLogin: 'bob',
    authorTrusted: true,
    baseRef: 'main',
    headSha: 'abc1234',
    changedFiles: ['src/poller.ts', 'src/poller.test.ts', 'README.md'],
    facts: ['Changed files: 3', 'Issue references: Fixes #42', 'CI state: pending'],
    diffStat: ' 3 files changed, 20 insertions(+), 4 deletions(-)',
    ...overrides,
  };
}
