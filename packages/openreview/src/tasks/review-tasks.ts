import type { EnqueueRequest } from '@patchloop/core';
import { z } from 'zod';

/** The two kinds of work the review daemon queues. Task types are the same strings in the DB and code. */
export const reviewTaskTypes = {
  issue: 'review_issue',
  pullRequest: 'review_pull_request',
} as const;

/** A review task type. */
export type ReviewTaskType = (typeof reviewTaskTypes)[keyof typeof reviewTaskTypes];

/** What new discussion caused a follow-up: the activity's kind, id, time, author and fingerprint (spec §4.3). */
export const ActivitySignal = z.object({
  kind: z.enum(['issue_comment', 'review', 'review_comment', 'ci_failure']),
  id: z.string(),
  at: z.string(),
  author: z.string(),
  fingerprint: z.string().min(1),
});
/** A discussion activity that triggered work. */
export type ActivitySignal = z.infer<typeof ActivitySignal>;

/** Where a trigger came from; kept on the task for `/tasks` and logs. */
export const TriggerSource = z.enum(['polling', 'webhook']);
/** Where a trigger came from. */
export type TriggerSource = z.infer<typeof TriggerSource>;

/** Payload of a `review_issue` task. */
export const ReviewIssuePayload = z.object({
  number: z.number().int().positive(),
  source: TriggerSource,
  /** The issue's `updated_at` as seen by the trigger (part of the dedupe key). */
  updatedAt: z.string(),
  activity: ActivitySignal.nullable(),
  /** A canned "cannot answer" reply is allowed only for a first reply without a discussion trigger. */
  allowUnanswerableReply: z.boolean(),
});
/** Payload of a `review_issue` task. */
export type ReviewIssuePayload = z.infer<typeof ReviewIssuePayload>;

/** Payload of a `review_pull_request` task. */
export const ReviewPullRequestPayload = z.object({
  number: z.number().int().positive(),
  source: TriggerSource,
  /** Head SHA seen by the trigger; the handler re-reads the PR and trusts GitHub's current head. */
  headSha: z.string().nullable(),
  /** The PR's `updated_at` as seen by the trigger (part of the dedupe key). */
  updatedAt: z.string(),
  activity: ActivitySignal.nullable(),
});
/** Payload of a `review_pull_request` task. */
export type ReviewPullRequestPayload = z.infer<typeof ReviewPullRequestPayload>;

/**
 * The enqueue request for an issue trigger. The dedupe key depends only on the item and its version
 * (the discussion activity when there is one, else the issue's `updated_at`), never on the delivery,
 * so one event seen by webhook and by poll is one task. The target key serializes work per issue;
 * `replaceExisting` merges newer information into the waiting task, or queues one follow-up behind a
 * running task, so a comment arriving mid-run is never folded into a run that already read the discussion.
 */
export function issueTaskRequest(payload: ReviewIssuePayload): EnqueueRequest {
  const version = payload.activity
    ? `activity:${payload.activity.fingerprint}`
    : `updated:${payload.updatedAt}`;
  return {
    type: reviewTaskTypes.issue,
    dedupeKey: `issue:${payload.number}:${version}`,
    targetKey: `issue:${payload.number}`,
    payload,
    source: payload.source,
    replaceExisting: true,
  };
}

/** The enqueue request for a pull request trigger; same dedupe rules, keyed by head SHA too. */
export function pullRequestTaskRequest(payload: ReviewPullRequestPayload): EnqueueRequest {
  const version = payload.activity
    ? `activity:${payload.activity.fingerprint}`
    : `head:${payload.headSha ?? 'unknown'}:updated:${payload.updatedAt}`;
  return {
    type: reviewTaskTypes.pullRequest,
    dedupeKey: `pr:${payload.number}:${version}`,
    targetKey: `pr:${payload.number}`,
    payload,
    source: payload.source,
    replaceExisting: true,
  };
}
