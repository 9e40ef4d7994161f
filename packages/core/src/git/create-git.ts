import fs from 'node:fs';
import type { SimpleGit } from 'simple-git';
import { GitPluginError, GitError as SimpleGitError, simpleGit } from 'simple-git';
import { GitError } from '../errors/app-error.js';
import type { EnvRecord } from './git-env.js';
import { buildGitEnv } from './git-env.js';

/** Options for {@link createGit}. */
export interface CreateGitOptions {
  /** Working directory of every command; created when missing (simple-git refuses one). */
  readonly baseDir: string;
  /** The process environment to start from (injected: library code never reads `process.env`). */
  readonly baseEnv: EnvRecord;
  /** Hard limit per command; default 180 s, as in the original. */
  readonly timeoutMs?: number;
  /** Extra command-scope git config, e.g. an `http.<url>.extraheader` for authenticated pushes. */
  readonly config?: Readonly<Record<string, string>>;
}

/** Per-call overrides. */
export interface GitRunOptions {
  /** Additional variables for this call only (e.g. `GIT_INDEX_FILE` for a scratch index). */
  readonly env?: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
}

/** The outcome of a command whose non-zero exit is an answer rather than a failure. */
export type GitRunResult =
  | { readonly ok: true; readonly stdout: string }
  | { readonly ok: false; readonly exitCode: number; readonly stdout: string; readonly stderr: string };

/** PatchLoop's git port: raw commands with a fixed environment, timeouts and typed failures. */
export interface GitRunner {
  readonly baseDir: string;
  /** Runs git and returns stdout; any non-zero exit throws a {@link GitError}. */
  run(args: readonly string[], options?: GitRunOptions): Promise<string>;
  /** Runs git and reports a non-zero exit as a value; timeouts and spawn failures still throw. */
  tryRun(args: readonly string[], options?: GitRunOptions): Promise<GitRunResult>;
  /** The same settings for another directory (e.g. a worktree). */
  at(baseDir: string): GitRunner;
}

const defaultTimeoutMs = 180_000;

/** Messages that mean a remote refused our credentials; retrying will not help. */
const authFailurePattern =
  /could not read username|could not read password|terminal prompts disabled|authentication failed|permission denied \(publickey/i;
/** Messages that mean the network or the remote had a bad moment; a retry may succeed. */
const transientFailurePattern =
  /could not resolve host|connection (refused|reset|timed out)|operation timed out|unable to access|early eof|the remote end hung up|index\.lock': file exists|unable to create '.*\.lock'/i;

/**
 * A non-zero exit, carried through simple-git's error hook with the streams intact. It must
 * extend simple-git's own error class, or simple-git flattens it into a message string.
 */
class GitExitFailure extends SimpleGitError {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;

  constructor(exitCode: number, stdout: string, stderr: string) {
    super(undefined, `git exited with code ${exitCode}`);
    this.exitCode = exitCode;
    this.stdout = stdout;
    this.stderr = stderr;
  }
}

/**
 * The only place PatchLoop constructs simple-git. Every command gets the same isolated
 * environment (no prompts, no pager, C locale, no inherited GIT_DIR, hooks off) and a
 * hard timeout; failures become {@link GitError}s naming the command and git's reason.
 */
export function createGit(options: CreateGitOptions): GitRunner {
  fs.mkdirSync(options.baseDir, { recursive: true });
  const env = buildGitEnv(options.baseEnv, options.config);
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const shared = instance(options.baseDir, env, timeoutMs);

  const pick = (runOptions: GitRunOptions | undefined): SimpleGit =>
    runOptions?.env === undefined && runOptions?.timeoutMs === undefined
      ? shared
      : instance(options.baseDir, { ...env, ...runOptions.env }, runOptions.timeoutMs ?? timeoutMs);

  const tryRun = async (args: readonly string[], runOptions?: GitRunOptions): Promise<GitRunResult> => {
    try {
      return { ok: true, stdout: await pick(runOptions).raw([...args]) };
    } catch (error) {
      if (error instanceof GitExitFailure) {
        return { ok: false, exitCode: error.exitCode, stdout: error.stdout, stderr: error.stderr };
      }
      throw toGitError(args, error, runOptions?.timeoutMs ?? timeoutMs);
    }
  };

  return {
    baseDir: options.baseDir,
    tryRun,
    run: async (args, runOptions) => {
      const result = await tryRun(args, runOptions);
      if (result.ok) return result.stdout;
      throw exitToGitError(args, result);
    },
    at: (baseDir) => createGit({ ...options, baseDir }),
  };
}

function instance(baseDir: string, env: Record<string, string>, timeoutMs: number): SimpleGit {
  return simpleGit({
    baseDir,
    // simple-git strips or rejects GIT_* variables it was not told about; these are ours.
    allowEnvironment: Object.keys(env),
    // simple-git guards against untrusted input reaching git. PatchLoop builds every
    // argument itself and these categories are exactly the settings buildGitEnv applies.
    unsafe: {
      allowUnsafeAskPass: true,
      allowUnsafeConfigPaths: true,
      allowUnsafeConfigEnvCount: true,
      allowUnsafeEditor: true,
      allowUnsafePager: true,
      allowUnsafeHooksPath: true,
      allowUnsafeSshCommand: true,
    },
    // An absolute limit: output does not extend it, so a chatty hung fetch still ends.
    timeout: { block: timeoutMs, stdOut: false, stdErr: false },
    errors: (error, result) => {
      if (error instanceof GitPluginError) return error;
      if (result.exitCode === 0) return error;
      const stderr = Buffer.concat(result.stdErr).toString('utf8');
      return new GitExitFailure(result.exitCode, Buffer.concat(result.stdOut).toString('utf8'), stderr);
    },
  }).env(env);
}

/** Shortens the command for messages; commit messages can be long. */
function describeCommand(args: readonly string[]): string {
  const text = `git ${args.join(' ')}`;
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}

function exitToGitError(
  args: readonly string[],
  result: { exitCode: number; stdout: string; stderr: string },
): GitError {
  const reason = (result.stderr.trim() || result.stdout.trim() || 'no output').slice(0, 2_000);
  if (authFailurePattern.test(reason)) {
    return new GitError(
      `${describeCommand(args)} failed: the remote rejected or asked for credentials. ` +
        `Check the push token or SSH key. git said: ${reason}`,
    );
  }
  return new GitError(`${describeCommand(args)} failed (exit ${result.exitCode}): ${reason}`, {
    retryable: transientFailurePattern.test(reason),
  });
}

function toGitError(args: readonly string[], error: unknown, timeoutMs: number): GitError {
  if (error instanceof GitPluginError && error.plugin === 'timeout') {
    return new GitError(`${describeCommand(args)} timed out after ${timeoutMs} ms and was killed.`, {
      cause: error,
      retryable: true,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new GitError(`${describeCommand(args)} could not run: ${message}`, { cause: error });
}
