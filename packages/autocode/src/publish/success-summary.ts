import type { InspectionReport } from '../inspection/inspection-report.js';
import { noValidationSummary, summarizeValidation } from '../validation/summaries.js';
import type { ValidationReport } from '../validation/validation-report.js';

/** The size and validation facts every published change reports. */
interface ChangeFacts {
  readonly branch: string;
  readonly inspection: Pick<InspectionReport, 'changedFiles' | 'addedLines' | 'deletedLines'>;
  readonly validation: ValidationReport;
}

/** How an issue run ended on GitHub. */
export type PublishedChange =
  | (ChangeFacts & {
      readonly kind: 'opened' | 'updated';
      readonly pullRequestNumber: number;
      /**
       * True only when PatchLoop turned a draft into a ready PR during this run (the original
       * inferred it from a `draft: false` key and claimed conversions that never happened).
       */
      readonly convertedToReady: boolean;
    })
  | (ChangeFacts & { readonly kind: 'dry_run' });

/** The run status of a published change (spec §2.14 step 8, from facts rather than response keys). */
export type PublishedStatus = 'dry_run' | 'pr_ready' | 'pr_updated' | 'pr_opened';

/** Derives the run status: a real draft conversion is `pr_ready`, a reuse `pr_updated`. */
export function publishedStatus(change: PublishedChange): PublishedStatus {
  if (change.kind === 'dry_run') return 'dry_run';
  if (change.convertedToReady) return 'pr_ready';
  return change.kind === 'updated' ? 'pr_updated' : 'pr_opened';
}

/**
 * The short English result line stored on the task, e.g. "Opened PR #12 from
 * autocode/issue-7-x (3 files, +40/-2, validation format:PASS, test:PASS)".
 */
export function describePublishedChange(change: PublishedChange): string {
  const facts = describeFacts(change);
  switch (change.kind) {
    case 'dry_run':
      return `Dry-run: would open a PR from ${change.branch} (${facts}); nothing was committed, pushed or opened`;
    case 'opened':
    case 'updated': {
      const verb = change.kind === 'opened' ? 'Opened' : 'Updated';
      const ready = change.convertedToReady ? ' and marked it ready for review' : '';
      return `${verb} PR #${change.pullRequestNumber} from ${change.branch} (${facts})${ready}`;
    }
    default: {
      const unknownChange: never = change;
      return unknownChange;
    }
  }
}

function describeFacts(change: ChangeFacts): string {
  const count = change.inspection.changedFiles.length;
  const summary = summarizeValidation(change.validation);
  const validation = summary === noValidationSummary ? summary : `validation ${summary}`;
  return `${count} ${count === 1 ? 'file' : 'files'}, +${change.inspection.addedLines}/-${change.inspection.deletedLines}, ${validation}`;
}
