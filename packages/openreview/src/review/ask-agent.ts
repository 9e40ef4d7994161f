import type { CodingAgent } from '@patchloop/core';
import type { BuiltPrompt } from '../prompts/prompt-parts.js';
import type { ReplyKind } from '../publish/format-reply.js';
import { formatReply } from '../publish/format-reply.js';
import type { Answer } from './answer.js';

/** One read-only CLI call for a reply. */
export interface AskAgentInput {
  readonly agent: CodingAgent;
  readonly prompt: BuiltPrompt;
  readonly cwd: string;
  readonly timeoutMs: number;
  readonly kind: ReplyKind;
  readonly maxLength: number;
  readonly signal: AbortSignal;
}

/**
 * Runs the coding CLI in review (read-only) mode and formats its answer. A failed call, or an answer
 * that formats to nothing, is `failed` so the queue retries it; nothing empty is ever posted.
 */
export async function askAgent(input: AskAgentInput): Promise<Answer> {
  const outcome = await input.agent.run(
    {
      prompt: input.prompt.prompt,
      systemPrompt: input.prompt.systemPrompt,
      cwd: input.cwd,
      mode: 'review',
      timeoutMs: input.timeoutMs,
    },
    input.signal,
  );
  if (outcome.kind !== 'completed') return { kind: 'failed', reason: `coding CLI ${outcome.kind}` };
  const body = formatReply({ kind: input.kind, text: outcome.output, maxLength: input.maxLength });
  return body === undefined
    ? { kind: 'failed', reason: 'the coding CLI answered nothing usable' }
    : { kind: 'reply', body };
}
