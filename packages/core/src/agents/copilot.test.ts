import { describe, expect, it } from 'vitest';
import type { AgentRequest } from './coding-agent.js';
import { buildCopilotInvocation, parseCopilotOutput } from './copilot.js';

const request = (overrides: Partial<AgentRequest> = {}): AgentRequest => ({
  prompt: 'Fix the bug',
  cwd: '/work/tree',
  mode: 'plan',
  timeoutMs: 60_000,
  ...overrides,
});

describe('buildCopilotInvocation', () => {
  it.each([
    ['plan, JSON (default)', request(), ['--output-format', 'json', '--no-ask-user', '-p', 'Fix the bug']],
    [
      'review, text',
      request({ mode: 'review', outputFormat: 'text' }),
      ['-s', '--no-ask-user', '-p', 'Fix the bug'],
    ],
    [
      'edit with a model',
      request({ mode: 'edit', model: 'claude-sonnet-4.5' }),
      [
        '--output-format',
        'json',
        '--no-ask-user',
        '--allow-all-tools',
        '--model',
        'claude-sonnet-4.5',
        '-p',
        'Fix the bug',
      ],
    ],
  ])('builds argv for %s', (_name, req, args) => {
    expect(buildCopilotInvocation(req, { parentEnv: {} })).toEqual({ command: 'copilot', args });
  });

  it('passes a prompt of exactly the byte limit as -p', () => {
    const invocation = buildCopilotInvocation(request({ prompt: 'é'.repeat(50) }), {
      parentEnv: {},
      maxArgvPromptBytes: 100,
    });

    expect(invocation.args.slice(-2)).toEqual(['-p', 'é'.repeat(50)]);
    expect(invocation.input).toBeUndefined();
  });

  it('pipes a prompt one byte over the limit on stdin, without -p', () => {
    const invocation = buildCopilotInvocation(request({ prompt: `${'é'.repeat(50)}!` }), {
      parentEnv: {},
      maxArgvPromptBytes: 100,
    });

    expect(invocation.args).not.toContain('-p');
    expect(invocation.input).toBe(`${'é'.repeat(50)}!`);
  });
});

const jsonRun = [
  '{"type":"session.start","data":{"sessionId":"5e1f","model":"gpt-5"}}',
  '{"type":"assistant.message_delta","data":{"deltaContent":"PONG"}}',
  '{"type":"assistant.message_delta","data":{"deltaContent":"-FAKE"}}',
  '{"type":"assistant.message","data":{"content":"PONG-FAKE","messageId":"m1"}}',
  '{"type":"model.call_final_result","data":{"isByok":true,"result":"success"}}',
  '{"type":"assistant.turn_end","data":{}}',
  '{"type":"assistant.idle","data":{}}',
  '{"type":"result","data":{"exitCode":0}}',
].join('\n');

describe('parseCopilotOutput', () => {
  it('takes the last assistant.message content as the answer', () => {
    expect(parseCopilotOutput(jsonRun, 'json')).toEqual({ kind: 'answer', text: 'PONG-FAKE' });
  });

  it('skips empty assistant messages sent around tool calls', () => {
    const output = [
      '{"type":"assistant.message","data":{"content":"I will edit the file."}}',
      '{"type":"tool.execution_start","data":{"toolName":"edit"}}',
      '{"type":"assistant.message","data":{"content":""}}',
    ].join('\n');

    expect(parseCopilotOutput(output, 'json')).toEqual({ kind: 'answer', text: 'I will edit the file.' });
  });

  it('reports an error event when there is no answer', () => {
    const output = '{"type":"session.error","data":{"message":"Authentication failed (HTTP 401)"}}';

    expect(parseCopilotOutput(output, 'json')).toEqual({
      kind: 'error',
      message: 'Authentication failed (HTTP 401)',
    });
  });

  it('uses stdout as the answer in text mode', () => {
    expect(parseCopilotOutput('PONG-FAKE\n', 'text')).toEqual({ kind: 'answer', text: 'PONG-FAKE' });
  });
});
