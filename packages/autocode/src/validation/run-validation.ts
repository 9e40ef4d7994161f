import type { Logger, ProcessResult, ProcessRunner } from '@patchloop/core';
import { AppError, stripAnsi } from '@patchloop/core';
import type { ValidationCommand, ValidationSettings } from '../config/validation-settings.js';
import { createTrackedFileCheck, removeArtifactDirs } from './artifact-cleanup.js';
import { findArtifactReferences } from './artifact-references.js';
import { formatValidationCommand } from './validation-commands.js';
import type { ValidationGroup, ValidationReport, ValidationStep } from './validation-report.js';
import { validationGroups } from './validation-report.js';

/** What the validation runner needs. `env` is the whole environment of every command. */
export interface ValidationRunnerDeps {
  readonly runner: ProcessRunner;
  /** Already scrubbed by the caller: validation runs agent-written code, so no tokens or keys. */
  readonly env: Readonly<Record<string, string>>;
  readonly settings: ValidationSettings;
  /** Limit of each format and lint command. */
  readonly commandTimeoutMs: number;
  /** Limit of each test command unless a run overrides it. */
  readonly testTimeoutMs: number;
  readonly logger: Logger;
  /** Per-stream output cap of one command (newest bytes kept). Default 256 KiB. */
  readonly maxOutputBytes?: number;
}

/** Per-run options of {@link ValidationRunner.runAll}. */
export interface RunValidationOptions {
  /** Replaces the test timeout for this run (repairs use a shorter one); 0 means no override. */
  readonly testTimeoutMs?: number;
  /** Aborting stops the running command; `runAll` then rejects with TASK_CANCELLED. */
  readonly signal?: AbortSignal;
}

/** Runs the configured format, lint and test commands against a worktree. */
export interface ValidationRunner {
  /** Runs every group in order and reports each step; throws only when cancelled or misconfigured. */
  runAll(worktreePath: string, options?: RunValidationOptions): Promise<ValidationReport>;
}

const defaultMaxOutputBytes = 256 * 1024;
const gitCheckTimeoutMs = 30_000;

/**
 * Creates the validation runner: each command runs without a shell in the worktree, with the
 * given environment and a per-group time limit. A failure that names a transient artifact
 * directory (a stale `node_modules`, `.venv`, ...) deletes it and re-runs the command once.
 */
