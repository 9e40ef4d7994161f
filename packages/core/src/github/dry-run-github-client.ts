import type { Logger } from '../logging/create-logger.js';
import { type Clock, toIsoSeconds } from '../time/clock.js';
import type { DryRunFlag, GitHubCommentWriter, GitHubRepositoryWriter } from './github-client.js';
import type { IssueComment, PullRequest, Review, User } from './types.js';

// DRY_RUN as a decorator: the composition root wraps the writer once, and no daemon code ever
// asks "is this a dry run?". Reads pass through; every write is recorded and nothing is sent.

/** The kinds of GitHub writes PatchLoop can intend. */
export type IntendedWriteKind =
  | 'create_issue_comment'
  | 'update_issue_comment'
  | 'create_review'
  | 'create_issue'
  | 'update_issue'
  | 'add_labels'
  | 'remove_label'
  | 'create_pull_request'
  | 'update_pull_request';

/** A write that DRY_RUN kept from GitHub: what, on which REST target (`issues/12`), with what, when. */
export interface IntendedWrite {
  readonly kind: IntendedWriteKind;
  readonly target: string;
  readonly payload: Readonly<Record<string, unknown>>;
  /** Epoch milliseconds. */
  readonly at: number;
}

/** Dependencies of the dry-run decorators. */
export interface DryRunOptions {
  readonly logger: Logger;
  readonly clock: Clock;
  /** Receives every intended write (a store table, the /observability feed, a test array). */
  readonly onIntendedWrite: (write: IntendedWrite) => void;
}

// Placeholder results are recognisable: id 0, no URL, this author, and `dryRun: true`.
const dryRunAuthor: User = { login: 'patchloop-dry-run', id: 0, type: 'Bot' };

/** Wraps a comment writer so that comments and reviews are recorded instead of posted. */
export function createDryRunCommentWriter(
  writer: GitHubCommentWriter,
  options: DryRunOptions,
): GitHubCommentWriter {
  const record = createRecorder(options);
  const now = (): string => toIsoSeconds(options.clock.now());
  return {
    getAuthenticatedUser: () => writer.getAuthenticatedUser(),
    createIssueComment: async (input) => {
      record('create_issue_comment', `issues/${input.issueNumber}/comments`, input);
      return placeholderComment(input.issueNumber, input.body, now());
    },
    updateIssueComment: async (input) => {
      record('update_issue_comment', `issues/comments/${input.commentId}`, input);
      return { ...placeholderComment(0, input.body, now()), id: input.commentId };
    },
    createReview: async (input) => {
      record('create_review', `pulls/${input.pullNumber}/reviews`, input);
      const review: Review & DryRunFlag = {
        id: 0,
        author: dryRunAuthor,
        body: input.body,
        state: reviewStates[input.event],
        commitId: input.commitId ?? null,
        submittedAt: now(),
        htmlUrl: '',
        dryRun: true,
      };
      return review;
    },
  };
}

/** Wraps a repository writer so that every issue, label and pull request write is recorded instead. */
export function createDryRunRepositoryWriter(
  writer: GitHubRepositoryWriter,
  options: DryRunOptions,
): GitHubRepositoryWriter {
  const record = createRecorder(options);
  const now = (): string => toIsoSeconds(options.clock.now());
  const placeholderIssue = (fields: {
    number: number;
    title?: string;
    body?: string;
    labels?: readonly string[];
  }) => ({
    id: 0,
    number: fields.number,
    title: fields.title ?? '',
    body: fields.body ?? '',
    state: 'open' as const,
    author: dryRunAuthor,
    authorAssociation: 'NONE',
    labels: fields.labels ?? [],
    isPullRequest: false,
    commentCount: 0,
    createdAt: now(),
    updatedAt: now(),
    closedAt: null,
    htmlUrl: '',
    dryRun: true as const,
  });
  return {
    ...createDryRunCommentWriter(writer, options),
    createIssue: async (input) => {
      record('create_issue', 'issues', input);
      return placeholderIssue({ number: 0, ...input });
    },
    updateIssue: async (input) => {
      record('update_issue', `issues/${input.issueNumber}`, input);
      const issue = placeholderIssue({ number: input.issueNumber, ...input });
      return { ...issue, state: input.state ?? issue.state };
    },
    addLabels: async (input) => {
      record('add_labels', `issues/${input.issueNumber}/labels`, input);
      return input.labels.map((name) => ({ name, color: '', description: null }));
    },
    removeLabel: async (input) => {
      record('remove_label', `issues/${input.issueNumber}/labels/${input.label}`, input);
    },
    createPullRequest: async (input) => {
      record('create_pull_request', 'pulls', input);
      return placeholderPullRequest({ number: 0, ...input }, now());
    },
    updatePullRequest: async (input) => {
      record('update_pull_request', `pulls/${input.pullNumber}`, input);
      return placeholderPullRequest({ number: input.pullNumber, ...input }, now());
    },
  };
}

const reviewStates = {
  COMMENT: 'COMMENTED',
  REQUEST_CHANGES: 'CHANGES_REQUESTED',
  APPROVE: 'APPROVED',
} as const;

function createRecorder(options: DryRunOptions) {
  return (kind: IntendedWriteKind, target: string, payload: object): void => {
    const write: IntendedWrite = { kind, target, payload: { ...payload }, at: options.clock.now() };
    options.onIntendedWrite(write);
    const body = 'body' in payload && typeof payload.body === 'string' ? payload.body : undefined;
    options.logger.info(
      { dryRun: true, kind, target, ...(body === undefined ? {} : { preview: body.slice(0, 200) }) },
      'Dry run: GitHub write recorded, not sent',
    );
  };
}

function placeholderComment(issueNumber: number, body: string, at: string): IssueComment & DryRunFlag {
  return {
    id: 0,
    issueNumber,
    body,
    author: dryRunAuthor,
    authorAssociation: 'NONE',
    createdAt: at,
    updatedAt: at,
    htmlUrl: '',
    dryRun: true,
  };
}

function placeholderPullRequest(
  fields: { number: number; title?: string; body?: string; head?: string; base?: string; draft?: boolean },
  at: string,
): PullRequest & DryRunFlag {
  return {
    id: 0,
    number: fields.number,
    title: fields.title ?? '',
    body: fields.body ?? '',
    state: 'open',
    draft: fields.draft ?? false,
    merged: false,
    mergeable: null,
    mergeableState: null,
    headRef: fields.head ?? '',
    headSha: '',
    headRepoFullName: null,
    headRepoCloneUrl: null,
    baseRef: fields.base ?? '',
    baseSha: '',
    author: dryRunAuthor,
    labels: [],
    additions: null,
    deletions: null,
    createdAt: at,
    updatedAt: at,
    htmlUrl: '',
    dryRun: true,
  };
}
