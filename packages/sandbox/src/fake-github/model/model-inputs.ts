import type {
  AccountType,
  CheckRunConclusion,
  CheckRunOutput,
  CheckRunStatus,
  CommitStatusState,
  ReviewState,
} from './model-records.js';

/** `model.addIssue` input; `user` defaults to `octocat`. */
export interface AddIssueInput {
  readonly title: string;
  readonly body?: string | null;
  readonly user?: string;
  readonly labels?: readonly string[];
  readonly assignees?: readonly string[];
  readonly state?: 'open' | 'closed';
}

/** `model.addIssueComment` input. */
export interface AddIssueCommentInput {
  readonly body: string;
  readonly user?: string;
}

/** `model.addPullRequest` input: `head`/`base` are branch names (of the bare repository, if any). */
export interface AddPullRequestInput {
  readonly title: string;
  readonly body?: string | null;
  readonly head: string;
  readonly base?: string;
  readonly user?: string;
  readonly draft?: boolean;
  readonly labels?: readonly string[];
}

/** `model.addReview` input; `commitId` defaults to the PR's current head. */
export interface AddReviewInput {
  readonly user: string;
  readonly state: Exclude<ReviewState, 'DISMISSED'>;
  readonly body: string;
  readonly commitId?: string;
}

/** `model.addReviewComment` input. */
export interface AddReviewCommentInput {
  readonly user: string;
  readonly body: string;
  readonly path: string;
  readonly line: number;
  readonly side?: 'LEFT' | 'RIGHT';
  readonly commitId?: string;
  readonly reviewId?: number;
  readonly inReplyTo?: number;
}

/** `model.addCheckRun` input. */
export interface AddCheckRunInput {
  readonly name: string;
  readonly status: CheckRunStatus;
  readonly conclusion?: CheckRunConclusion;
  readonly output?: Partial<CheckRunOutput>;
  readonly detailsUrl?: string;
  readonly externalId?: string;
}

/** `model.updateCheckRun` patch (also what `PATCH /check-runs/{id}` applies). */
export interface CheckRunPatch {
  readonly status?: CheckRunStatus;
  readonly conclusion?: CheckRunConclusion;
  readonly output?: Partial<CheckRunOutput>;
}

/** `model.addCommitStatus` input; `creator` defaults to the repository owner. */
export interface AddCommitStatusInput {
  readonly context: string;
  readonly state: CommitStatusState;
  readonly description?: string;
  readonly targetUrl?: string;
  readonly creator?: string;
}

/** `model.addUser` options. */
export interface AddUserOptions {
  readonly type?: AccountType;
}

/** `model.updateIssue` patch (also what `PATCH /issues/{n}` applies). */
export interface IssuePatch {
  readonly title?: string;
  readonly body?: string | null;
  readonly state?: 'open' | 'closed';
  readonly stateReason?: 'completed' | 'not_planned' | 'reopened' | 'duplicate' | null;
  readonly labels?: readonly string[];
  readonly assignees?: readonly string[];
}

/** `model.updatePullRequest` patch (what `PATCH /pulls/{n}` applies; never a merge). */
export interface PullRequestPatch {
  readonly title?: string;
  readonly body?: string | null;
  readonly state?: 'open' | 'closed';
  readonly base?: string;
  readonly draft?: boolean;
  readonly maintainerCanModify?: boolean;
}
