// The fake GitHub's stored state. Records keep what GitHub keeps; the GitHub-shaped JSON is
// rendered from them on every read (shapes/), so counts and SHAs are always current.

/** A GitHub account type. */
export type AccountType = 'User' | 'Bot' | 'Organization';

/** Repository permission levels, highest first. */
export type Permission = 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none';

/** Review states as GitHub reports them. */
export type ReviewState = 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'PENDING' | 'DISMISSED';

/** A known account. */
export interface UserRecord {
  readonly login: string;
  readonly id: number;
  type: AccountType;
}

/** A repository label. */
export interface LabelRecord {
  readonly id: number;
  name: string;
  color: string;
  description: string | null;
}

/** An issue; pull requests are issues with `pull` set, sharing the number sequence. */
export interface IssueRecord {
  readonly number: number;
  readonly id: number;
  title: string;
  body: string | null;
  readonly author: string;
  labels: string[];
  assignees: string[];
  state: 'open' | 'closed';
  stateReason: 'completed' | 'not_planned' | 'reopened' | 'duplicate' | null;
  locked: boolean;
  readonly createdAt: number;
  updatedAt: number;
  closedAt: number | null;
  closedBy: string | null;
  readonly pull: PullRecord | undefined;
}

/** An issue record known to be a pull request. */
export type PullIssue = IssueRecord & { readonly pull: PullRecord };

/** Narrows an issue record to a pull request. */
export function isPull(issue: IssueRecord | undefined): issue is PullIssue {
  return issue?.pull !== undefined;
}

/** The pull-request half of an issue. */
export interface PullRecord {
  readonly id: number;
  readonly headRef: string;
  baseRef: string;
  draft: boolean;
  maintainerCanModify: boolean;
  /** Last SHAs served; used when a branch has since been deleted. */
  lastHeadSha: string;
  lastBaseSha: string;
  /** Mergeability is computed lazily: null on the first read after the SHAs change. */
  mergeability: { readonly key: string; value: boolean | null } | undefined;
}

/** A comment in an issue's (or PR's) conversation. */
export interface IssueCommentRecord {
  readonly id: number;
  readonly issueNumber: number;
  readonly author: string;
  body: string;
  readonly createdAt: number;
  updatedAt: number;
}

/** A pull-request review. */
export interface ReviewRecord {
  readonly id: number;
  readonly pullNumber: number;
  readonly author: string;
  state: ReviewState;
  body: string;
  readonly commitId: string;
  submittedAt: number | null;
}

/** An inline comment on a pull request's diff. */
export interface ReviewCommentRecord {
  readonly id: number;
  readonly pullNumber: number;
  readonly reviewId: number | null;
  readonly author: string;
  body: string;
  readonly path: string;
  readonly line: number;
  readonly side: 'LEFT' | 'RIGHT';
  readonly commitId: string;
  readonly inReplyToId: number | undefined;
  readonly createdAt: number;
  updatedAt: number;
}

/** Output attached to a check run. */
export interface CheckRunOutput {
  readonly title: string | null;
  readonly summary: string | null;
  readonly text: string | null;
}

/** Check-run lifecycle values GitHub accepts. */
export type CheckRunStatus = 'queued' | 'in_progress' | 'completed' | 'waiting' | 'requested' | 'pending';

/** Final check-run results GitHub accepts. */
export type CheckRunConclusion =
  | 'action_required'
  | 'cancelled'
  | 'failure'
  | 'neutral'
  | 'success'
  | 'skipped'
  | 'stale'
  | 'timed_out';

/** A check run on a commit. */
export interface CheckRunRecord {
  readonly id: number;
  readonly headSha: string;
  readonly name: string;
  status: CheckRunStatus;
  conclusion: CheckRunConclusion | null;
  output: CheckRunOutput;
  readonly startedAt: number;
  completedAt: number | null;
  readonly externalId: string;
  readonly detailsUrl: string | null;
}

/** Commit-status states. */
export type CommitStatusState = 'error' | 'failure' | 'pending' | 'success';

/** A commit status (the pre-checks CI API). */
export interface CommitStatusRecord {
  readonly id: number;
  readonly sha: string;
  readonly context: string;
  readonly state: CommitStatusState;
  readonly description: string | null;
  readonly targetUrl: string | null;
  readonly creator: string;
  readonly createdAt: number;
}

/** An entry of the repository's issue-event feed (never `opened`, as on GitHub). */
export interface IssueEventRecord {
  readonly id: number;
  readonly issueNumber: number;
  readonly actor: string;
  readonly event: 'closed' | 'reopened' | 'labeled' | 'unlabeled' | 'renamed' | 'ready_for_review';
  readonly label: string | undefined;
  readonly createdAt: number;
}
