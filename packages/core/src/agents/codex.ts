import { z } from 'zod';
import type { BackendSettings, CliBackend, Invocation, ParsedOutput } from './cli-backend.js';
import { baseCommand, modelArgs, outputFormatOf } from './cli-backend.js';
import type { AgentOutputFormat, AgentRequest, CodingAgent } from './coding-agent.js';
import type { CliAgentDeps } from './create-cli-agent.js';
import { createCliAgent } from './create-cli-agent.js';
import { parseJsonEvents } from './json-output.js';
import { composePrompt } from './prompt-transport.js';

/**
 * `codex exec` argv. The prompt always goes on stdin (`-`): codex reads stdin whenever it is not a
 * TTY anyway, and stdin has no size limit. Plan/review run in codex's `read-only` sandbox, edit in
 * `workspace-write`; `--json` prints JSONL events.
 */
export function buildCodexInvocation(request: AgentRequest, settings: BackendSettings): Invocation {
  const { command, prefix } = baseCommand(settings, 'codex');
  const sandbox = request.mode === 'edit' ? 'workspace-write' : 'read-only';
  const json = outputFormatOf(request) === 'json' ? ['--json'] : [];
  return {
    command,
    args: [
      ...prefix,
      'exec',
      '--skip-git-repo-check',
      '--sandbox',
      sandbox,
      '--cd',
      request.cwd,
      ...json,
      ...modelArgs(request, settings),
      '-',
    ],
    input: composePrompt(request),
  };
}

const CodexEvent = z.object({
  type: z.string(),
  item: z.object({ type: z.string(), text: z.string().optional() }).optional(),
  error: z.object({ message: z.string() }).optional(),
  message: z.string().optional(),
});

/**
 * Reads codex output. JSON: the last `item.completed` agent message is the answer; `turn.failed`
 * (or only `error` events) is an error. Text: stdout is the final message (the banner goes to stderr).
 */
export function parseCodexOutput(stdout: string, format: AgentOutputFormat): ParsedOutput {
  if (format === 'text') return { kind: 'answer', text: stdout.trim() };
  const events = parseJsonEvents(stdout, CodexEvent);
  if (events.length === 0) return { kind: 'unparseable', detail: 'codex printed no JSON events' };
  const messages = events.filter((e) => e.type === 'item.completed' && e.item?.type === 'agent_message');
  const answer = messages.at(-1)?.item?.text;
  const failure = events.find((e) => e.type === 'turn.failed');
  if (failure !== undefined) {
    return { kind: 'error', message: failure.error?.message ?? failure.message ?? 'codex turn failed' };
  }
  if (answer !== undefined) return { kind: 'answer', text: answer };
  const lastError = events.filter((e) => e.type === 'error').at(-1);
  if (lastError !== undefined)
    return { kind: 'error', message: lastError.message ?? 'codex reported an error' };
  return { kind: 'answer', text: '' };
}

const codexBackend: CliBackend = {
  name: 'codex',
  buildInvocation: buildCodexInvocation,
  parseOutput: parseCodexOutput,
};

/** The OpenAI Codex CLI (`codex exec`). */
export function createCodexAgent(deps: CliAgentDeps): CodingAgent {
  return createCliAgent(codexBackend, deps);
}
