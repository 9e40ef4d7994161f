import type { ConfigSection } from '@patchloop/core';
import { booleanVar, csvVar, githubLoginPattern, integerVar, secondsVar } from '@patchloop/core';
import { z } from 'zod';

/** One task queue's cycle: how often it is drained, how much per cycle, how often a task may fail. */
export interface QueueCycleSettings {
  readonly intervalMs: number;
  readonly maxBatch: number;
  readonly maxAttempts: number;
}

/** Which PRs are tracked for review feedback and how often they are scanned. */
export interface ReviewFeedbackSettings {
  /** EXECUTION_POLL_REVIEW_FEEDBACK: track autocode PRs and repair them after feedback. */
  readonly pollEnabled: boolean;
  /** EXECUTION_ENABLE_PR_QUEUE: the PR queue, which also tracks `trackAuthors`' PRs. */
  readonly queueEnabled: boolean;
  readonly intervalMs: number;
  /** Logins (lower-case) whose same-repository PRs are tracked too. */
  readonly trackAuthors: readonly string[];
}

/** Automatic requeue of dead letters whose reason looks transient. */
export interface DeadLetterSettings {
  /** Substrings of a failure reason that make it recoverable. */
  readonly recoverableMarkers: readonly string[];
  /** Dead letters requeued at startup; 0 = never. */
  readonly autoRequeueLimit: number;
}

/** The three task queues and the PR tracking cycle. */
export interface QueueSettings {
  readonly issue: QueueCycleSettings;
  readonly pullRequest: QueueCycleSettings;
  /** The source queue creates issues one at a time. */
  readonly source: Omit<QueueCycleSettings, 'maxBatch'>;
  readonly reviewFeedback: ReviewFeedbackSettings;
  readonly deadLetters: DeadLetterSettings;
}

const interval = (seconds: number) => secondsVar({ min: 1, max: 86_400, default: seconds });
const count = (value: number) => integerVar({ min: 1, max: 100, default: value });

/** The EXECUTION_*_TASK_*, EXECUTION_PR_QUEUE_*, review-feedback and dead-letter variables. */
export function queueSettings(): ConfigSection<QueueSettings> {
  return z
    .object({
      EXECUTION_ISSUE_TASK_INTERVAL_SECONDS: interval(5),
      EXECUTION_ISSUE_TASK_MAX_BATCH: count(1),
      EXECUTION_ISSUE_TASK_MAX_ATTEMPTS: count(3),
      EXECUTION_PR_TASK_INTERVAL_SECONDS: interval(5),
      EXECUTION_PR_QUEUE_MAX_BATCH: count(1),
      EXECUTION_PR_TASK_MAX_ATTEMPTS: count(3),
      EXECUTION_SOURCE_TASK_INTERVAL_SECONDS: interval(5),
      EXECUTION_SOURCE_TASK_MAX_ATTEMPTS: count(3),
      EXECUTION_POLL_REVIEW_FEEDBACK: booleanVar({ default: true }),
      EXECUTION_ENABLE_PR_QUEUE: booleanVar({ default: true }),
      EXECUTION_REVIEW_FEEDBACK_INTERVAL_SECONDS: interval(300),
      EXECUTION_TRACK_PR_AUTHORS: csvVar({
        lowerCase: true,
        itemPattern: githubLoginPattern,
        expected: 'GitHub logins',
      }),
      // The original also listed a Chinese phrase; reasons are structured codes in PatchLoop.
      EXECUTION_RECOVERABLE_DEAD_LETTER_MARKERS: csvVar({
        default: ['node_modules', '.venv', 'transient', 'validation noise'],
      }),
      EXECUTION_DEAD_LETTER_AUTO_REQUEUE_LIMIT: integerVar({ min: 0, max: 1_000, default: 5 }),
    })
    .transform((env) => ({
      issue: {
        intervalMs: env.EXECUTION_ISSUE_TASK_INTERVAL_SECONDS,
        maxBatch: env.EXECUTION_ISSUE_TASK_MAX_BATCH,
        maxAttempts: env.EXECUTION_ISSUE_TASK_MAX_ATTEMPTS,
      },
      pullRequest: {
        intervalMs: env.EXECUTION_PR_TASK_INTERVAL_SECONDS,
        maxBatch: env.EXECUTION_PR_QUEUE_MAX_BATCH,
        maxAttempts: env.EXECUTION_PR_TASK_MAX_ATTEMPTS,
      },
      source: {
        intervalMs: env.EXECUTION_SOURCE_TASK_INTERVAL_SECONDS,
        maxAttempts: env.EXECUTION_SOURCE_TASK_MAX_ATTEMPTS,
      },
      reviewFeedback: {
        pollEnabled: env.EXECUTION_POLL_REVIEW_FEEDBACK,
        queueEnabled: env.EXECUTION_ENABLE_PR_QUEUE,
        intervalMs: env.EXECUTION_REVIEW_FEEDBACK_INTERVAL_SECONDS,
        trackAuthors: env.EXECUTION_TRACK_PR_AUTHORS.map((login) => login.replace(/^@/, '')),
      },
      deadLetters: {
        recoverableMarkers: env.EXECUTION_RECOVERABLE_DEAD_LETTER_MARKERS,
        autoRequeueLimit: env.EXECUTION_DEAD_LETTER_AUTO_REQUEUE_LIMIT,
      },
    }));
}
