/** What to run and under which limits. `env` is the child's whole environment (nothing is inherited). */
export interface ProcessRunOptions {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  /** Written to the child's stdin, which is then closed. Without it stdin is empty (never inherited). */
  readonly input?: string;
  /** Hard limit on the whole run. */
  readonly timeoutMs: number;
  /** Kill the child when neither stdout nor stderr produced a byte for this long. */
  readonly idleTimeoutMs?: number;
  /** Aborting kills the child and yields `cancelled`. */
  readonly signal?: AbortSignal;
  /** Per-stream capture cap in bytes; the newest bytes are kept, because CLIs print their answer last. */
  readonly maxOutputBytes?: number;
}

/** Which limit ended a run early: the overall deadline or the no-output watchdog. */
export type TimeoutLimit = 'total' | 'idle';

/**
 * How a child process ended. Expected endings are values, never exceptions:
 * a non-zero exit, a timeout, a missing binary and a cancellation are all normal for a coding CLI.
 */
export type ProcessResult =
  | {
      readonly kind: 'exited';
      /** The exit code, or 128 + signal number when something else killed the child. */
      readonly exitCode: number;
      /** The signal that killed the child, if any. */
      readonly signal: string | undefined;
      readonly stdout: string;
      readonly stderr: string;
      readonly durationMs: number;
      /** True when either stream went over `maxOutputBytes` and lost its oldest bytes. */
      readonly truncated: boolean;
    }
  | {
      readonly kind: 'timed_out';
      readonly limit: TimeoutLimit;
      readonly stdout: string;
      readonly stderr: string;
      readonly durationMs: number;
    }
  | { readonly kind: 'not_found'; readonly command: string }
  | { readonly kind: 'cancelled'; readonly durationMs: number };

/** The port every child process goes through; the only implementation wraps execa. */
export interface ProcessRunner {
  /** Runs one command to completion. Throws only for bugs and unusable input (e.g. a missing `cwd`). */
  run(options: ProcessRunOptions): Promise<ProcessResult>;
}
