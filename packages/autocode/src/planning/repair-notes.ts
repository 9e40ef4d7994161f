import type { FindingCode } from '../inspection/inspection-report.js';

/** What a repair pass is about: an issue run or a review-feedback repair of a pull request. */
export type RepairKind = 'issue' | 'review_feedback';

/** An earlier failed run of the same issue or pull request, oldest first. */
export interface PreviousFailure {
  readonly reason: string;
  /** The inspection findings that failed it, when the patch inspection refused the change. */
  readonly findingCodes?: readonly FindingCode[];
}

const seedReasonChars = 200;
const seedCount = 3;

/**
 * The repair notes a new run starts with (spec §2.8): the reasons of the last 3 failed runs, each
 * cut to 200 chars. For issues a failure that was only out-of-scope edits is dropped, because a
 * new plan brings a new scope; review-feedback repairs keep it (scenario 115).
 */
export function seedRepairNotes(failures: readonly PreviousFailure[], kind: RepairKind): string[] {
  return failures
    .filter((failure) => failure.reason.trim() !== '')
    .filter((failure) => kind !== 'issue' || !onlyOutOfScope(failure))
    .slice(-seedCount)
    .map((failure) => {
      const reason = failure.reason.trim();
      return reason.length > seedReasonChars ? `${reason.slice(0, seedReasonChars)}…` : reason;
    });
}

function onlyOutOfScope(failure: PreviousFailure): boolean {
  const codes = failure.findingCodes ?? [];
  return codes.length > 0 && codes.every((code) => code === 'out_of_scope');
}
