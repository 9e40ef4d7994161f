/** How an issue run ended; recorded on the issue and used by the enqueue guard and reconcile. */
export const issueOutcomes = [
  'planned',
  'blocked',
  'failed',
  'dry_run',
  'pr_opened',
  'pr_updated',
  'manual_action',
  'resolved_by_user',
  'skipped',
] as const;

/** One of {@link issueOutcomes}. */
export type IssueOutcome = (typeof issueOutcomes)[number];

const terminalSuccesses: ReadonlySet<IssueOutcome> = new Set<IssueOutcome>([
  'dry_run',
  'pr_opened',
  'pr_updated',
  'manual_action',
  'resolved_by_user',
]);

const peopleOutcomes: ReadonlySet<IssueOutcome> = new Set<IssueOutcome>([
  'planned',
  'blocked',
  'failed',
  'manual_action',
  'resolved_by_user',
]);

/**
 * True when the outcome finished the issue's version for good: the same version is never run
 * again, and a new version is only run on an explicit request (so our own activity cannot loop).
 */
export function isTerminalSuccess(outcome: IssueOutcome): boolean {
  return terminalSuccesses.has(outcome);
}

/** True when the outcome waits on a person (approval, a fix of the cause, or closing the issue). */
export function needsPeople(outcome: IssueOutcome): boolean {
  return peopleOutcomes.has(outcome);
}
