import { z } from 'zod';
import { AppError } from '../errors/app-error.js';
import type { BackendSettings, CliBackend, Invocation, ParsedOutput } from './cli-backend.js';
import { baseCommand, modelArgs, outputFormatOf } from './cli-backend.js';
import type { AgentOutputFormat, AgentRequest, CodingAgent } from './coding-agent.js';
import type { CliAgentDeps } from './create-cli-agent.js';
import { createCliAgent } from './create-cli-agent.js';
import { parseJsonDocument } from './json-output.js';
import { composePrompt, defaultMaxArgvPromptBytes } from './prompt-transport.js';

/**
 * Cursor's headless agent CLI (`cursor-agent`, NOT the `cursor` editor launcher) argv:
 * `--print --output-format <fmt> [--force] [--model m] -- <prompt>`. UNVERIFIED here (the CLI is
 * not on npm). It has no known stdin mode, so a prompt over the argv budget is refused.
 */
export function buildCursorInvocation(request: AgentRequest, settings: BackendSettings): Invocation {
  const { command, prefix } = baseCommand(settings, 'cursor-agent');
  const prompt = composePrompt(request);
  const limit = settings.maxArgvPromptBytes ?? defaultMaxArgvPromptBytes;
  const bytes = Buffer.byteLength(prompt, 'utf8');
  if (bytes > limit) {
    throw new AppError(
      'AGENT_PROMPT_TOO_LARGE',
      `The prompt is ${bytes} bytes; cursor-agent takes it only as an argument (limit ${limit} bytes). ` +
        'Use another backend for large prompts or shorten the context.',
    );
  }
  const force = request.mode === 'edit' ? ['--force'] : [];
  return {
    command,
    args: [
      ...prefix,
      '--print',
      '--output-format',
      outputFormatOf(request),
      ...force,
      ...modelArgs(request, settings),
      // "--" keeps a prompt that starts with "-" from being read as a flag.
      '--',
      prompt,
    ],
  };
}

const CursorResult = z.object({
  type: z.string().optional(),
  is_error: z.boolean().optional(),
  result: z.string().optional(),
});

/** Reads cursor-agent output. JSON: one `{ type: "result", is_error, result }` object. Text: stdout. */
export function parseCursorOutput(stdout: string, format: AgentOutputFormat): ParsedOutput {
  if (format === 'text') return { kind: 'answer', text: stdout.trim() };
  const parsed = CursorResult.safeParse(parseJsonDocument(stdout));
  if (!parsed.success) return { kind: 'unparseable', detail: 'cursor-agent printed no result object' };
  if (parsed.data.is_error === true) {
    return { kind: 'error', message: parsed.data.result ?? 'cursor-agent reported an error' };
  }
  return { kind: 'answer', text: parsed.data.result ?? '' };
}

const cursorBackend: CliBackend = {
  name: 'cursor',
  buildInvocation: buildCursorInvocation,
  parseOutput: parseCursorOutput,
};

/** Cursor's headless agent CLI (`cursor-agent --print`). */
export function createCursorAgent(deps: CliAgentDeps): CodingAgent {
  return createCliAgent(cursorBackend, deps);
}
