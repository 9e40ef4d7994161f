import { describe, expect, it } from 'vitest';
import type { AgentRequest } from './coding-agent.js';
import { buildCursorInvocation, parseCursorOutput } from './cursor.js';

const request = (overrides: Partial<AgentRequest> = {}): AgentRequest => ({
  prompt: 'Fix the bug',
  cwd: '/work/tree',
  mode: 'plan',
  timeoutMs: 60_000,
  ...overrides,
});

describe('buildCursorInvocation', () => {
  it.each([
    ['plan, JSON (default)', request(), ['--print', '--output-format', 'json', '--', 'Fix the bug']],
    [
      'review, text',
      request({ mode: 'review', outputFormat: 'text' }),
      ['--print', '--output-format', 'text', '--', 'Fix the bug'],
    ],
    [
      'edit with a model',
      request({ mode: 'edit', model: 'gpt-5' }),
      ['--print', '--output-format', 'json', '--force', '--model', 'gpt-5', '--', 'Fix the bug'],
    ],
  ])('builds argv for %s', (_name, req, args) => {
    expect(buildCursorInvocation(req, { parentEnv: {} })).toEqual({ command: 'cursor-agent', args });
  });

  it('passes a prompt of exactly the byte limit as an argument', () => {
    const invocation = buildCursorInvocation(request({ prompt: '修'.repeat(10) }), {
      parentEnv: {},
      maxArgvPromptBytes: 30,
    });

    expect(invocation.args.at(-1)).toBe('修'.repeat(10));
  });

  it('refuses a prompt over the byte limit because cursor-agent has no stdin mode', () => {
    const build = () =>
      buildCursorInvocation(request({ prompt: '修'.repeat(11) }), { parentEnv: {}, maxArgvPromptBytes: 30 });

    expect(build).toThrow(
      'The prompt is 33 bytes; cursor-agent takes it only as an argument (limit 30 bytes).',
    );
  });
});

describe('parseCursorOutput', () => {
  it('reads the result of the JSON result object', () => {
    const output =
      '{"type":"result","subtype":"success","is_error":false,"duration_ms":5140,"result":"Renamed the helper.","session_id":"c6b6"}';

    expect(parseCursorOutput(output, 'json')).toEqual({ kind: 'answer', text: 'Renamed the helper.' });
  });

  it('reports is_error as an error', () => {
    const output = '{"type":"result","subtype":"error","is_error":true,"result":"Not logged in"}';

    expect(parseCursorOutput(output, 'json')).toEqual({ kind: 'error', message: 'Not logged in' });
  });

  it('calls non-JSON output unparseable in JSON mode', () => {
    expect(parseCursorOutput('Press any key', 'json').kind).toBe('unparseable');
  });
});
