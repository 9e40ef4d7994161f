import type { ChangedFile } from '@patchloop/core';

/**
 * Why a patch is refused. Stable machine-readable codes replace the original's Chinese marker
 * substrings: the queue decides "permanent failure" from the code, never from prose.
 */
export const findingCodes = [
  'blocked_path',
  'secret',
  'out_of_scope',
  'documentation_only',
  'no_changes',
  'too_many_files',
  'too_many_added_lines',
  'too_many_deleted_lines',
  'missing_tests',
  'tests_removed',
  'symlink_outside',
  'submodule',
] as const;
/** One of {@link findingCodes}. */
export type FindingCode = (typeof findingCodes)[number];

/** One reason the patch cannot be published as it is. */
export interface InspectionFinding {
  readonly code: FindingCode;
  /** One English sentence for the task record, the agent's next attempt and the logs. */
  readonly message: string;
  /** The offending path, when the finding is about one file. */
  readonly path?: string;
}

/** The size of the change as the budget counts it (supporting files excluded, spec §2.11). */
export interface PatchBudget {
  readonly files: number;
  readonly addedLines: number;
  readonly deletedLines: number;
}

/** The verdict on the whole change of a worktree against its base commit. */
export interface InspectionReport {
  /** No finding: the patch may be committed and pushed. */
  readonly allowed: boolean;
  readonly findings: readonly InspectionFinding[];
  /** Every changed path (commits, staged, unstaged, untracked), sorted. */
  readonly changedFiles: readonly ChangedFile[];
  /** Totals over every changed file. */
  readonly addedLines: number;
  readonly deletedLines: number;
  /** What the size budget counted. */
  readonly budget: PatchBudget;
  /** Test files the patch added or modified. */
  readonly testFilesChanged: readonly string[];
}
