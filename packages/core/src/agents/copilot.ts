import { z } from 'zod';
import type { BackendSettings, CliBackend, Invocation, ParsedOutput } from './cli-backend.js';
import { baseCommand, modelArgs, outputFormatOf } from './cli-backend.js';
import type { AgentOutputFormat, AgentRequest, CodingAgent } from './coding-agent.js';
import type { CliAgentDeps } from './create-cli-agent.js';
import { createCliAgent } from './create-cli-agent.js';
import { parseJsonEvents } from './json-output.js';
import { choosePromptTransport, composePrompt, defaultMaxArgvPromptBytes } from './prompt-transport.js';

/**
 * GitHub Copilot CLI argv: `-p <prompt>` (or the prompt piped on stdin with no `-p`, which copilot
 * runs non-interactively), `-s` for answer-only text or `--output-format json` for JSONL,
 * `--no-ask-user` so it never waits for a human, and `--allow-all-tools` only in edit mode.
 */
export function buildCopilotInvocation(request: AgentRequest, settings: BackendSettings): Invocation {
  const { command, prefix } = baseCommand(settings, 'copilot');
  const prompt = composePrompt(request);
  const transport = choosePromptTransport(prompt, settings.maxArgvPromptBytes ?? defaultMaxArgvPromptBytes);
  const format = outputFormatOf(request) === 'json' ? ['--output-format', 'json'] : ['-s'];
  const tools = request.mode === 'edit' ? ['--allow-all-tools'] : [];
  const args = [...prefix, ...format, '--no-ask-user', ...tools, ...modelArgs(request, settings)];
  return transport === 'argv' ? { command, args: [...args, '-p', prompt] } : { command, args, input: prompt };
}

// Copilot's JSONL events carry their payload either at the top level or under `data`.
const CopilotPayload = z.object({ content: z.string().optional(), message: z.string().optional() });
const CopilotEvent = CopilotPayload.extend({ type: z.string(), data: CopilotPayload.optional() });

/**
 * Reads copilot output. JSON: the last non-empty `assistant.message` content is the answer; an
 * `error` event without any answer is an error. Text: stdout (with `-s`) is the answer.
 */
export function parseCopilotOutput(stdout: string, format: AgentOutputFormat): ParsedOutput {
  if (format === 'text') return { kind: 'answer', text: stdout.trim() };
  const events = parseJsonEvents(stdout, CopilotEvent);
  if (events.length === 0) return { kind: 'unparseable', detail: 'copilot printed no JSON events' };
  const answers = events
    .filter((e) => e.type === 'assistant.message')
    .map((e) => e.data?.content ?? e.content ?? '')
    .filter((text) => text.trim() !== '');
  const answer = answers.at(-1);
  if (answer !== undefined) return { kind: 'answer', text: answer };
  const error = events.filter((e) => e.type.endsWith('error')).at(-1);
  if (error !== undefined) {
    return { kind: 'error', message: error.data?.message ?? error.message ?? 'copilot reported an error' };
  }
  return { kind: 'answer', text: '' };
}

const copilotBackend: CliBackend = {
  name: 'copilot',
  buildInvocation: buildCopilotInvocation,
  parseOutput: parseCopilotOutput,
};

/** The GitHub Copilot CLI (`copilot -p`). */
export function createCopilotAgent(deps: CliAgentDeps): CodingAgent {
  return createCliAgent(copilotBackend, deps);
}
