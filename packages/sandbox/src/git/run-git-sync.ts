import { spawnSync } from 'node:child_process';

/** Where and how a fixture git command runs. */
export interface RunGitSyncOptions {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  /** Bytes written to git's stdin (fast-import streams). */
  readonly input?: string;
}

/** Exit status and stdout of a fixture git command. */
export interface GitSyncResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs git synchronously for fixtures and reports its exit status instead of throwing, for
 * queries where a non-zero exit means "absent" (a missing branch or file).
 */
export function tryRunGitSync(args: readonly string[], options: RunGitSyncOptions): GitSyncResult {
  const result = spawnSync('git', [...args], {
    cwd: options.cwd,
    env: { ...options.env },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    ...(options.input === undefined ? {} : { input: options.input }),
  });
  if (result.error) {
    throw new Error(`Fixture command "git ${args.join(' ')}" could not start: ${result.error.message}`, {
      cause: result.error,
    });
  }
  return { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Runs git synchronously for fixtures and returns stdout. Fixtures favour speed and
 * simplicity over the production runner's guards; a failure throws with git's stderr.
 */
export function runGitSync(args: readonly string[], options: RunGitSyncOptions): string {
  const result = tryRunGitSync(args, options);
  if (result.status !== 0) {
    const reason = result.stderr.trim() || `exit code ${result.status}`;
    throw new Error(`Fixture command "git ${args.join(' ')}" failed: ${reason}`);
  }
  return result.stdout;
}
