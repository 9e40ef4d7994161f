/** The validation groups, run in this order. */
export const validationGroups = ['format', 'lint', 'test'] as const;
/** One of {@link validationGroups}. */
export type ValidationGroup = (typeof validationGroups)[number];

/** How one validation command ended. */
export type StepOutcome = 'passed' | 'failed' | 'timed_out' | 'not_found';

/** One validation command that ran (after an artifact self-heal, the re-run's result). */
export interface ValidationStep {
  readonly group: ValidationGroup;
  /** argv of the command. */
  readonly command: readonly string[];
  readonly outcome: StepOutcome;
  /** The exit code for `passed`/`failed`; null otherwise. */
  readonly exitCode: number | null;
  /** stdout, then stderr, ANSI-free, capped (newest bytes kept). */
  readonly output: string;
  readonly durationMs: number;
  /** The command ran twice because its first failure named a transient artifact directory. */
  readonly rerunAfterCleanup: boolean;
}

/** Everything the validation commands reported for one worktree state. */
export interface ValidationReport {
  /** No step failed, timed out or was missing (zero steps is a success). */
  readonly success: boolean;
  readonly steps: readonly ValidationStep[];
}
