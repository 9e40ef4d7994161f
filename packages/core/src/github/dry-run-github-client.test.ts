import { createFakeClock } from '@patchloop/sandbox';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../logging/create-logger.js';
import {
  createDryRunCommentWriter,
  createDryRunRepositoryWriter,
  type DryRunOptions,
  type IntendedWrite,
} from './dry-run-github-client.js';
import type { GitHubRepositoryWriter } from './github-client.js';

const start = Date.UTC(2026, 2, 24, 12, 0, 0);

// A writer that fails the test if any write reaches it; reads answer normally.
function createRefusingWriter(): GitHubRepositoryWriter & { readonly writeAttempts: string[] } {
  const writeAttempts: string[] = [];
  const refuse = (name: string) => async (): Promise<never> => {
    writeAttempts.push(name);
    throw new Error(`${name} must not reach GitHub in a dry run`);
  };
  return {
    writeAttempts,
    getAuthenticatedUser: async () => ({ login: 'patchloop-bot', id: 9, type: 'Bot' }),
    createIssueComment: refuse('createIssueComment'),
    updateIssueComment: refuse('updateIssueComment'),
    createReview: refuse('createReview'),
    createIssue: refuse('createIssue'),
    updateIssue: refuse('updateIssue'),
    addLabels: refuse('addLabels'),
    removeLabel: refuse('removeLabel'),
    createPullRequest: refuse('createPullRequest'),
    updatePullRequest: refuse('updatePullRequest'),
  };
}

function setUp() {
  const writes: IntendedWrite[] = [];
  const logLines: string[] = [];
  const options: DryRunOptions = {
    clock: createFakeClock(start),
    logger: createLogger({ level: 'info', destination: { write: (line: string) => logLines.push(line) } }),
    onIntendedWrite: (write) => writes.push(write),
  };
  return { writes, logLines, options, inner: createRefusingWriter() };
}

describe('createDryRunCommentWriter', () => {
  it('records an issue comment instead of posting it and returns a dry-run placeholder', async () => {
    const { writes, options, inner } = setUp();
    const writer = createDryRunCommentWriter(inner, options);

    const comment = await writer.createIssueComment({ issueNumber: 12, body: 'Analysis' });

    expect(inner.writeAttempts).toEqual([]);
    expect(writes).toEqual([
      {
        kind: 'create_issue_comment',
        target: 'issues/12/comments',
        payload: { issueNumber: 12, body: 'Analysis' },
        at: start,
      },
    ]);
    expect(comment).toMatchObject({
      dryRun: true,
      issueNumber: 12,
      body: 'Analysis',
      createdAt: '2026-03-24T12:00:00Z',
    });
  });

  it('records a review with its verdict and pinned commit', async () => {
    const { writes, options, inner } = setUp();
    const writer = createDryRunCommentWriter(inner, options);

    const review = await writer.createReview({
      pullNumber: 4,
      event: 'COMMENT',
      body: 'LGTM',
      commitId: 'abc',
    });

    expect(writes[0]).toMatchObject({ kind: 'create_review', target: 'pulls/4/reviews' });
    expect(review).toMatchObject({ dryRun: true, state: 'COMMENTED', commitId: 'abc' });
  });

  it('logs each recorded write with a static message and the details in bindings', async () => {
    const { logLines, options, inner } = setUp();
    const writer = createDryRunCommentWriter(inner, options);

    await writer.updateIssueComment({ commentId: 77, body: 'x'.repeat(500) });

    const line = JSON.parse(logLines[0] ?? '{}') as Record<string, unknown>;
    expect(line).toMatchObject({
      msg: 'Dry run: GitHub write recorded, not sent',
      dryRun: true,
      kind: 'update_issue_comment',
      target: 'issues/comments/77',
    });
    expect(line['preview']).toHaveLength(200);
  });

  it('passes reads through to the real writer', async () => {
    const { options, inner } = setUp();
    const writer = createDryRunCommentWriter(inner, options);

    await expect(writer.getAuthenticatedUser()).resolves.toMatchObject({ login: 'patchloop-bot' });
  });

  it('exposes no repository write at runtime', () => {
    const { options, inner } = setUp();

    const writer = createDryRunCommentWriter(inner, options);

    expect(Object.keys(writer).sort()).toEqual([
      'createIssueComment',
      'createReview',
      'getAuthenticatedUser',
      'updateIssueComment',
    ]);
  });
});

describe('createDryRunRepositoryWriter', () => {
  it('records every issue, label and pull request write and sends none', async () => {
    const { writes, options, inner } = setUp();
    const writer = createDryRunRepositoryWriter(inner, options);

    await writer.createIssue({ title: 'Backlog item', body: 'Do it', labels: ['autocode'] });
    await writer.updateIssue({ issueNumber: 3, state: 'closed' });
    await writer.addLabels({ issueNumber: 3, labels: ['ready'] });
    await writer.removeLabel({ issueNumber: 3, label: 'ready' });
    await writer.createPullRequest({
      title: 'fix: crash (#3)',
      body: 'Closes #3',
      head: 'autocode/issue-3',
      base: 'main',
    });
    await writer.updatePullRequest({ pullNumber: 8, title: 'fix: better (#3)' });
    await writer.createIssueComment({ issueNumber: 3, body: 'note' });

    expect(inner.writeAttempts).toEqual([]);
    expect(writes.map((write) => `${write.kind} ${write.target}`)).toEqual([
      'create_issue issues',
      'update_issue issues/3',
      'add_labels issues/3/labels',
      'remove_label issues/3/labels/ready',
      'create_pull_request pulls',
      'update_pull_request pulls/8',
      'create_issue_comment issues/3/comments',
    ]);
  });

  it('returns placeholders that reflect the intended change', async () => {
    const { options, inner } = setUp();
    const writer = createDryRunRepositoryWriter(inner, options);

    const pull = await writer.createPullRequest({
      title: 'T',
      body: 'B',
      head: 'autocode/issue-3',
      base: 'main',
      draft: true,
    });
    const issue = await writer.updateIssue({ issueNumber: 3, state: 'closed', labels: ['done'] });

    expect(pull).toMatchObject({
      dryRun: true,
      number: 0,
      headRef: 'autocode/issue-3',
      baseRef: 'main',
      draft: true,
    });
    expect(issue).toMatchObject({ dryRun: true, number: 3, state: 'closed', labels: ['done'] });
  });
});
