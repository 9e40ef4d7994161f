import { renderCheckRun, renderCommitStatus } from '../shapes/check-shape.js';
import { renderIssue, renderIssueComment, renderLabel } from '../shapes/issue-shape.js';
import type {
  CheckRunJson,
  CommitStatusJson,
  IssueCommentJson,
  IssueJson,
  LabelJson,
  PullRequestJson,
  RepositoryJson,
  ReviewCommentJson,
  ReviewJson,
  UserJson,
} from '../shapes/json-types.js';
import { renderPullRequest } from '../shapes/pull-request-shape.js';
import { renderRepository } from '../shapes/repository-shape.js';
import { renderReview, renderReviewComment } from '../shapes/review-shape.js';
import { renderUser } from '../shapes/user-shape.js';
import { resolveCommitRef } from './commit-refs.js';
import {
  addIssueLabels,
  createIssue,
  createIssueComment,
  defaultAuthor,
  editIssueComment,
  ensureLabel,
  patchIssue,
  removeIssueLabel,
} from './issue-mutations.js';
import type {
  AddCheckRunInput,
  AddCommitStatusInput,
  AddIssueCommentInput,
  AddIssueInput,
  AddPullRequestInput,
  AddReviewCommentInput,
  AddReviewInput,
  AddUserOptions,
  CheckRunPatch,
  IssuePatch,
  PullRequestPatch,
} from './model-inputs.js';
import {
  type CheckRunRecord,
  type IssueCommentRecord,
  type IssueRecord,
  isPull,
  type Permission,
  type PullIssue,
} from './model-records.js';
import type { ModelState } from './model-state.js';
import { pullDetail, pullShas } from './pull-heads.js';
import { createPullRequest, createReview, createReviewComment, patchPullRequest } from './pull-mutations.js';

/**
 * The fake GitHub's state as tests see it: builders that store GitHub-shaped objects (and
 * return them as served) and getters that render the current state. Every mutation bumps
 * `updated_at` from the clock where GitHub would.
 */
export interface GitHubModel {
  addIssue(input: AddIssueInput): IssueJson;
  addIssueComment(issueNumber: number, input: AddIssueCommentInput): IssueCommentJson;
  addPullRequest(input: AddPullRequestInput): PullRequestJson;
  addReview(pullNumber: number, input: AddReviewInput): ReviewJson;
  addReviewComment(pullNumber: number, input: AddReviewCommentInput): ReviewCommentJson;
  addCheckRun(sha: string, input: AddCheckRunInput): CheckRunJson;
  addCommitStatus(sha: string, input: AddCommitStatusInput): CommitStatusJson;
  addLabel(name: string, details?: { color?: string; description?: string }): LabelJson;
  addLabels(issueNumber: number, labels: readonly string[], actor?: string): IssueJson;
  removeLabel(issueNumber: number, label: string, actor?: string): IssueJson;
  setPermission(login: string, permission: Permission): void;
  addUser(login: string, options?: AddUserOptions): UserJson;
  closeIssue(issueNumber: number, actor?: string): IssueJson;
  reopenIssue(issueNumber: number, actor?: string): IssueJson;
  updateIssue(issueNumber: number, patch: IssuePatch, actor?: string): IssueJson;
  updateIssueComment(commentId: number, body: string): IssueCommentJson;
  updatePullRequest(pullNumber: number, patch: PullRequestPatch, actor?: string): PullRequestJson;
  /** Sets a branch head when no bare repository backs the fake (with one, push with git instead). */
  setBranch(branch: string, sha: string): void;
  issue(issueNumber: number): IssueJson;
  pullRequest(pullNumber: number): PullRequestJson;
  comments(issueNumber: number): IssueCommentJson[];
  comment(commentId: number): IssueCommentJson;
  reviews(pullNumber: number): ReviewJson[];
  reviewComments(pullNumber: number): ReviewCommentJson[];
  listIssues(): IssueJson[];
  listPullRequests(): PullRequestJson[];
  checkRuns(ref: string): CheckRunJson[];
  checkRun(checkRunId: number): CheckRunJson;
  /** Moves a check run along (e.g. in_progress → completed); a conclusion implies completed. */
  updateCheckRun(checkRunId: number, patch: CheckRunPatch): CheckRunJson;
  commitStatuses(ref: string): CommitStatusJson[];
  labels(): LabelJson[];
  user(login: string): UserJson;
  permission(login: string): Permission;
  repository(): RepositoryJson;
}

