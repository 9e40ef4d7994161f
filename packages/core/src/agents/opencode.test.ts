import { describe, expect, it } from 'vitest';
import type { AgentRequest } from './coding-agent.js';
import { buildOpencodeInvocation, parseOpencodeOutput } from './opencode.js';

const request = (overrides: Partial<AgentRequest> = {}): AgentRequest => ({
  prompt: 'Fix the bug',
  cwd: '/work/tree',
  mode: 'plan',
  timeoutMs: 60_000,
  ...overrides,
});

describe('buildOpencodeInvocation', () => {
  it.each([
    ['plan, JSON (default)', request(), ['run', '--format', 'json', '--agent', 'plan', 'Fix the bug']],
    [
      'review, text',
      request({ mode: 'review', outputFormat: 'text' }),
      ['run', '--agent', 'plan', 'Fix the bug'],
    ],
    [
      'edit with a provider/model',
      request({ mode: 'edit', model: 'fake/pong' }),
      ['run', '--format', 'json', '--auto', '--model', 'fake/pong', 'Fix the bug'],
    ],
  ])('builds argv for %s', (_name, req, args) => {
    expect(buildOpencodeInvocation(req, { parentEnv: {} })).toEqual({ command: 'opencode', args });
  });

  it('pipes a prompt over the byte limit on stdin without a message argument', () => {
    const invocation = buildOpencodeInvocation(request({ prompt: 'x'.repeat(101) }), {
      parentEnv: {},
      maxArgvPromptBytes: 100,
    });

    expect(invocation).toEqual({
      command: 'opencode',
      args: ['run', '--format', 'json', '--agent', 'plan'],
      input: 'x'.repeat(101),
    });
  });
});

const jsonRun = [
  '{"type":"step_start","timestamp":1767225600000,"sessionID":"ses_1","part":{"id":"prt_1","type":"step-start"}}',
  '{"type":"text","timestamp":1767225600100,"sessionID":"ses_1","part":{"id":"prt_2","type":"text","text":"Let me read the file."}}',
  '{"type":"tool_use","timestamp":1767225600200,"sessionID":"ses_1","part":{"id":"prt_3","type":"tool","tool":"read"}}',
  '{"type":"step_finish","timestamp":1767225600300,"sessionID":"ses_1","part":{"type":"step-finish","reason":"tool-calls"}}',
  '{"type":"step_start","timestamp":1767225600400,"sessionID":"ses_1","part":{"id":"prt_4","type":"step-start"}}',
  '{"type":"text","timestamp":1767225600500,"sessionID":"ses_1","part":{"id":"prt_5","type":"text","text":"PONG-"}}',
  '{"type":"text","timestamp":1767225600600,"sessionID":"ses_1","part":{"id":"prt_6","type":"text","text":"FAKE"}}',
  '{"type":"step_finish","timestamp":1767225600700,"sessionID":"ses_1","part":{"type":"step-finish","reason":"stop","tokens":{"input":812,"output":4},"cost":0}}',
].join('\n');

describe('parseOpencodeOutput', () => {
  it('answers with the text of the last step that produced text', () => {
    expect(parseOpencodeOutput(jsonRun, 'json')).toEqual({ kind: 'answer', text: 'PONG-FAKE' });
  });

  it('reports an error event when no text was produced', () => {
    const output =
      '{"type":"error","timestamp":1767225600000,"sessionID":"ses_1","error":{"name":"APIError","data":{"message":"Incorrect API key provided","statusCode":401}}}';

    expect(parseOpencodeOutput(output, 'json')).toEqual({
      kind: 'error',
      message: 'Incorrect API key provided',
    });
  });

  it('uses stdout as the answer in text mode', () => {
    expect(parseOpencodeOutput('PONG-FAKE\n', 'text')).toEqual({ kind: 'answer', text: 'PONG-FAKE' });
  });
});
