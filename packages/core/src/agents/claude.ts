import { z } from 'zod';
import type { BackendSettings, CliBackend, Invocation, ParsedOutput } from './cli-backend.js';
import { baseCommand, modelArgs, outputFormatOf } from './cli-backend.js';
import type { AgentOutputFormat, AgentRequest, CodingAgent } from './coding-agent.js';
import type { CliAgentDeps } from './create-cli-agent.js';
import { createCliAgent } from './create-cli-agent.js';
import { parseJsonDocument } from './json-output.js';
import { choosePromptTransport, composePrompt, defaultMaxArgvPromptBytes } from './prompt-transport.js';

/**
 * Claude Code argv: `-p` (print mode) with `--output-format json|text`; `--permission-mode plan`
 * keeps plan/review read-only and `acceptEdits` lets edit mode change files without prompting.
 * The prompt is the positional argument, or stdin when too large.
 */
export function buildClaudeInvocation(request: AgentRequest, settings: BackendSettings): Invocation {
  const { command, prefix } = baseCommand(settings, 'claude');
  const prompt = composePrompt(request);
  const transport = choosePromptTransport(prompt, settings.maxArgvPromptBytes ?? defaultMaxArgvPromptBytes);
  const permission = request.mode === 'edit' ? 'acceptEdits' : 'plan';
  const args = [
    ...prefix,
    '-p',
    '--output-format',
    outputFormatOf(request),
    '--permission-mode',
    permission,
    ...modelArgs(request, settings),
  ];
  return transport === 'argv' ? { command, args: [...args, prompt] } : { command, args, input: prompt };
}

const ClaudeResult = z.object({
  type: z.string(),
  subtype: z.string().optional(),
  is_error: z.boolean().optional(),
  result: z.string().optional(),
  api_error_status: z.number().nullable().optional(),
});

/**
 * Reads `claude -p` output. JSON: one `{ type: "result", is_error, result }` object (an array of
 * messages ending with it is accepted too); `is_error` makes it an error. Text: stdout, where
 * claude also prints its API errors (the exit code tells them apart).
 */
export function parseClaudeOutput(stdout: string, format: AgentOutputFormat): ParsedOutput {
  if (format === 'text') return { kind: 'answer', text: stdout.trim() };
  const document = parseJsonDocument(stdout);
  const candidates = Array.isArray(document) ? document : [document];
  const results = candidates.flatMap((value: unknown) => {
    const parsed = ClaudeResult.safeParse(value);
    return parsed.success && parsed.data.type === 'result' ? [parsed.data] : [];
  });
  const result = results.at(-1);
  if (result === undefined) return { kind: 'unparseable', detail: 'claude printed no result object' };
  if (result.is_error === true) {
    const status = result.api_error_status == null ? '' : ` (status ${result.api_error_status})`;
    return {
      kind: 'error',
      message: `${result.result ?? result.subtype ?? 'claude reported an error'}${status}`,
    };
  }
  return { kind: 'answer', text: result.result ?? '' };
}

const claudeBackend: CliBackend = {
  name: 'claude',
  buildInvocation: buildClaudeInvocation,
  parseOutput: parseClaudeOutput,
};

/** Anthropic's Claude Code CLI (`claude -p`). */
export function createClaudeAgent(deps: CliAgentDeps): CodingAgent {
  return createCliAgent(claudeBackend, deps);
}
