import { z } from 'zod';
import type { BackendSettings, CliBackend, Invocation, ParsedOutput } from './cli-backend.js';
import { baseCommand, modelArgs, outputFormatOf } from './cli-backend.js';
import type { AgentOutputFormat, AgentRequest, CodingAgent } from './coding-agent.js';
import type { CliAgentDeps } from './create-cli-agent.js';
import { createCliAgent } from './create-cli-agent.js';
import { parseJsonDocument } from './json-output.js';
import { choosePromptTransport, composePrompt, defaultMaxArgvPromptBytes } from './prompt-transport.js';

/**
 * Gemini CLI argv: `-p <prompt>` (a positional prompt would be interactive), `--output-format`,
 * and `--approval-mode plan` (read-only) or `auto_edit` (edits without prompting, no shell). A large
 * prompt is piped on stdin without `-p`, which gemini also runs non-interactively.
 */
export function buildGeminiInvocation(request: AgentRequest, settings: BackendSettings): Invocation {
  const { command, prefix } = baseCommand(settings, 'gemini');
  const prompt = composePrompt(request);
  const transport = choosePromptTransport(prompt, settings.maxArgvPromptBytes ?? defaultMaxArgvPromptBytes);
  const approval = request.mode === 'edit' ? 'auto_edit' : 'plan';
  const args = [
    ...prefix,
    '--output-format',
    outputFormatOf(request),
    '--approval-mode',
    approval,
    ...modelArgs(request, settings),
  ];
  return transport === 'argv' ? { command, args: [...args, '-p', prompt] } : { command, args, input: prompt };
}

const GeminiOutput = z.object({
  response: z.string().nullable().optional(),
  error: z
    .object({ type: z.string().optional(), message: z.string().optional(), code: z.unknown().optional() })
    .optional(),
});

/** Reads gemini output. JSON: `{ response }`, or `{ error: { type, message, code } }`. Text: stdout. */
export function parseGeminiOutput(stdout: string, format: AgentOutputFormat): ParsedOutput {
  if (format === 'text') return { kind: 'answer', text: stdout.trim() };
  const parsed = GeminiOutput.safeParse(parseJsonDocument(stdout));
  if (!parsed.success || (parsed.data.response === undefined && parsed.data.error === undefined)) {
    return { kind: 'unparseable', detail: 'gemini printed no JSON response object' };
  }
  if (parsed.data.error !== undefined) {
    const { message, code } = parsed.data.error;
    const suffix = code === undefined ? '' : ` (code ${String(code)})`;
    return { kind: 'error', message: `${message ?? 'gemini reported an error'}${suffix}` };
  }
  return { kind: 'answer', text: parsed.data.response ?? '' };
}

const geminiBackend: CliBackend = {
  name: 'gemini',
  buildInvocation: buildGeminiInvocation,
  parseOutput: parseGeminiOutput,
};

/** Google's Gemini CLI (`gemini -p`). */
export function createGeminiAgent(deps: CliAgentDeps): CodingAgent {
  return createCliAgent(geminiBackend, deps);
}
