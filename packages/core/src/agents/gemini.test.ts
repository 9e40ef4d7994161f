import { describe, expect, it } from 'vitest';
import type { AgentRequest } from './coding-agent.js';
import { buildGeminiInvocation, parseGeminiOutput } from './gemini.js';

const request = (overrides: Partial<AgentRequest> = {}): AgentRequest => ({
  prompt: 'Fix the bug',
  cwd: '/work/tree',
  mode: 'plan',
  timeoutMs: 60_000,
  ...overrides,
});

describe('buildGeminiInvocation', () => {
  it.each([
    [
      'plan, JSON (default)',
      request(),
      ['--output-format', 'json', '--approval-mode', 'plan', '-p', 'Fix the bug'],
    ],
    [
      'review, text',
      request({ mode: 'review', outputFormat: 'text' }),
      ['--output-format', 'text', '--approval-mode', 'plan', '-p', 'Fix the bug'],
    ],
    [
      'edit with a model',
      request({ mode: 'edit', model: 'gemini-2.5-pro' }),
      [
        '--output-format',
        'json',
        '--approval-mode',
        'auto_edit',
        '--model',
        'gemini-2.5-pro',
        '-p',
        'Fix the bug',
      ],
    ],
  ])('builds argv for %s', (_name, req, args) => {
    expect(buildGeminiInvocation(req, { parentEnv: {} })).toEqual({ command: 'gemini', args });
  });

  it('pipes a prompt over the byte limit on stdin, without -p', () => {
    const invocation = buildGeminiInvocation(request({ prompt: 'x'.repeat(101) }), {
      parentEnv: {},
      maxArgvPromptBytes: 100,
    });

    expect(invocation).toEqual({
      command: 'gemini',
      args: ['--output-format', 'json', '--approval-mode', 'plan'],
      input: 'x'.repeat(101),
    });
  });
});

describe('parseGeminiOutput', () => {
  it('reads response from the JSON object', () => {
    const output = '{"session_id":"2b7c","response":"PONG-FAKE","stats":{"models":{},"tools":{},"files":{}}}';

    expect(parseGeminiOutput(output, 'json')).toEqual({ kind: 'answer', text: 'PONG-FAKE' });
  });

  it('reports the error object with its code', () => {
    const output =
      '{"session_id":"2b7d","error":{"type":"Error","message":"Invalid auth method selected.","code":41}}';

    expect(parseGeminiOutput(output, 'json')).toEqual({
      kind: 'error',
      message: 'Invalid auth method selected. (code 41)',
    });
  });

  it('skips a warning line printed before the JSON document', () => {
    const output = 'Warning: 256-color support not detected.\n{"session_id":"2b7e","response":"ok"}';

    expect(parseGeminiOutput(output, 'json')).toEqual({ kind: 'answer', text: 'ok' });
  });

  it('calls non-JSON output unparseable in JSON mode', () => {
    expect(parseGeminiOutput('Loaded cached credentials.', 'json').kind).toBe('unparseable');
  });
});
