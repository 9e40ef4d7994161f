import type { AgentOutputFormat, AgentRequest } from './coding-agent.js';

/** Per-backend settings, resolved from config by the composition root. */
export interface BackendSettings {
  /**
   * The program to run, split into words (`CLI_<NAME>_COMMAND`): the executable plus any wrapper
   * words (`npx codex`, `/opt/bin/claude`). PatchLoop appends the subcommand and flags itself.
   */
  readonly command?: readonly string[];
  /** The setting an operator edits to fix the command; defaults to `CLI_<NAME>_COMMAND`. */
  readonly commandSetting?: string;
  /** The daemon's environment; each agent filters it with `buildAgentEnvironment` before spawning. */
  readonly parentEnv: Readonly<Record<string, string | undefined>>;
  /** Extra variable names the CLI may receive (never GitHub or PatchLoop secrets). */
  readonly envPassthrough?: readonly string[];
  /**
   * Overrides the flag placed before the model (`CLI_<NAME>_MODEL_FLAG`); built-in backends default
   * to `--model`, the custom backend passes no model without it.
   */
  readonly modelFlag?: string;
  /** Largest prompt, in UTF-8 bytes, passed as an argument rather than on stdin. */
  readonly maxArgvPromptBytes?: number;
  /** Per-stream output capture cap in bytes. */
  readonly maxOutputBytes?: number;
}

/** The child process a backend wants to run for one request. */
export interface Invocation {
  readonly command: string;
  readonly args: readonly string[];
  /** Sent on stdin; absent means an empty stdin. */
  readonly input?: string;
}

/** What a backend read out of the CLI's stdout. */
export type ParsedOutput =
  | { readonly kind: 'answer'; readonly text: string }
  /** The CLI reported an error in its structured output (claude `is_error`, codex `turn.failed`...). */
  | { readonly kind: 'error'; readonly message: string }
  | { readonly kind: 'unparseable'; readonly detail: string };

/** The pure half of a backend: argv building and output parsing, glued to a runner by `createCliAgent`. */
export interface CliBackend {
  readonly name: string;
  buildInvocation(request: AgentRequest, settings: BackendSettings): Invocation;
  /** Parses ANSI-free stdout printed in the given format. */
  parseOutput(stdout: string, format: AgentOutputFormat): ParsedOutput;
}

/** The base command words: the configured command, else the CLI's usual binary name. */
export function baseCommand(
  settings: BackendSettings,
  binary: string,
): { readonly command: string; readonly prefix: readonly string[] } {
  const words = settings.command !== undefined && settings.command.length > 0 ? settings.command : [binary];
  const [command = binary, ...prefix] = words;
  return { command, prefix };
}

/** The output format a request asks for; JSON unless it says text. */
export function outputFormatOf(request: AgentRequest): AgentOutputFormat {
  return request.outputFormat ?? 'json';
}

/** `[flag, model]` when a model is requested (flag: the configured one, else `--model`), else nothing. */
export function modelArgs(
  request: AgentRequest,
  settings: Pick<BackendSettings, 'modelFlag'>,
): readonly string[] {
  const flag = settings.modelFlag ?? '--model';
  return request.model === undefined || request.model === '' ? [] : [flag, request.model];
}
