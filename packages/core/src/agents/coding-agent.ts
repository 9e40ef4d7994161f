import type { TimeoutLimit } from '../process/process-runner.js';

/** What the agent may do: `plan` and `review` are read-only (enforced by CLI flags), `edit` may change files. */
export type AgentMode = 'plan' | 'edit' | 'review';

/** How the CLI is asked to print: `json` (default) where the CLI has a structured mode, else `text`. */
export type AgentOutputFormat = 'text' | 'json';

/** One call to a coding CLI. */
export interface AgentRequest {
  readonly prompt: string;
  /** Prepended to the prompt (no CLI offers a portable system-prompt channel). */
  readonly systemPrompt?: string;
  /** The directory the CLI runs in: the repository for plans, the task's worktree for edits. */
  readonly cwd: string;
  /** The model to ask for; absent means the CLI's own default. */
  readonly model?: string;
  readonly mode: AgentMode;
  readonly timeoutMs: number;
  /** Kill the CLI after this long without any output. */
  readonly idleTimeoutMs?: number;
  readonly outputFormat?: AgentOutputFormat;
}

/**
 * Why a CLI call failed. `auth`, `quota` and `rate_limit` are read from the CLI's own error text;
 * `exit_code` is any other failure the CLI reported; `prompt_too_large` means the prompt fits neither
 * argv nor (for this CLI) stdin.
 */
export type AgentFailureReason =
  | 'auth'
  | 'quota'
  | 'rate_limit'
  | 'empty_output'
  | 'exit_code'
  | 'unparseable'
  | 'prompt_too_large';

/** One candidate tried (or skipped) by the failover agent, for logs and failure summaries. */
export interface AgentAttempt {
  readonly backend: string;
  readonly model: string | undefined;
  readonly kind: AgentOutcome['kind'] | 'skipped_cooldown';
  readonly reason?: AgentFailureReason;
}

interface OutcomeBase {
  /** The backend that produced this outcome (`codex`, `custom`, ...). */
  readonly backend: string;
  /** The model requested, or undefined for the CLI's default. */
  readonly model: string | undefined;
  /** Set by the failover agent: every candidate it tried or skipped, in order. */
  readonly attempts?: readonly AgentAttempt[];
}

/**
 * How a CLI call ended. Agents never throw for these: a failing, hanging or missing CLI is an
 * expected outcome the caller branches on (and the failover agent acts on).
 */
export type AgentOutcome =
  | (OutcomeBase & { readonly kind: 'completed'; readonly output: string; readonly durationMs: number })
  | (OutcomeBase & {
      readonly kind: 'failed';
      readonly reason: AgentFailureReason;
      /** The CLI's exit code; 0 when it exited cleanly but its answer was empty or an error. */
      readonly exitCode: number;
      /** The end of the CLI's error text, ANSI-free (stdout when stderr is empty: claude prints errors there). */
      readonly stderrTail: string;
      readonly durationMs: number;
    })
  | (OutcomeBase & {
      readonly kind: 'timed_out';
      readonly limit: TimeoutLimit;
      readonly durationMs: number;
      readonly stdoutTail: string;
      readonly stderrTail: string;
    })
  | (OutcomeBase & { readonly kind: 'cancelled' })
  | (OutcomeBase & {
      readonly kind: 'not_installed';
      /** The executable that was not found. */
      readonly command: string;
      /** The setting to fix, e.g. `CLI_CODEX_COMMAND` or `PRIMARY_CLI_COMMAND`. */
      readonly setting: string;
    });

/** A coding CLI behind one interface; `run` resolves with an outcome and never throws for CLI failures. */
export interface CodingAgent {
  readonly name: string;
  run(request: AgentRequest, signal?: AbortSignal): Promise<AgentOutcome>;
}
