import type { ProcessResult } from '../process/process-runner.js';
import { classifyFailure } from './classify-failure.js';
import type { ParsedOutput } from './cli-backend.js';
import type { AgentFailureReason, AgentOutcome } from './coding-agent.js';
import { stripAnsi } from './strip-ansi.js';

/** What `toAgentOutcome` needs besides the process result. */
export interface OutcomeContext {
  readonly backend: string;
  readonly model: string | undefined;
  /** The setting reported by `not_installed`. */
  readonly commandSetting: string;
  /** The prompt that was sent: removed from output before classifying, because codex echoes it to stderr. */
  readonly prompt: string;
  readonly parse: (stdout: string) => ParsedOutput;
}

/** How much of a stream's end an outcome keeps. */
export const outputTailChars = 2_000;

/**
 * Maps a finished child process to an agent outcome (pure): strips ANSI, parses the answer, treats
 * an empty answer as a failure, and classifies auth/quota/rate-limit failures from BOTH streams.
 */
export function toAgentOutcome(result: ProcessResult, context: OutcomeContext): AgentOutcome {
  const who = { backend: context.backend, model: context.model };
  switch (result.kind) {
    case 'not_found':
      return { ...who, kind: 'not_installed', command: result.command, setting: context.commandSetting };
    case 'cancelled':
      return { ...who, kind: 'cancelled' };
    case 'timed_out':
      return {
        ...who,
        kind: 'timed_out',
        limit: result.limit,
        durationMs: result.durationMs,
        stdoutTail: tail(stripAnsi(result.stdout)),
        stderrTail: tail(stripAnsi(result.stderr)),
      };
    case 'exited':
      return fromExit(result, context);
    default:
      return assertNever(result);
  }
}

function fromExit(result: Extract<ProcessResult, { kind: 'exited' }>, context: OutcomeContext): AgentOutcome {
  const stdout = stripAnsi(result.stdout);
  const stderr = stripAnsi(result.stderr);
  const parsed = context.parse(stdout);
  const failed = (reason: AgentFailureReason, errorText: string): AgentOutcome => ({
    backend: context.backend,
    model: context.model,
    kind: 'failed',
    reason,
    exitCode: result.exitCode,
    stderrTail: tail(errorText.trim()),
    durationMs: result.durationMs,
  });
  const evidence = withoutPrompt(
    [parsed.kind === 'error' ? parsed.message : '', stderr, stdout].join('\n'),
    context.prompt,
  );
  const errorText = stderr.trim() !== '' ? stderr : parsed.kind === 'error' ? parsed.message : stdout;

  if (result.exitCode !== 0) return failed(classifyFailure(evidence) ?? 'exit_code', errorText);
  if (parsed.kind === 'error') {
    return failed(classifyFailure(evidence) ?? 'exit_code', parsed.message);
  }
  if (parsed.kind === 'unparseable') {
    return failed(classifyFailure(evidence) ?? 'unparseable', `${parsed.detail}\n${errorText}`);
  }
  const output = parsed.text.trim();
  if (output === '') return failed(classifyFailure(evidence) ?? 'empty_output', errorText);
  return {
    backend: context.backend,
    model: context.model,
    kind: 'completed',
    output,
    durationMs: result.durationMs,
  };
}

function withoutPrompt(text: string, prompt: string): string {
  return prompt.trim() === '' ? text : text.split(prompt).join('');
}

function tail(text: string): string {
  return text.length <= outputTailChars ? text : text.slice(-outputTailChars);
}

function assertNever(value: never): never {
  throw new Error(`Unexpected process result: ${JSON.stringify(value)}`);
}
