import { z } from 'zod';

// The REST fields PatchLoop relies on, and nothing more: unknown fields are stripped, and a
// missing or mistyped field fails at the boundary (rest-mappers.ts) instead of deep in a daemon.
// Shapes follow GitHub's REST description (@octokit/openapi).

/** A user object as embedded in issues, comments, reviews and pulls (`simple-user`). */
export const RestUser = z.object({
  login: z.string(),
  id: z.number().int(),
  type: z.string(),
});
/** A user object as embedded in issues, comments, reviews and pulls (`simple-user`). */
export type RestUser = z.infer<typeof RestUser>;

/** A label object. */
export const RestLabel = z.object({
  name: z.string(),
  color: z.string().nullish(),
  description: z.string().nullish(),
});
/** A label object. */
export type RestLabel = z.infer<typeof RestLabel>;

// Issue labels are documented as `string | label`.
const RestIssueLabel = z.union([z.string(), RestLabel]);

/** `GET /repos/{owner}/{repo}`. */
export const RestRepository = z.object({
  id: z.number().int(),
  name: z.string(),
  full_name: z.string(),
  owner: RestUser,
  private: z.boolean(),
  html_url: z.string(),
  clone_url: z.string(),
  default_branch: z.string(),
});
/** `GET /repos/{owner}/{repo}`. */
export type RestRepository = z.infer<typeof RestRepository>;

/** An issue (also what the issues list and issue search return for pull requests). */
export const RestIssue = z.object({
  id: z.number().int(),
  number: z.number().int(),
  title: z.string(),
  body: z.string().nullish(),
  state: z.enum(['open', 'closed']),
  user: RestUser.nullable(),
  author_association: z.string().optional(),
  labels: z.array(RestIssueLabel),
  // Present (an object) exactly when the issue is a pull request.
  pull_request: z.unknown().optional(),
  comments: z.number().int(),
  created_at: z.string(),
  updated_at: z.string(),
  closed_at: z.string().nullable(),
  html_url: z.string(),
});
/** An issue (also what the issues list and issue search return for pull requests). */
export type RestIssue = z.infer<typeof RestIssue>;

/** An issue comment. */
export const RestIssueComment = z.object({
  id: z.number().int(),
  issue_url: z.string(),
  body: z.string().nullish(),
  user: RestUser.nullable(),
  author_association: z.string().optional(),
  created_at: z.string(),
  updated_at: z.string(),
  html_url: z.string(),
});
/** An issue comment. */
export type RestIssueComment = z.infer<typeof RestIssueComment>;

const RestBranchRef = z.object({
  ref: z.string(),
  sha: z.string(),
  repo: z.object({ full_name: z.string(), clone_url: z.string() }).nullable(),
});

/** A pull request; the single read adds the `mergeable`, `merged` and size fields. */
export const RestPullRequest = z.object({
  id: z.number().int(),
  number: z.number().int(),
  title: z.string(),
  body: z.string().nullish(),
  state: z.enum(['open', 'closed']),
  draft: z.boolean().optional(),
  merged: z.boolean().optional(),
  merged_at: z.string().nullish(),
  mergeable: z.boolean().nullish(),
  mergeable_state: z.string().nullish(),
  head: RestBranchRef,
  base: RestBranchRef,
  user: RestUser.nullable(),
  labels: z.array(RestLabel),
  additions: z.number().int().optional(),
  deletions: z.number().int().optional(),
  created_at: z.string(),
  updated_at: z.string(),
  html_url: z.string(),
});
/** A pull request; the single read adds the `mergeable`, `merged` and size fields. */
export type RestPullRequest = z.infer<typeof RestPullRequest>;

/** One entry of `GET /pulls/{n}/files`. */
export const RestPullRequestFile = z.object({
  filename: z.string(),
  status: z.string(),
  additions: z.number().int(),
  deletions: z.number().int(),
  previous_filename: z.string().optional(),
});
/** One entry of `GET /pulls/{n}/files`. */
export type RestPullRequestFile = z.infer<typeof RestPullRequestFile>;

/** A pull request review. */
export const RestReview = z.object({
  id: z.number().int(),
  user: RestUser.nullable(),
  body: z.string().nullish(),
  state: z.enum(['APPROVED', 'CHANGES_REQUESTED', 'COMMENTED', 'DISMISSED', 'PENDING']),
  commit_id: z.string().nullable(),
  submitted_at: z.string().nullish(),
  html_url: z.string(),
});
/** A pull request review. */
export type RestReview = z.infer<typeof RestReview>;

/** An inline pull request review comment. */
export const RestReviewComment = z.object({
  id: z.number().int(),
  pull_request_url: z.string(),
  pull_request_review_id: z.number().int().nullable(),
  in_reply_to_id: z.number().int().optional(),
  user: RestUser.nullable(),
  body: z.string(),
  path: z.string(),
  line: z.number().int().nullish(),
  original_line: z.number().int().nullish(),
  side: z.string().nullish(),
  commit_id: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  html_url: z.string(),
});
/** An inline pull request review comment. */
export type RestReviewComment = z.infer<typeof RestReviewComment>;

/** A check run. */
export const RestCheckRun = z.object({
  id: z.number().int(),
  name: z.string(),
  status: z.string(),
  conclusion: z.string().nullable(),
  head_sha: z.string(),
  started_at: z.string().nullish(),
  completed_at: z.string().nullable(),
  html_url: z.string().nullable(),
  // GitHub always sends `output`; tolerate its absence so a sparse payload still maps.
  output: z
    .object({
      title: z.string().nullish(),
      summary: z.string().nullish(),
      text: z.string().nullish(),
    })
    .nullish(),
});
/** A check run. */
export type RestCheckRun = z.infer<typeof RestCheckRun>;

const RestCommitStatusState = z.enum(['error', 'failure', 'pending', 'success']);

/** One commit status inside a combined status. */
export const RestCommitStatus = z.object({
  context: z.string(),
  state: RestCommitStatusState,
  description: z.string().nullable(),
  target_url: z.string().nullable(),
  updated_at: z.string(),
});
/** One commit status inside a combined status. */
export type RestCommitStatus = z.infer<typeof RestCommitStatus>;

/** `GET /commits/{ref}/status`. */
export const RestCombinedStatus = z.object({
  sha: z.string(),
  state: RestCommitStatusState,
  total_count: z.number().int(),
  statuses: z.array(RestCommitStatus),
});
/** `GET /commits/{ref}/status`. */
export type RestCombinedStatus = z.infer<typeof RestCombinedStatus>;

/** `GET /collaborators/{username}/permission`. */
export const RestCollaboratorPermission = z.object({
  permission: z.string(),
  role_name: z.string().optional(),
});
/** `GET /collaborators/{username}/permission`. */
export type RestCollaboratorPermission = z.infer<typeof RestCollaboratorPermission>;

/** The fields of a search answer PatchLoop reads; items are mapped one by one like any issue. */
export const SearchResult = z.object({
  total_count: z.number().int(),
  items: z.array(z.unknown()),
});
