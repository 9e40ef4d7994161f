// Domain types for what PatchLoop reads from and writes to GitHub. They are camelCase,
// carry only the fields the daemons use, and are produced from REST data by rest-mappers.ts.
// Timestamps stay GitHub's ISO-8601 strings (UTC, second precision) so cursors compare exactly.

/** A GitHub account. Deleted accounts are reported as GitHub shows them: the `ghost` user. */
export interface User {
  readonly login: string;
  readonly id: number;
  readonly type: 'User' | 'Bot';
}

/** A repository label. */
export interface Label {
  readonly name: string;
  readonly color: string;
  readonly description: string | null;
}

/** The served repository. */
export interface Repository {
  readonly id: number;
  readonly owner: string;
  readonly name: string;
  readonly fullName: string;
  readonly defaultBranch: string;
  readonly isPrivate: boolean;
  readonly htmlUrl: string;
  readonly cloneUrl: string;
}

/** An issue. GitHub lists pull requests as issues too; `isPullRequest` tells them apart. */
export interface Issue {
  readonly id: number;
  readonly number: number;
  readonly title: string;
  /** The body, `''` when GitHub has none. */
  readonly body: string;
  readonly state: 'open' | 'closed';
  readonly author: User;
  readonly authorAssociation: string;
  /** Label names. */
  readonly labels: readonly string[];
  readonly isPullRequest: boolean;
  readonly commentCount: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly closedAt: string | null;
  readonly htmlUrl: string;
}

/** A comment in an issue's or pull request's conversation. */
export interface IssueComment {
  readonly id: number;
  /** Number of the issue or pull request the comment belongs to. */
  readonly issueNumber: number;
  readonly body: string;
  readonly author: User;
  readonly authorAssociation: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly htmlUrl: string;
}

/** A pull request. */
export interface PullRequest {
  readonly id: number;
  readonly number: number;
  readonly title: string;
  readonly body: string;
  readonly state: 'open' | 'closed';
  readonly draft: boolean;
  readonly merged: boolean;
  /**
   * `null` while GitHub is still computing it (the first read after a change) and on
   * list results, which never carry it: read the single pull request again later.
   */
  readonly mergeable: boolean | null;
  readonly mergeableState: string | null;
  readonly headRef: string;
  readonly headSha: string;
  /** `owner/name` of the head repository; `null` when a fork was deleted. */
  readonly headRepoFullName: string | null;
  readonly headRepoCloneUrl: string | null;
  readonly baseRef: string;
  readonly baseSha: string;
  readonly author: User;
  readonly labels: readonly string[];
  /** Only the single-pull-request read carries these; `null` on list results. */
  readonly additions: number | null;
  readonly deletions: number | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly htmlUrl: string;
}

/** A file changed by a pull request. */
export interface PullRequestFile {
  readonly filename: string;
  readonly status: string;
  readonly additions: number;
  readonly deletions: number;
  readonly previousFilename: string | null;
}

/** The state of a submitted (or pending) pull request review. */
export type ReviewState = 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';

/** A pull request review. */
export interface Review {
  readonly id: number;
  readonly author: User;
  readonly body: string;
  readonly state: ReviewState;
  /** The head commit the review was made on. */
  readonly commitId: string | null;
  readonly submittedAt: string | null;
  readonly htmlUrl: string;
}

/** An inline comment on a pull request's diff. */
export interface ReviewComment {
  readonly id: number;
  readonly pullRequestNumber: number;
  readonly reviewId: number | null;
  readonly inReplyToId: number | null;
  readonly author: User;
  readonly body: string;
  readonly path: string;
  readonly line: number | null;
  readonly originalLine: number | null;
  readonly side: string | null;
  readonly commitId: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly htmlUrl: string;
}

/** A check run on a commit (GitHub Actions jobs and other checks). */
export interface CheckRun {
  readonly id: number;
  readonly name: string;
  /** `queued`, `in_progress`, `completed`, or one of GitHub's newer waiting states. */
  readonly status: string;
  /** Set once completed: `success`, `failure`, `neutral`, `cancelled`, `skipped`, `timed_out`... */
  readonly conclusion: string | null;
  readonly headSha: string;
  readonly startedAt: string | null;
  readonly completedAt: string | null;
  readonly htmlUrl: string | null;
  /** What the check reported: a title, a Markdown summary and details (often the log tail). */
  readonly output: {
    readonly title: string | null;
    readonly summary: string | null;
    readonly text: string | null;
  };
}

/** A commit status state, as GitHub reports it. */
export type CommitStatusState = 'error' | 'failure' | 'pending' | 'success';

/** One commit status (the older, non-checks CI API). */
export interface CommitStatus {
  readonly context: string;
  readonly state: CommitStatusState;
  readonly description: string | null;
  readonly targetUrl: string | null;
  readonly updatedAt: string;
}

/** The combined commit status of a ref: the latest status per context and an overall state. */
export interface CombinedStatus {
  readonly sha: string;
  readonly state: CommitStatusState;
  readonly totalCount: number;
  readonly statuses: readonly CommitStatus[];
}

/** A user's role on the repository, from the finest-grained answer GitHub gives. */
export type Permission = 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none';
