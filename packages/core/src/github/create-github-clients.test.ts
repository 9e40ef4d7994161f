import { createBareRepository, type FakeGitHub, startFakeGitHub } from '@patchloop/sandbox';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createSilentLogger } from '../logging/create-logger.js';
import { createSystemClock } from '../time/clock.js';
import {
  createCodeGitHubClients,
  createReviewGitHubClients,
  type GitHubClientSettings,
} from './create-github-clients.js';
import {
  createDryRunCommentWriter,
  createDryRunRepositoryWriter,
  type IntendedWrite,
} from './dry-run-github-client.js';
import { ensureIssueComment, ensureReview } from './ensure-writes.js';
import { renderMarker } from './markers.js';

// The factories wired to the sandbox's fake GitHub over HTTP, as the daemons will use them.

async function startGitHub(options: { bareRepositoryPath?: string } = {}): Promise<FakeGitHub> {
  const github = await startFakeGitHub({ owner: 'acme', repo: 'widgets', ...options });
  onTestFinished(() => github.close());
  return github;
}

function settings(
  github: FakeGitHub,
  tokens: { token?: string; writeToken?: string } = {},
): GitHubClientSettings {
  return {
    owner: 'acme',
    repo: 'widgets',
    apiUrl: github.url,
    token: tokens.token ?? 'read-token',
    ...(tokens.writeToken === undefined ? {} : { writeToken: tokens.writeToken }),
    logger: createSilentLogger(),
    clock: createSystemClock(),
  };
}

function writesTo(github: FakeGitHub) {
  return github.requests.filter((request) => request.method !== 'GET');
}

describe('createReviewGitHubClients', () => {
  it('gives the review daemon a writer with no pull request or issue writes at runtime', async () => {
    const github = await startGitHub();

    const { writer } = createReviewGitHubClients(settings(github, { writeToken: 'write-token' }));

    expect(Object.keys(writer).sort()).toEqual([
      'createIssueComment',
      'createReview',
      'getAuthenticatedUser',
      'updateIssueComment',
    ]);
    expect('createPullRequest' in writer).toBe(false);
    expect('updatePullRequest' in writer).toBe(false);
    github.assertNoViolations();
  });

  it('reads with GITHUB_TOKEN and writes with GITHUB_WRITE_TOKEN', async () => {
    const github = await startGitHub();
    const clients = createReviewGitHubClients(settings(github, { writeToken: 'write-token' }));

    const reader = await clients.reader.getAuthenticatedUser();
    const writer = await clients.writer.getAuthenticatedUser();

    expect([reader.login, writer.login]).toEqual(['patchloop-reader', 'patchloop-bot']);
    github.assertNoViolations();
  });

  it('explains which token lacks which permission when GITHUB_TOKEN stands in for writes', async () => {
    const github = await startGitHub();
    const issue = github.model.addIssue({ title: 'Question' });
    const { writer } = createReviewGitHubClients(settings(github));

    const write = writer.createIssueComment({ issueNumber: issue.number, body: 'Answer' });

    await expect(write).rejects.toMatchObject({ code: 'GITHUB_FORBIDDEN' });
    await expect(write).rejects.toThrow(
      'GITHUB_TOKEN (used for writes because GITHUB_WRITE_TOKEN is unset) lacks `issues: write`',
    );
    github.assertNoViolations();
  });
});

describe('searchIssues', () => {
  it('reads one page of matches from GitHub search, whose answer carries search_type beside items', async () => {
    const github = await startGitHub();
    github.model.addIssue({ title: 'Crash when polling the widget API' });
    github.model.addIssue({ title: 'Docs typo' });
    const { reader } = createReviewGitHubClients(settings(github));

    const found = await reader.searchIssues('repo:acme/widgets is:issue polling', { perPage: 10 });

    expect(found.map((issue) => issue.title)).toEqual(['Crash when polling the widget API']);
    expect(github.requests.filter((request) => request.path === '/search/issues')).toHaveLength(1);
    github.assertNoViolations();
  });
});

