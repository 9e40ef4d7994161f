import type { AgentRequest } from './coding-agent.js';

/**
 * Default byte budget for a prompt passed as one argv element. Linux caps a single argument at
 * 128 KiB (MAX_ARG_STRLEN) and the whole argv+env at ARG_MAX; stay well below both.
 */
export const defaultMaxArgvPromptBytes = 100_000;

/** How the prompt reaches the CLI. */
export type PromptTransport = 'argv' | 'stdin';

/** The text the CLI receives: the system prompt (if any), a blank line, then the prompt. */
export function composePrompt(request: Pick<AgentRequest, 'prompt' | 'systemPrompt'>): string {
  const system = request.systemPrompt?.trim() ?? '';
  return system === '' ? request.prompt : `${system}\n\n${request.prompt}`;
}

/**
 * Picks argv when the prompt fits the byte budget (measured in UTF-8 BYTES, not characters: 50 000
 * CJK characters are 150 KB) and does not start with "-" (a CLI would read it as a flag); else stdin.
 */
export function choosePromptTransport(prompt: string, maxArgvBytes: number): PromptTransport {
  if (prompt.startsWith('-')) return 'stdin';
  return Buffer.byteLength(prompt, 'utf8') <= maxArgvBytes ? 'argv' : 'stdin';
}
