import { capText, codeSpan, untrustedLine } from '../../publish/markdown-text.js';
import { cappedList, finishComment, type RepairComment } from './comment-sections.js';

/** A check that fails on the pull request and the same way on its base branch. */
export interface BaseFailingCheck {
  readonly name: string;
  /** The check's one-line failure summary (from CI output: untrusted text). */
  readonly summary: string;
}

/** What the base-failure comment reports. */
export interface BaseFailureCommentInput {
  readonly prNumber: number;
  readonly checks: readonly BaseFailingCheck[];
  readonly baseBranch: string;
  /** Scopes the marker; defaults to the sorted check names, so one set of failures is announced once. */
  readonly markerKeySuffix?: string;
}

/**
 * The comment posted when a pull request's failing checks fail the same way on its base branch:
 * PatchLoop reports them instead of "fixing" a problem the pull request did not cause. The
 * marker kind is `repair-base-failure`, keyed by pull request, base branch and suffix.
 */
export function baseFailureComment(input: BaseFailureCommentInput): RepairComment {
  const base = codeSpan(input.baseBranch);
  const checks = input.checks.map((check) => {
    const summary = untrustedLine(check.summary, 200);
    const name = codeSpan(capText(check.name, 100));
    return summary === '' ? name : `${name}: ${summary}`;
  });
  const keySuffix = input.markerKeySuffix ?? [...input.checks.map((check) => check.name)].sort().join(',');
  return finishComment(
    [
      '## PatchLoop left failing checks alone',
      `**What happened:** these checks fail on this pull request and fail the same way on the base branch ${base}:`,
      cappedList(checks, 'checks'),
      `**Why:** the failures come from ${base}, not from this pull request’s changes, so PatchLoop reports them here instead of changing this pull request to work around them.`,
      '### How to continue',
      `Fix the checks on ${base}. Nothing needs re-inviting: PatchLoop keeps repairing other feedback on this pull request, and once the checks pass on ${base} it treats new failures here as repair work again.`,
    ],
    'repair-base-failure',
    `${input.prNumber}:${input.baseBranch}:${keySuffix}`,
  );
}
