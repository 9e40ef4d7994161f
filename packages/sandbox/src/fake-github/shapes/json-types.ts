// Typed views of the GitHub JSON the fake serves: the fields tests read most, plus everything else
// through the index signature. The full shapes follow GitHub's REST description.

/** A user as embedded in other objects. */
export interface UserJson extends Record<string, unknown> {
  readonly login: string;
  readonly id: number;
  readonly type: string;
}

/** A label as embedded in issues. */
export interface LabelJson extends Record<string, unknown> {
  readonly id: number;
  readonly name: string;
  readonly color: string;
}

/** An issue (or a pull request seen through the issues API). */
export interface IssueJson extends Record<string, unknown> {
  readonly id: number;
  readonly number: number;
  readonly title: string;
  readonly body: string | null;
  readonly state: 'open' | 'closed';
  readonly user: UserJson;
  readonly labels: readonly LabelJson[];
  readonly created_at: string;
  readonly updated_at: string;
  readonly closed_at: string | null;
  readonly pull_request?: { readonly url: string; readonly html_url: string };
}

/** A comment in an issue's conversation. */
export interface IssueCommentJson extends Record<string, unknown> {
  readonly id: number;
  readonly body: string;
  readonly user: UserJson;
  readonly issue_url: string;
  readonly created_at: string;
  readonly updated_at: string;
}

/** One side (head or base) of a pull request. */
export interface PullRequestSideJson extends Record<string, unknown> {
  readonly ref: string;
  readonly sha: string;
  readonly label: string;
}

/** A pull request; `mergeable` and the counts are present on the single-PR shape only. */
export interface PullRequestJson extends Record<string, unknown> {
  readonly id: number;
  readonly number: number;
  readonly title: string;
  readonly body: string | null;
  readonly state: 'open' | 'closed';
  readonly draft: boolean;
  readonly user: UserJson;
  readonly head: PullRequestSideJson;
  readonly base: PullRequestSideJson;
  readonly created_at: string;
  readonly updated_at: string;
  readonly mergeable?: boolean | null;
  readonly mergeable_state?: string;
}

/** A pull-request review. */
export interface ReviewJson extends Record<string, unknown> {
  readonly id: number;
  readonly user: UserJson;
  readonly body: string;
  readonly state: string;
  readonly commit_id: string;
  readonly submitted_at?: string;
}

/** An inline review comment. */
export interface ReviewCommentJson extends Record<string, unknown> {
  readonly id: number;
  readonly user: UserJson;
  readonly body: string;
  readonly path: string;
  readonly line: number;
  readonly pull_request_url: string;
  readonly updated_at: string;
}

/** A check run. */
export interface CheckRunJson extends Record<string, unknown> {
  readonly id: number;
  readonly name: string;
  readonly head_sha: string;
  readonly status: string;
  readonly conclusion: string | null;
}

/** A commit status. */
export interface CommitStatusJson extends Record<string, unknown> {
  readonly id: number;
  readonly context: string;
  readonly state: string;
}

/** The served repository. */
export interface RepositoryJson extends Record<string, unknown> {
  readonly id: number;
  readonly name: string;
  readonly full_name: string;
  readonly default_branch: string;
}
