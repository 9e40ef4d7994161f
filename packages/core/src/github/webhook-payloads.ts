import { z } from 'zod';

// The webhook fields the daemons rely on, validated at the boundary (STYLE.md: zod at every
// external boundary). Unknown keys are dropped; a missing field makes the delivery "malformed".

const Account = z.object({ login: z.string().min(1), type: z.string() });

const IssueFields = z.object({
  number: z.number().int().positive(),
  state: z.string(),
  updated_at: z.string(),
  user: Account,
  // Present (an object) when the "issue" is a pull request's conversation.
  pull_request: z.unknown().optional(),
});

const PullRequestFields = z.object({
  number: z.number().int().positive(),
  state: z.string(),
  updated_at: z.string(),
  user: Account,
  head: z.object({ sha: z.string().min(1) }),
});

const CommentFields = z.object({
  id: z.number().int(),
  body: z.string().nullable(),
  user: Account,
  created_at: z.string(),
  updated_at: z.string().nullable().optional(),
});

/** Every delivery: who caused it. */
export const SenderPayload = z.object({ sender: Account });

/** `issues` deliveries. */
export const IssuesPayload = SenderPayload.extend({ issue: IssueFields });

/** `issue_comment` deliveries (issues and pull request conversations). */
export const IssueCommentPayload = SenderPayload.extend({ issue: IssueFields, comment: CommentFields });

/** `pull_request` deliveries. */
export const PullRequestPayload = SenderPayload.extend({ pull_request: PullRequestFields });

/** `pull_request_review` deliveries. */
export const PullRequestReviewPayload = SenderPayload.extend({
  pull_request: PullRequestFields,
  review: z.object({
    id: z.number().int(),
    body: z.string().nullable(),
    user: Account,
    submitted_at: z.string().nullable().optional(),
  }),
});

/** `pull_request_review_comment` deliveries. */
export const PullRequestReviewCommentPayload = SenderPayload.extend({
  pull_request: PullRequestFields,
  comment: CommentFields,
});

const CheckFields = z.object({
  conclusion: z.string().nullable(),
  head_sha: z.string().min(1),
  // Empty for fork pull requests: GitHub does not link those checks to the PR.
  pull_requests: z.array(z.object({ number: z.number().int().positive() })),
});

/** `check_suite` deliveries; `updated_at` versions the trigger (CI does not move the PR's `updated_at`). */
export const CheckSuitePayload = z.object({
  check_suite: CheckFields.extend({ updated_at: z.string() }),
});

/** `check_run` deliveries; `completed_at` versions the trigger. */
export const CheckRunPayload = z.object({
  check_run: CheckFields.extend({ completed_at: z.string().nullable() }),
});
