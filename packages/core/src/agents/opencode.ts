import { z } from 'zod';
import type { BackendSettings, CliBackend, Invocation, ParsedOutput } from './cli-backend.js';
import { baseCommand, modelArgs, outputFormatOf } from './cli-backend.js';
import type { AgentOutputFormat, AgentRequest, CodingAgent } from './coding-agent.js';
import type { CliAgentDeps } from './create-cli-agent.js';
import { createCliAgent } from './create-cli-agent.js';
import { parseJsonEvents } from './json-output.js';
import { choosePromptTransport, composePrompt, defaultMaxArgvPromptBytes } from './prompt-transport.js';

/**
 * `opencode run` argv (bare `opencode --prompt` starts the TUI and never exits). Edit mode adds
 * `--auto` so permission prompts cannot stall a headless run; plan/review use the read-only `plan`
 * agent. The model must be `provider/model`. A large prompt is piped on stdin instead.
 */
export function buildOpencodeInvocation(request: AgentRequest, settings: BackendSettings): Invocation {
  const { command, prefix } = baseCommand(settings, 'opencode');
  const prompt = composePrompt(request);
  const transport = choosePromptTransport(prompt, settings.maxArgvPromptBytes ?? defaultMaxArgvPromptBytes);
  const format = outputFormatOf(request) === 'json' ? ['--format', 'json'] : [];
  const permissions = request.mode === 'edit' ? ['--auto'] : ['--agent', 'plan'];
  const args = [...prefix, 'run', ...format, ...permissions, ...modelArgs(request, settings)];
  return transport === 'argv' ? { command, args: [...args, prompt] } : { command, args, input: prompt };
}

const OpencodeEvent = z.object({
  type: z.string(),
  part: z.object({ text: z.string().optional() }).optional(),
  error: z
    .object({
      name: z.string().optional(),
      message: z.string().optional(),
      data: z.object({ message: z.string().optional() }).optional(),
    })
    .optional(),
});

/**
 * Reads `opencode run` output. JSON: the answer is the text of the last step that produced text
 * (earlier steps are narration around tool calls); an `error` event is an error. Text: stdout.
 */
export function parseOpencodeOutput(stdout: string, format: AgentOutputFormat): ParsedOutput {
  if (format === 'text') return { kind: 'answer', text: stdout.trim() };
  const events = parseJsonEvents(stdout, OpencodeEvent);
  if (events.length === 0) return { kind: 'unparseable', detail: 'opencode printed no JSON events' };
  let current = '';
  let answer = '';
  for (const event of events) {
    if (event.type === 'step_start') current = '';
    if (event.type === 'text') {
      current += event.part?.text ?? '';
      answer = current;
    }
  }
  const error = events.filter((e) => e.type === 'error').at(-1);
  if (answer.trim() === '' && error !== undefined) {
    const detail = error.error?.data?.message ?? error.error?.message ?? error.error?.name;
    return { kind: 'error', message: detail ?? 'opencode reported an error' };
  }
  return { kind: 'answer', text: answer };
}

const opencodeBackend: CliBackend = {
  name: 'opencode',
  buildInvocation: buildOpencodeInvocation,
  parseOutput: parseOpencodeOutput,
};

/** The opencode CLI (`opencode run`). */
export function createOpencodeAgent(deps: CliAgentDeps): CodingAgent {
  return createCliAgent(opencodeBackend, deps);
}
