import { AppError } from '../errors/app-error.js';

/** One bad setting: the variable (or flag) to fix and what is wrong with it, hint included. */
export interface ConfigProblem {
  readonly key: string;
  readonly message: string;
}

/** Renders the listing every daemon prints before exiting: one line per problem. */
export function formatConfigProblems(problems: readonly ConfigProblem[]): string {
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  const lines = problems.map((problem) => `  - ${problem.key}: ${problem.message}`);
  return [`Invalid configuration (${count}):`, ...lines].join('\n');
}

/**
 * The single error a bad configuration produces: it lists every bad key with a hint, so an
 * operator fixes everything in one pass. Secret values never appear in it.
 */
export class ConfigError extends AppError {
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[]) {
    super('CONFIG_INVALID', formatConfigProblems(problems));
    this.name = 'ConfigError';
    this.problems = problems;
  }
}