/** Wraps stored state in the test-facing builder/getter API. */
export function createGitHubModel(state: ModelState): GitHubModel {
  const issueRecord = (number: number): IssueRecord => {
    const issue = state.issues.get(number);
    if (issue === undefined) throw new Error(`The fake GitHub has no issue or pull request #${number}.`);
    return issue;
  };
  const pullRecord = (number: number): PullIssue => {
    const issue = issueRecord(number);
    if (!isPull(issue)) throw new Error(`#${number} is an issue, not a pull request.`);
    return issue;
  };
  const commentRecord = (id: number): IssueCommentRecord => {
    const comment = state.issueComments.find((candidate) => candidate.id === id);
    if (comment === undefined) throw new Error(`The fake GitHub has no issue comment ${id}.`);
    return comment;
  };
  const checkRunRecord = (id: number): CheckRunRecord => {
    const run = state.checkRuns.find((candidate) => candidate.id === id);
    if (run === undefined) throw new Error(`The fake GitHub has no check run ${id}.`);
    return run;
  };
  const issueJson = (issue: IssueRecord): IssueJson => renderIssue(state, issue) as IssueJson;
  const pullJson = (issue: PullIssue): PullRequestJson => {
    const shas = pullShas(state, issue);
    return renderPullRequest(state, issue, shas, pullDetail(state, issue, shas, false)) as PullRequestJson;
  };

  return {
    addIssue: (input) => issueJson(createIssue(state, input)),
    addIssueComment: (number, input) =>
      renderIssueComment(state, createIssueComment(state, issueRecord(number), input)) as IssueCommentJson,
    addPullRequest: (input) => pullJson(createPullRequest(state, input)),
    addReview: (number, input) =>
      renderReview(state, createReview(state, pullRecord(number), input)) as ReviewJson,
    addReviewComment: (number, input) =>
      renderReviewComment(state, createReviewComment(state, pullRecord(number), input)) as ReviewCommentJson,
    addCheckRun: (sha, input) => {
      const now = state.now();
      const completed = input.status === 'completed';
      const run = {
        id: state.nextId(),
        headSha: resolveCommitRef(state, sha) ?? sha,
        name: input.name,
        status: input.status,
        conclusion: completed ? (input.conclusion ?? 'success') : null,
        output: {
          title: input.output?.title ?? null,
          summary: input.output?.summary ?? null,
          text: input.output?.text ?? null,
        },
        startedAt: now,
        completedAt: completed ? now : null,
        externalId: input.externalId ?? '',
        detailsUrl: input.detailsUrl ?? null,
      };
      state.checkRuns.push(run);
      return renderCheckRun(state, run) as CheckRunJson;
    },
    addCommitStatus: (sha, input) => {
      const status = {
        id: state.nextId(),
        sha: resolveCommitRef(state, sha) ?? sha,
        context: input.context,
        state: input.state,
        description: input.description ?? null,
        targetUrl: input.targetUrl ?? null,
        creator: state.ensureUser(input.creator ?? state.owner).login,
        createdAt: state.now(),
      };
      state.statuses.push(status);
      return renderCommitStatus(state, status) as CommitStatusJson;
    },
    addLabel: (name, details) => renderLabel(state, ensureLabel(state, name, details)) as LabelJson,
    addLabels: (number, labels, actor) => {
      const issue = issueRecord(number);
      addIssueLabels(state, issue, labels, actor ?? state.owner);
      return issueJson(issue);
    },
    removeLabel: (number, label, actor) => {
      const issue = issueRecord(number);
      if (!removeIssueLabel(state, issue, label, actor ?? state.owner)) {
        throw new Error(`#${number} has no label "${label}".`);
      }
      return issueJson(issue);
    },
    setPermission: (login, permission) => {
      state.ensureUser(login);
      state.permissions.set(login.toLowerCase(), permission);
    },
    addUser: (login, options) => renderUser(state, state.ensureUser(login, options?.type).login) as UserJson,
    closeIssue: (number, actor) => {
      const issue = issueRecord(number);
      patchIssue(state, issue, { state: 'closed' }, actor ?? state.owner);
      return issueJson(issue);
    },
    reopenIssue: (number, actor) => {
      const issue = issueRecord(number);
      patchIssue(state, issue, { state: 'open' }, actor ?? state.owner);
      return issueJson(issue);
    },
    updateIssue: (number, patch, actor) => {
      const issue = issueRecord(number);
      patchIssue(state, issue, patch, actor ?? defaultAuthor);
      return issueJson(issue);
    },
    updateIssueComment: (id, body) => {
      const comment = commentRecord(id);
      editIssueComment(state, comment, body);
      return renderIssueComment(state, comment) as IssueCommentJson;
    },
    updatePullRequest: (number, patch, actor) => {
      const issue = pullRecord(number);
      patchPullRequest(state, issue, patch, actor ?? defaultAuthor);
      return pullJson(issue);
    },
    setBranch: (branch, sha) => {
      if (state.git !== undefined)
        throw new Error('A bare repository backs this fake GitHub: push with git.');
      state.branches.set(branch, sha);
    },
    issue: (number) => issueJson(issueRecord(number)),
    pullRequest: (number) => pullJson(pullRecord(number)),
    comments: (number) =>
      state.issueComments
        .filter((comment) => comment.issueNumber === number)
        .map((comment) => renderIssueComment(state, comment) as IssueCommentJson),
    comment: (id) => renderIssueComment(state, commentRecord(id)) as IssueCommentJson,
    reviews: (number) =>
      state.reviews
        .filter((review) => review.pullNumber === number)
        .map((review) => renderReview(state, review) as ReviewJson),
    reviewComments: (number) =>
      state.reviewComments
        .filter((comment) => comment.pullNumber === number)
        .map((comment) => renderReviewComment(state, comment) as ReviewCommentJson),
    listIssues: () => [...state.issues.values()].map(issueJson),
    listPullRequests: () => [...state.issues.values()].filter(isPull).map(pullJson),
    checkRuns: (ref) => {
      const sha = resolveCommitRef(state, ref) ?? ref;
      return state.checkRuns
        .filter((run) => run.headSha === sha)
        .map((run) => renderCheckRun(state, run) as CheckRunJson);
    },
    checkRun: (id) => renderCheckRun(state, checkRunRecord(id)) as CheckRunJson,
    updateCheckRun: (id, patch) => {
      const run = checkRunRecord(id);
      if (patch.status !== undefined) run.status = patch.status;
      if (patch.conclusion !== undefined) run.conclusion = patch.conclusion;
      if (patch.conclusion !== undefined) run.status = 'completed';
      if (run.status === 'completed') {
        run.conclusion ??= 'success';
        run.completedAt ??= state.now();
      }
      if (patch.output !== undefined) run.output = { ...run.output, ...patch.output };
      return renderCheckRun(state, run) as CheckRunJson;
    },
    commitStatuses: (ref) => {
      const sha = resolveCommitRef(state, ref) ?? ref;
      return state.statuses
        .filter((status) => status.sha === sha)
        .map((status) => renderCommitStatus(state, status) as CommitStatusJson);
    },
    labels: () => [...state.labels.values()].map((label) => renderLabel(state, label) as LabelJson),
    user: (login) => renderUser(state, login) as UserJson,
    permission: (login) => state.permissions.get(login.toLowerCase()) ?? 'read',
    repository: () => renderRepository(state) as RepositoryJson,
  };
}
