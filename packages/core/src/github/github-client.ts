import type {
  CheckRun,
  CombinedStatus,
  Issue,
  IssueComment,
  Label,
  Permission,
  PullRequest,
  PullRequestFile,
  Repository,
  Review,
  ReviewComment,
  User,
} from './types.js';

// The GitHub ports, split by capability so the type system carries the write surface:
// openreview receives a GitHubCommentWriter and cannot even name a pull-request write;
// autocode receives a GitHubRepositoryWriter. No port has a merge method, by design.

/** Options of the paginated listings: how many items per page and how many pages at most. */
export interface PageOptions {
  /** Items per page (GitHub caps it at 100). Default 100. */
  readonly perPage?: number;
  /** Stop after this many pages; default unbounded. Bounded polls keep their cost fixed. */
  readonly maxPages?: number;
}

/** Filters of `listIssues`; `since` filters on `updated_at` with one-second precision. */
export interface ListIssuesOptions extends PageOptions {
  readonly since?: string;
  readonly state?: 'open' | 'closed' | 'all';
  readonly sort?: 'created' | 'updated' | 'comments';
  readonly direction?: 'asc' | 'desc';
  readonly labels?: readonly string[];
}

/** Filters of the comment listings. */
export interface ListCommentsOptions extends PageOptions {
  readonly since?: string;
  readonly sort?: 'created' | 'updated';
  readonly direction?: 'asc' | 'desc';
}

/** Filters of `listPullRequests`; `head` is `owner:branch`. */
export interface ListPullRequestsOptions extends PageOptions {
  readonly state?: 'open' | 'closed' | 'all';
  readonly head?: string;
  readonly base?: string;
  readonly sort?: 'created' | 'updated' | 'popularity' | 'long-running';
  readonly direction?: 'asc' | 'desc';
}

/**
 * Everything PatchLoop reads from its repository. Every GET is a conditional request, so a
 * read whose answer did not change costs no rate limit.
 */
export interface GitHubReader {
  getRepository(): Promise<Repository>;
  /** The account behind the read token (`GET /user`), cached after the first success. */
  getAuthenticatedUser(): Promise<User>;
  /** Issues and pull requests (`isPullRequest`) of the repository. */
  listIssues(options?: ListIssuesOptions): Promise<Issue[]>;
  getIssue(issueNumber: number): Promise<Issue>;
  listIssueComments(issueNumber: number, options?: ListCommentsOptions): Promise<IssueComment[]>;
  /** Conversation comments across the whole repository, issues and pull requests alike. */
  listRepositoryComments(options?: ListCommentsOptions): Promise<IssueComment[]>;
  /** Inline review comments across the whole repository. */
  listRepositoryReviewComments(options?: ListCommentsOptions): Promise<ReviewComment[]>;
  listPullRequests(options?: ListPullRequestsOptions): Promise<PullRequest[]>;
  getPullRequest(pullNumber: number): Promise<PullRequest>;
  listPullRequestFiles(pullNumber: number): Promise<PullRequestFile[]>;
  listReviews(pullNumber: number): Promise<Review[]>;
  listReviewComments(pullNumber: number): Promise<ReviewComment[]>;
  /** All check runs of a commit or branch, across every page. */
  listCheckRuns(ref: string): Promise<CheckRun[]>;
  getCombinedStatus(ref: string): Promise<CombinedStatus>;
  /** The user's role on the repository; `none` for people who are not collaborators. */
  getCollaboratorPermission(login: string): Promise<Permission>;
  /** Issue search; the caller writes the qualifiers (`repo:acme/widgets is:pr ...`). */
  searchIssues(query: string, options?: { readonly perPage?: number }): Promise<Issue[]>;
}

/** Marks a result produced by the dry-run decorator instead of GitHub. */
export interface DryRunFlag {
  readonly dryRun?: true;
}

/** A pull request review's verdict. openreview only ever sends `COMMENT`. */
export type ReviewEvent = 'COMMENT' | 'REQUEST_CHANGES' | 'APPROVE';

/** An inline comment submitted with a review. */
export interface ReviewCommentDraft {
  readonly path: string;
  readonly body: string;
  readonly line?: number;
  readonly side?: 'LEFT' | 'RIGHT';
}

/** Input of `createReview`; `commitId` pins the review to the head that was analysed. */
export interface CreateReviewInput {
  readonly pullNumber: number;
  readonly commitId?: string;
  readonly event: ReviewEvent;
  readonly body: string;
  readonly comments?: readonly ReviewCommentDraft[];
}

/** The whole write surface of the review daemon: conversation comments and reviews. */
export interface GitHubCommentWriter {
  /** The account behind the write token; `ensureX` uses it to find its own earlier writes. */
  getAuthenticatedUser(): Promise<User>;
  createIssueComment(input: {
    readonly issueNumber: number;
    readonly body: string;
  }): Promise<IssueComment & DryRunFlag>;
  updateIssueComment(input: {
    readonly commentId: number;
    readonly body: string;
  }): Promise<IssueComment & DryRunFlag>;
  createReview(input: CreateReviewInput): Promise<Review & DryRunFlag>;
}

/** Input of `createIssue`. */
export interface CreateIssueInput {
  readonly title: string;
  readonly body: string;
  readonly labels?: readonly string[];
}

/** Input of `updateIssue`: only the given fields change. */
export interface UpdateIssueInput {
  readonly issueNumber: number;
  readonly title?: string;
  readonly body?: string;
  readonly state?: 'open' | 'closed';
  /** Replaces the whole label set. */
  readonly labels?: readonly string[];
}

/** Input of `createPullRequest`; `head` is the branch name in the same repository. */
export interface CreatePullRequestInput {
  readonly title: string;
  readonly body: string;
  readonly head: string;
  readonly base: string;
  readonly draft?: boolean;
}

/** Input of `updatePullRequest`: only the given fields change. */
export interface UpdatePullRequestInput {
  readonly pullNumber: number;
  readonly title?: string;
  readonly body?: string;
  readonly state?: 'open' | 'closed';
  readonly base?: string;
}

/** The coding daemon's write surface: comments plus issues, labels and pull requests. Never merges. */
export interface GitHubRepositoryWriter extends GitHubCommentWriter {
  createIssue(input: CreateIssueInput): Promise<Issue & DryRunFlag>;
  updateIssue(input: UpdateIssueInput): Promise<Issue & DryRunFlag>;
  /** Adds labels and returns the issue's resulting label set. */
  addLabels(input: { readonly issueNumber: number; readonly labels: readonly string[] }): Promise<Label[]>;
  /** Removes a label; removing a label the issue does not carry is a no-op. */
  removeLabel(input: { readonly issueNumber: number; readonly label: string }): Promise<void>;
  createPullRequest(input: CreatePullRequestInput): Promise<PullRequest & DryRunFlag>;
  updatePullRequest(input: UpdatePullRequestInput): Promise<PullRequest & DryRunFlag>;
}
