import type { ConfigSection } from '@patchloop/core';
import { booleanVar, commandListVar, csvVar } from '@patchloop/core';
import { z } from 'zod';

/** A validation command as argv: run without a shell, in the task's worktree. */
export type ValidationCommand = readonly string[];

/** The format → lint → test steps run on every patch before it may be pushed. */
export interface ValidationSettings {
  /** Empty = the step is skipped. */
  readonly formatCommands: readonly ValidationCommand[];
  readonly lintCommands: readonly ValidationCommand[];
  readonly testCommands: readonly ValidationCommand[];
  /** Stop at the first failing step instead of collecting every failure. */
  readonly failFast: boolean;
  /** Directories validation may leave behind; they are cleaned, never committed. */
  readonly transientArtifactDirs: readonly string[];
}

/** EXECUTION_FORMAT_COMMANDS, _LINT_COMMANDS, _TEST_COMMANDS (one command per line), _VALIDATION_*. */
export function validationSettings(): ConfigSection<ValidationSettings> {
  const hint = 'write one command per line; quote arguments with spaces';
  return z
    .object({
      EXECUTION_FORMAT_COMMANDS: commandListVar({ hint }),
      EXECUTION_LINT_COMMANDS: commandListVar({ hint }),
      EXECUTION_TEST_COMMANDS: commandListVar({ hint }),
      EXECUTION_VALIDATION_FAIL_FAST: booleanVar({ default: false }),
      EXECUTION_VALIDATION_TRANSIENT_ARTIFACT_DIRS: csvVar({
        default: [
          '.mypy_cache',
          '.pytest_cache',
          '.ruff_cache',
          '.tox',
          '.venv',
          'build',
          'dist',
          'node_modules',
          'venv',
        ],
      }),
    })
    .transform((env) => ({
      formatCommands: env.EXECUTION_FORMAT_COMMANDS,
      lintCommands: env.EXECUTION_LINT_COMMANDS,
      testCommands: env.EXECUTION_TEST_COMMANDS,
      failFast: env.EXECUTION_VALIDATION_FAIL_FAST,
      transientArtifactDirs: env.EXECUTION_VALIDATION_TRANSIENT_ARTIFACT_DIRS,
    }));
}
