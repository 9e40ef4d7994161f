import { describe, expect, it } from 'vitest';
import { buildClaudeInvocation, parseClaudeOutput } from './claude.js';
import type { AgentRequest } from './coding-agent.js';

const request = (overrides: Partial<AgentRequest> = {}): AgentRequest => ({
  prompt: 'Fix the bug',
  cwd: '/work/tree',
  mode: 'plan',
  timeoutMs: 60_000,
  ...overrides,
});

describe('buildClaudeInvocation', () => {
  it.each([
    [
      'plan, JSON (default)',
      request(),
      ['-p', '--output-format', 'json', '--permission-mode', 'plan', 'Fix the bug'],
    ],
    [
      'review, text',
      request({ mode: 'review', outputFormat: 'text' }),
      ['-p', '--output-format', 'text', '--permission-mode', 'plan', 'Fix the bug'],
    ],
    [
      'edit with a model',
      request({ mode: 'edit', model: 'sonnet' }),
      [
        '-p',
        '--output-format',
        'json',
        '--permission-mode',
        'acceptEdits',
        '--model',
        'sonnet',
        'Fix the bug',
      ],
    ],
  ])('builds argv for %s', (_name, req, args) => {
    expect(buildClaudeInvocation(req, { parentEnv: {} })).toEqual({ command: 'claude', args });
  });

  it('pipes a prompt over the byte limit on stdin', () => {
    const invocation = buildClaudeInvocation(request({ prompt: 'x'.repeat(101) }), {
      parentEnv: {},
      maxArgvPromptBytes: 100,
    });

    expect(invocation).toEqual({
      command: 'claude',
      args: ['-p', '--output-format', 'json', '--permission-mode', 'plan'],
      input: 'x'.repeat(101),
    });
  });
});

const success =
  '{"type":"result","subtype":"success","is_error":false,"duration_ms":2281,"duration_api_ms":2100,"num_turns":1,' +
  '"result":"PONG-FAKE","stop_reason":"end_turn","session_id":"9c1e","total_cost_usd":0.0012,' +
  '"usage":{"input_tokens":12,"output_tokens":4},"modelUsage":{},"permission_denials":[],"api_error_status":null}';
const authError =
  '{"type":"result","subtype":"success","is_error":true,"api_error_status":401,"duration_ms":412,' +
  '"result":"Failed to authenticate. API Error: 401 {\\"type\\":\\"error\\",\\"error\\":{\\"type\\":\\"authentication_error\\",\\"message\\":\\"invalid x-api-key\\"}}",' +
  '"session_id":"9c1f","total_cost_usd":0}';

describe('parseClaudeOutput', () => {
  it('reads result from the JSON result object', () => {
    expect(parseClaudeOutput(success, 'json')).toEqual({ kind: 'answer', text: 'PONG-FAKE' });
  });

  it('accepts a message array that ends with the result object', () => {
    const output = `[{"type":"system","subtype":"init"},{"type":"assistant","message":{}},${success}]`;

    expect(parseClaudeOutput(output, 'json')).toEqual({ kind: 'answer', text: 'PONG-FAKE' });
  });

  it('reports is_error as an error carrying the API status', () => {
    const parsed = parseClaudeOutput(authError, 'json');

    expect(parsed.kind).toBe('error');
    expect(parsed.kind === 'error' && parsed.message).toMatch(/^Failed to authenticate\. .* \(status 401\)$/);
  });

  it('calls output without a result object unparseable', () => {
    expect(parseClaudeOutput('{"type":"system"}', 'json').kind).toBe('unparseable');
  });
});