describe('ensure writes against GitHub', () => {
  it('creates one comment when ensureIssueComment is called twice', async () => {
    const github = await startGitHub();
    const issue = github.model.addIssue({ title: 'Crash' });
    github.model.addIssueComment(issue.number, { body: 'Same here', user: 'bob' });
    const { reader, writer } = createReviewGitHubClients(settings(github, { writeToken: 'write-token' }));
    const marker = renderMarker({ service: 'openreview', kind: 'issue', key: `issue-${issue.number}` });
    const input = { reader, writer, issueNumber: issue.number, marker, body: 'Analysis' };

    const first = await ensureIssueComment(input);
    const second = await ensureIssueComment(input);

    expect([first.created, second.created]).toEqual([true, false]);
    expect(second.comment.id).toBe(first.comment.id);
    expect(github.model.comments(issue.number).map((comment) => comment.body)).toEqual([
      'Same here',
      `Analysis\n\n${marker}`,
    ]);
    expect(writesTo(github)).toHaveLength(1);
    github.assertNoViolations();
  });

  it('submits one review when ensureReview is called twice', async () => {
    const repository = createBareRepository({ files: { 'README.md': '# widgets\n' } });
    onTestFinished(() => repository.close());
    const headSha = repository.commit({ branch: 'feature', files: { 'a.txt': 'a\n' }, message: 'Add a' });
    const github = await startGitHub({ bareRepositoryPath: repository.path });
    const pull = github.model.addPullRequest({ title: 'Add a', head: 'feature', user: 'alice' });
    const { reader, writer } = createReviewGitHubClients(settings(github, { writeToken: 'write-token' }));
    const marker = renderMarker({ service: 'openreview', kind: 'pr-review', key: `${headSha}:digest` });
    const input = {
      reader,
      writer,
      pullNumber: pull.number,
      marker,
      body: 'Looks fine',
      event: 'COMMENT' as const,
    };

    await ensureReview({ ...input, commitId: headSha });
    const again = await ensureReview({ ...input, commitId: headSha });

    expect(again.created).toBe(false);
    expect(github.model.reviews(pull.number)).toHaveLength(1);
    expect(again.review).toMatchObject({ state: 'COMMENTED', commitId: headSha });
    github.assertNoViolations();
  });
});

describe('DRY_RUN decorated writers', () => {
  it('send no non-GET request at all and record every intended write', async () => {
    const github = await startGitHub();
    const issue = github.model.addIssue({ title: 'Backlog' });
    const intended: IntendedWrite[] = [];
    const { reader, writer } = createCodeGitHubClients(settings(github, { writeToken: 'write-token' }));
    const dryRun = {
      logger: createSilentLogger(),
      clock: createSystemClock(),
      onIntendedWrite: (w: IntendedWrite) => intended.push(w),
    };
    const dryWriter = createDryRunRepositoryWriter(writer, dryRun);
    const marker = renderMarker({ service: 'autocode', kind: 'issue', key: 'backlog' });

    await ensureIssueComment({ reader, writer: dryWriter, issueNumber: issue.number, marker, body: 'Plan' });
    await dryWriter.createIssue({ title: 'New', body: 'From backlog', labels: ['autocode'] });
    await dryWriter.updateIssue({ issueNumber: issue.number, state: 'closed' });
    await dryWriter.addLabels({ issueNumber: issue.number, labels: ['autocode'] });
    await dryWriter.removeLabel({ issueNumber: issue.number, label: 'autocode' });
    await dryWriter.createPullRequest({ title: 'T', body: 'B', head: 'autocode/issue-1', base: 'main' });
    await dryWriter.updatePullRequest({ pullNumber: 1, title: 'T2' });
    await dryWriter.updateIssueComment({ commentId: 1, body: 'edit' });
    await dryWriter.createReview({ pullNumber: 1, event: 'COMMENT', body: 'r' });

    expect(writesTo(github)).toEqual([]);
    expect(intended).toHaveLength(9);
    github.assertNoViolations();
  });

  it('keeps a dry-run comment writer as narrow as the real one', async () => {
    const github = await startGitHub();
    const { writer } = createReviewGitHubClients(settings(github, { writeToken: 'write-token' }));

    const dryWriter = createDryRunCommentWriter(writer, {
      logger: createSilentLogger(),
      clock: createSystemClock(),
      onIntendedWrite: () => undefined,
    });

    expect('createPullRequest' in dryWriter).toBe(false);
    github.assertNoViolations();
  });
});
