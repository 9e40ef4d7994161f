import { describe, expect, it } from 'vitest';
import { buildCodexInvocation, parseCodexOutput } from './codex.js';
import type { AgentRequest } from './coding-agent.js';

const request = (overrides: Partial<AgentRequest> = {}): AgentRequest => ({
  prompt: 'Fix the bug',
  cwd: '/work/tree',
  mode: 'plan',
  timeoutMs: 60_000,
  ...overrides,
});

describe('buildCodexInvocation', () => {
  it.each([
    [
      'plan, JSON (default)',
      request(),
      ['exec', '--skip-git-repo-check', '--sandbox', 'read-only', '--cd', '/work/tree', '--json', '-'],
    ],
    [
      'review, text',
      request({ mode: 'review', outputFormat: 'text' }),
      ['exec', '--skip-git-repo-check', '--sandbox', 'read-only', '--cd', '/work/tree', '-'],
    ],
    [
      'edit with a model',
      request({ mode: 'edit', model: 'gpt-5.4' }),
      [
        'exec',
        '--skip-git-repo-check',
        '--sandbox',
        'workspace-write',
        '--cd',
        '/work/tree',
        '--json',
        '--model',
        'gpt-5.4',
        '-',
      ],
    ],
  ])('builds argv for %s', (_name, req, args) => {
    const invocation = buildCodexInvocation(req, { parentEnv: {} });

    expect(invocation).toEqual({ command: 'codex', args, input: 'Fix the bug' });
  });

  it('always sends the prompt on stdin, whatever its size', () => {
    const invocation = buildCodexInvocation(request({ prompt: 'short' }), {
      parentEnv: {},
      maxArgvPromptBytes: 1_000_000,
    });

    expect(invocation.args.at(-1)).toBe('-');
    expect(invocation.input).toBe('short');
  });

  it('uses the configured model flag instead of --model', () => {
    const invocation = buildCodexInvocation(request({ model: 'o4' }), { parentEnv: {}, modelFlag: '-m' });

    expect(invocation.args.slice(-3)).toEqual(['-m', 'o4', '-']);
  });

  it('keeps wrapper words of a configured command before the subcommand', () => {
    const invocation = buildCodexInvocation(request({ outputFormat: 'text' }), {
      parentEnv: {},
      command: ['npx', '-y', 'codex'],
    });

    expect(invocation.command).toBe('npx');
    expect(invocation.args.slice(0, 4)).toEqual(['-y', 'codex', 'exec', '--skip-git-repo-check']);
  });
});

const success = [
  '{"type":"thread.started","thread_id":"0199a213-81c0-7800-8aa1-bbab2a035a53"}',
  '{"type":"turn.started"}',
  '{"type":"item.completed","item":{"id":"item_0","type":"reasoning","text":"**Scanning the repository**"}}',
  '{"type":"item.started","item":{"id":"item_1","type":"command_execution","command":"bash -lc ls","status":"in_progress"}}',
  '{"type":"item.completed","item":{"id":"item_1","type":"command_execution","command":"bash -lc ls","aggregated_output":"README.md\\n","exit_code":0,"status":"completed"}}',
  '{"type":"item.completed","item":{"id":"item_2","type":"agent_message","text":"Looking at the files first."}}',
  '{"type":"item.completed","item":{"id":"item_3","type":"agent_message","text":"Fixed the off-by-one in src/range.ts."}}',
  '{"type":"turn.completed","usage":{"input_tokens":24763,"cached_input_tokens":24448,"output_tokens":122}}',
].join('\n');

const failure = [
  '{"type":"thread.started","thread_id":"0199a213-81c0-7800-8aa1-bbab2a035a54"}',
  '{"type":"turn.started"}',
  '{"type":"error","message":"Reconnecting... 1/5 (unexpected status 401 Unauthorized: Incorrect API key provided)"}',
  '{"type":"error","message":"Reconnecting... 5/5 (unexpected status 401 Unauthorized: Incorrect API key provided)"}',
  '{"type":"turn.failed","error":{"message":"unexpected status 401 Unauthorized: Incorrect API key provided"}}',
].join('\n');

describe('parseCodexOutput', () => {
  it('takes the last agent message of a JSONL run as the answer', () => {
    expect(parseCodexOutput(success, 'json')).toEqual({
      kind: 'answer',
      text: 'Fixed the off-by-one in src/range.ts.',
    });
  });

  it('reports turn.failed as an error with its message', () => {
    expect(parseCodexOutput(failure, 'json')).toEqual({
      kind: 'error',
      message: 'unexpected status 401 Unauthorized: Incorrect API key provided',
    });
  });

  it('returns an empty answer when the turn completed without a message', () => {
    const output = '{"type":"thread.started","thread_id":"x"}\n{"type":"turn.completed","usage":{}}';

    expect(parseCodexOutput(output, 'json')).toEqual({ kind: 'answer', text: '' });
  });

  it('calls output without any JSON event unparseable', () => {
    expect(parseCodexOutput('Reading prompt from stdin...', 'json').kind).toBe('unparseable');
  });

  it('uses stdout as the answer in text mode', () => {
    expect(parseCodexOutput('\nThe answer.\n', 'text')).toEqual({ kind: 'answer', text: 'The answer.' });
  });
});
