import type { EnqueueRequest, TaskPriority } from '@patchloop/core';
import { z } from 'zod';

/**
 * The kinds of work the coding daemon queues. The first three are the original's queues (`issue`,
 * `pr`, `source`); `issue_comment_intake` is PatchLoop's durable inbox for issue comments, so a
 * webhook delivery is stored and answered at once while the permission check and intent
 * classification run later.
 */
export const autocodeTaskTypes = {
  issue: 'issue_execution',
  pullRequest: 'pr_feedback_repair',
  source: 'source_issue_create',
  comment: 'issue_comment_intake',
} as const;

/** An autocode task type. */
export type AutocodeTaskType = (typeof autocodeTaskTypes)[keyof typeof autocodeTaskTypes];

/** What started an issue run (spec autocode-service §4.2 triggers). */
export const IssueTrigger = z.enum(['issue_open', 'issue_update', 'implement_comment', 'api']);
/** What started an issue run. */
export type IssueTrigger = z.infer<typeof IssueTrigger>;

/** Payload of an `issue_execution` task. */
export const IssueExecutionPayload = z.object({
  number: z.number().int().positive(),
  /** `issue_open` for automatic runs, `implement` for approved ones (the spec's commands). */
  command: z.enum(['issue_open', 'implement']),
  /** Approved by a maintainer (comment or API): the run may implement, not only plan. */
  explicit: z.boolean(),
  trigger: IssueTrigger,
  /** The issue's `updated_at` when the trigger saw it. */
  issueUpdatedAt: z.string(),
  /** Who approved (comment author), when known. */
  approvedBy: z.string().nullable(),
  /** The approving comment, when the approval was a comment. */
  commentId: z.number().int().positive().nullable(),
});
/** Payload of an `issue_execution` task. */
export type IssueExecutionPayload = z.infer<typeof IssueExecutionPayload>;

/** Payload of an `issue_comment_intake` task: enough to find the comment again. */
export const CommentIntakePayload = z.object({
  issueNumber: z.number().int().positive(),
  commentId: z.number().int().positive(),
  /** The comment's `updated_at`: an edited comment is a new version and is evaluated again. */
  commentUpdatedAt: z.string(),
  body: z.string(),
  author: z.string(),
  authorType: z.enum(['User', 'Bot']),
  source: z.enum(['webhook', 'polling']),
});
/** Payload of an `issue_comment_intake` task. */
export type CommentIntakePayload = z.infer<typeof CommentIntakePayload>;

/** Target key shared by every task about one issue. */
export function issueTarget(issueNumber: number): string {
  return `issue:${issueNumber}`;
}

/**
 * The enqueue request of an issue run. An approval is keyed by the issue version it approves, so
 * the same approval seen by webhook, poll and API is one task; an automatic run is keyed by the
 * version alone. Approvals merge into a waiting automatic run (it becomes explicit and urgent).
 */
export function issueTaskRequest(
  payload: IssueExecutionPayload,
  options: { readonly source: string; readonly priority: TaskPriority; readonly maxAttempts: number },
): EnqueueRequest {
  const kind = payload.explicit ? 'implement' : 'auto';
  return {
    type: autocodeTaskTypes.issue,
    dedupeKey: `issue:${payload.number}:${payload.issueUpdatedAt}:${kind}`,
    targetKey: issueTarget(payload.number),
    payload,
    source: options.source,
    priority: options.priority,
    maxAttempts: options.maxAttempts,
    replaceExisting: payload.explicit,
  };
}

/**
 * The enqueue request of a comment to evaluate; one task per comment version, whoever saw it first.
 * No target key: every comment on an issue gets its own task (a target would fold them into one).
 */
export function commentIntakeRequest(payload: CommentIntakePayload): EnqueueRequest {
  return {
    type: autocodeTaskTypes.comment,
    dedupeKey: `comment:${payload.commentId}:${payload.commentUpdatedAt}`,
    payload,
    source: payload.source,
    priority: 'urgent',
    maxAttempts: 5,
  };
}

/** A feedback item as stored in a repair task's payload (see repair/feedback-item.ts). */
const FeedbackItemPayload = z.object({
  kind: z.enum(['review', 'review_comment', 'ci_failure']),
  id: z.string(),
  author: z.string(),
  authorIsBot: z.boolean(),
  trusted: z.boolean(),
  body: z.string(),
  path: z.string().nullable(),
  line: z.number().int().nullable(),
  side: z.string().nullable(),
  reviewId: z.number().int().nullable(),
  state: z.enum(['APPROVED', 'CHANGES_REQUESTED', 'COMMENTED', 'DISMISSED', 'PENDING']).nullable(),
  at: z.string(),
  fingerprint: z.string(),
});

/** Payload of a `pr_feedback_repair` task: the open feedback on one head of a tracked PR. */
export const PullRequestRepairPayload = z.object({
  number: z.number().int().positive(),
  /** `feedback` repairs review feedback and failing checks; `rebase` rebases a conflicted PR onto its base. */
  mode: z.enum(['feedback', 'rebase']).default('feedback'),
  /** The head the feedback was read on; a different head at run time means someone pushed. */
  headSha: z.string(),
  feedbackKey: z.string(),
  items: z.array(FeedbackItemPayload),
});
/** Payload of a `pr_feedback_repair` task. */
export type PullRequestRepairPayload = z.infer<typeof PullRequestRepairPayload>;

/** Target key shared by every repair task of one pull request. */
export function pullRequestTarget(pullNumber: number): string {
  return `pr:${pullNumber}`;
}

/**
 * The enqueue request of a repair: keyed by the feedback key, so the same feedback seen by a
 * webhook, a poll or after a restart is one task; newer feedback merges into the waiting task.
 */
export function repairTaskRequest(
  payload: PullRequestRepairPayload,
  options: { readonly source: string; readonly maxAttempts: number },
): EnqueueRequest {
  return {
    type: autocodeTaskTypes.pullRequest,
    dedupeKey: payload.feedbackKey,
    targetKey: pullRequestTarget(payload.number),
    payload,
    source: options.source,
    priority: 'normal',
    maxAttempts: options.maxAttempts,
    replaceExisting: true,
  };
}

/** Payload of a `source_issue_create` task: open an issue for a backlog item or idle finding, or close it. */
export const SourceTaskPayload = z.object({
  action: z.enum(['create', 'close']),
  item: z.object({
    key: z.string(),
    source: z.enum(['backlog', 'plan', 'idle']),
    sourcePath: z.string(),
    lineNumber: z.number().int(),
    title: z.string(),
    body: z.string(),
    labels: z.array(z.string()),
    checked: z.boolean(),
  }),
});
/** Payload of a `source_issue_create` task. */
export type SourceTaskPayload = z.infer<typeof SourceTaskPayload>;

/** A source task's payload as callers build it (labels may be a read-only list). */
export type SourceTaskInput = Omit<SourceTaskPayload, 'item'> & {
  readonly item: Omit<SourceTaskPayload['item'], 'labels'> & { readonly labels: readonly string[] };
};

/** The enqueue request of a source task; one per item and action, whoever found it first. */
export function sourceTaskRequest(
  payload: SourceTaskInput,
  options: { readonly maxAttempts: number },
): EnqueueRequest {
  return {
    type: autocodeTaskTypes.source,
    dedupeKey: `${payload.action}:${payload.item.key}`,
    payload: { action: payload.action, item: { ...payload.item, labels: [...payload.item.labels] } },
    source: payload.item.source,
    priority: 'background',
    maxAttempts: options.maxAttempts,
  };
}
