import type { ConfigSection } from '@patchloop/core';
import { integerVar, secondsVar } from '@patchloop/core';
import { z } from 'zod';

/** Size budgets of a patch, time budgets of validation, and caps on repair work. */
export interface LimitSettings {
  readonly maxChangedFiles: number;
  readonly maxAddedLines: number;
  readonly maxDeletedLines: number;
  /** Timeout of each format/lint validation command. */
  readonly commandTimeoutMs: number;
  /** Timeout of each test command (EXECUTION_TEST_TIMEOUT_SECONDS=0 means the general timeout). */
  readonly testTimeoutMs: number;
  /** Timeout of test commands while repairing after review feedback. */
  readonly repairTestTimeoutMs: number;
  /** Extra self-repair rounds within one issue run. */
  readonly issueRepairMaxAttempts: number;
  /** Extra self-repair rounds within one review-feedback repair. */
  readonly reviewFeedbackRepairMaxAttempts: number;
  /** Repair rounds per PR; 0 = unlimited. */
  readonly prMaxRepairRounds: number;
  /** Repair rounds per PR when all pending feedback comes from bots; 0 = unlimited. */
  readonly botFeedbackMaxRepairRounds: number;
  /** Open autocode PRs before new ones wait; 0 = no cap. */
  readonly maxOpenPullRequests: number;
  /** Open autocode-labelled issues before source sync waits; 0 = no cap. */
  readonly maxOpenIssues: number;
}

const day = 86_400;

/** The EXECUTION_MAX_*, EXECUTION_*_TIMEOUT_SECONDS and repair-round variables. */
export function limitSettings(): ConfigSection<LimitSettings> {
  return z
    .object({
      EXECUTION_MAX_CHANGED_FILES: integerVar({ min: 1, max: 10_000, default: 8 }),
      EXECUTION_MAX_ADDED_LINES: integerVar({ min: 0, max: 1_000_000, default: 400 }),
      EXECUTION_MAX_DELETED_LINES: integerVar({ min: 0, max: 1_000_000, default: 200 }),
      EXECUTION_TIMEOUT_SECONDS: secondsVar({ min: 1, max: day, default: 1_200 }),
      EXECUTION_TEST_TIMEOUT_SECONDS: secondsVar({ min: 0, max: day, default: 0 }),
      EXECUTION_REPAIR_TEST_TIMEOUT_SECONDS: secondsVar({ min: 1, max: day, default: 600 }),
      EXECUTION_ISSUE_REPAIR_MAX_ATTEMPTS: integerVar({ min: 0, max: 20, default: 2 }),
      EXECUTION_REVIEW_FEEDBACK_REPAIR_MAX_ATTEMPTS: integerVar({ min: 0, max: 20, default: 2 }),
      EXECUTION_PR_MAX_REPAIR_ROUNDS: integerVar({ min: 0, max: 1_000, default: 8 }),
      EXECUTION_BOT_FEEDBACK_MAX_REPAIR_ROUNDS: integerVar({ min: 0, max: 1_000, default: 4 }),
      EXECUTION_MAX_OPEN_AUTOCODE_PRS: integerVar({ min: 0, max: 10_000, default: 20 }),
      EXECUTION_MAX_OPEN_AUTOCODE_ISSUES: integerVar({ min: 0, max: 10_000, default: 20 }),
    })
    .transform((env) => ({
      maxChangedFiles: env.EXECUTION_MAX_CHANGED_FILES,
      maxAddedLines: env.EXECUTION_MAX_ADDED_LINES,
      maxDeletedLines: env.EXECUTION_MAX_DELETED_LINES,
      commandTimeoutMs: env.EXECUTION_TIMEOUT_SECONDS,
      testTimeoutMs:
        env.EXECUTION_TEST_TIMEOUT_SECONDS > 0
          ? env.EXECUTION_TEST_TIMEOUT_SECONDS
          : env.EXECUTION_TIMEOUT_SECONDS,
      repairTestTimeoutMs: env.EXECUTION_REPAIR_TEST_TIMEOUT_SECONDS,
      issueRepairMaxAttempts: env.EXECUTION_ISSUE_REPAIR_MAX_ATTEMPTS,
      reviewFeedbackRepairMaxAttempts: env.EXECUTION_REVIEW_FEEDBACK_REPAIR_MAX_ATTEMPTS,
      prMaxRepairRounds: env.EXECUTION_PR_MAX_REPAIR_ROUNDS,
      botFeedbackMaxRepairRounds: env.EXECUTION_BOT_FEEDBACK_MAX_REPAIR_ROUNDS,
      maxOpenPullRequests: env.EXECUTION_MAX_OPEN_AUTOCODE_PRS,
      maxOpenIssues: env.EXECUTION_MAX_OPEN_AUTOCODE_ISSUES,
    }));
}