export function createValidationRunner(deps: ValidationRunnerDeps): ValidationRunner {
  const { runner, env, settings, logger } = deps;
  const maxOutputBytes = deps.maxOutputBytes ?? defaultMaxOutputBytes;
  const commandsOf: Readonly<Record<ValidationGroup, readonly ValidationCommand[]>> = {
    format: settings.formatCommands,
    lint: settings.lintCommands,
    test: settings.testCommands,
  };

  const execute = async (
    group: ValidationGroup,
    command: ValidationCommand,
    worktreePath: string,
    timeoutMs: number,
    signal: AbortSignal | undefined,
  ): Promise<ValidationStep> => {
    const [executable, ...args] = command;
    if (executable === undefined) {
      throw new AppError('CONFIG_INVALID', `A ${group} validation command is empty; remove the blank entry.`);
    }
    const result = await runner.run({
      command: executable,
      args,
      cwd: worktreePath,
      env,
      timeoutMs,
      maxOutputBytes,
      ...(signal === undefined ? {} : { signal }),
    });
    return toStep(group, command, result, timeoutMs, signal);
  };

  /** The artifact self-heal: clean what the failure names and try once more, or keep the failure. */
  const healAndRerun = async (
    first: ValidationStep,
    worktreePath: string,
    timeoutMs: number,
    signal: AbortSignal | undefined,
  ): Promise<ValidationStep> => {
    const references = findArtifactReferences(first.output, settings.transientArtifactDirs);
    if (references.length === 0) return first;
    const command = formatValidationCommand(first.command);
    const cleanup = await removeArtifactDirs({
      worktreePath,
      references,
      holdsTrackedFiles: createTrackedFileCheck({ runner, env, worktreePath, timeoutMs: gitCheckTimeoutMs }),
    }).catch((error: unknown) => {
      // The self-heal is a convenience: when it cannot clean up, the first failure stands.
      logger.warn({ group: first.group, command, err: error }, 'validation artifact cleanup failed');
      return undefined;
    });
    if (cleanup === undefined) return first;
    if (cleanup.kept.length > 0) {
      logger.info({ group: first.group, command, kept: cleanup.kept }, 'validation artifact dirs kept');
    }
    if (cleanup.removed.length === 0) return first;
    logger.warn(
      { group: first.group, command, removed: cleanup.removed },
      'validation failed on transient artifacts; removed them and running the command again',
    );
    const second = await execute(first.group, first.command, worktreePath, timeoutMs, signal);
    return { ...second, durationMs: first.durationMs + second.durationMs, rerunAfterCleanup: true };
  };

  return {
    async runAll(worktreePath, options = {}) {
      const testTimeoutMs =
        options.testTimeoutMs !== undefined && options.testTimeoutMs > 0
          ? options.testTimeoutMs
          : deps.testTimeoutMs;
      const steps: ValidationStep[] = [];
      for (const group of validationGroups) {
        const timeoutMs = group === 'test' ? testTimeoutMs : deps.commandTimeoutMs;
        for (const command of commandsOf[group]) {
          const first = await execute(group, command, worktreePath, timeoutMs, options.signal);
          const step =
            first.outcome === 'failed'
              ? await healAndRerun(first, worktreePath, timeoutMs, options.signal)
              : first;
          steps.push(step);
          logger.info(
            {
              group,
              command: formatValidationCommand(command),
              outcome: step.outcome,
              exitCode: step.exitCode,
              durationMs: step.durationMs,
            },
            'validation step finished',
          );
          if (step.outcome !== 'passed' && settings.failFast) return report(steps);
        }
      }
      return report(steps);
    },
  };
}

function report(steps: readonly ValidationStep[]): ValidationReport {
  return { success: steps.every((step) => step.outcome === 'passed'), steps };
}

/** Maps one process ending to a step; a cancellation is not a step, it ends the whole run. */
function toStep(
  group: ValidationGroup,
  command: ValidationCommand,
  result: ProcessResult,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): ValidationStep {
  const base = { group, command, rerunAfterCleanup: false };
  switch (result.kind) {
    case 'exited':
      return {
        ...base,
        outcome: result.exitCode === 0 ? 'passed' : 'failed',
        exitCode: result.exitCode,
        output: combineOutput(result.stdout, result.stderr),
        durationMs: result.durationMs,
      };
    case 'timed_out': {
      // The note keeps the limit and command visible wherever the output is shown (prompts, logs).
      const note = `Timed out after ${formatDuration(timeoutMs)}: ${formatValidationCommand(command)}`;
      const partial = combineOutput(result.stdout, result.stderr);
      return {
        ...base,
        outcome: 'timed_out',
        exitCode: null,
        output: partial === '' ? note : `${note}\n${partial}`,
        durationMs: result.durationMs,
      };
    }
    case 'not_found':
      return {
        ...base,
        outcome: 'not_found',
        exitCode: null,
        output: `${result.command}: command not found (not on PATH or not executable)`,
        durationMs: 0,
      };
    case 'cancelled':
      throw new AppError(
        'TASK_CANCELLED',
        `Validation stopped while "${formatValidationCommand(command)}" ran: the task was cancelled.`,
        { cause: signal?.reason },
      );
    default:
      return assertNever(result);
  }
}

/** stdout, then stderr on the next line, ANSI-free and trimmed. */
function combineOutput(stdout: string, stderr: string): string {
  return [stdout, stderr]
    .map((stream) => stripAnsi(stream).trim())
    .filter((text) => text !== '')
    .join('\n');
}

function formatDuration(ms: number): string {
  return ms < 1_000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}

function assertNever(value: never): never {
  throw new AppError('INTERNAL_INVARIANT', `Unexpected process result: ${JSON.stringify(value)}`);
}
