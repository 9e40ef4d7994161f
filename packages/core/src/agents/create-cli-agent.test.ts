import { describe, expect, it } from 'vitest';
import type { ProcessResult, ProcessRunner, ProcessRunOptions } from '../process/process-runner.js';
import { createCodexAgent } from './codex.js';
import type { AgentRequest } from './coding-agent.js';
import { createCursorAgent } from './cursor.js';

function createRecordingRunner(result: ProcessResult): ProcessRunner & { calls: ProcessRunOptions[] } {
  const calls: ProcessRunOptions[] = [];
  return {
    calls,
    run: async (options) => {
      calls.push(options);
      return result;
    },
  };
}

const request: AgentRequest = {
  prompt: 'Fix the bug',
  cwd: '/work/tree',
  mode: 'edit',
  timeoutMs: 90_000,
  idleTimeoutMs: 30_000,
  model: 'gpt-5.4',
};
const parentEnv = { PATH: '/usr/bin', HOME: '/home/bot', GITHUB_TOKEN: 'ghp_secret', OPENAI_API_KEY: 'sk' };
const answer = '{"type":"item.completed","item":{"type":"agent_message","text":"Patched."}}';

describe('createCliAgent', () => {
  it('runs the backend invocation in the request cwd with its limits and a filtered environment', async () => {
    const runner = createRecordingRunner({
      kind: 'exited',
      exitCode: 0,
      signal: undefined,
      stdout: answer,
      stderr: '',
      durationMs: 10,
      truncated: false,
    });
    const signal = new AbortController().signal;
    const agent = createCodexAgent({ runner, settings: { parentEnv, maxOutputBytes: 4_096 } });

    const outcome = await agent.run(request, signal);

    expect(outcome).toMatchObject({
      kind: 'completed',
      output: 'Patched.',
      backend: 'codex',
      model: 'gpt-5.4',
    });
    expect(runner.calls).toHaveLength(1);
    expect(runner.calls[0]).toMatchObject({
      command: 'codex',
      cwd: '/work/tree',
      input: 'Fix the bug',
      timeoutMs: 90_000,
      idleTimeoutMs: 30_000,
      maxOutputBytes: 4_096,
      signal,
    });
    expect(runner.calls[0]?.env).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/bot',
      OPENAI_API_KEY: 'sk',
      GIT_TERMINAL_PROMPT: '0',
      NO_COLOR: '1',
    });
  });

  it('names CLI_<NAME>_COMMAND as the setting to fix when the binary is missing', async () => {
    const runner = createRecordingRunner({ kind: 'not_found', command: 'codex' });
    const agent = createCodexAgent({ runner, settings: { parentEnv } });

    const outcome = await agent.run(request);

    expect(outcome).toMatchObject({ kind: 'not_installed', command: 'codex', setting: 'CLI_CODEX_COMMAND' });
  });

  it('names the configured setting when one is given', async () => {
    const runner = createRecordingRunner({ kind: 'not_found', command: 'codex' });
    const agent = createCodexAgent({
      runner,
      settings: { parentEnv, commandSetting: 'PRIMARY_CLI_COMMAND' },
    });

    const outcome = await agent.run(request);

    expect(outcome).toMatchObject({ kind: 'not_installed', setting: 'PRIMARY_CLI_COMMAND' });
  });

  it('fails a prompt too large for a CLI without stdin, without starting it', async () => {
    const runner = createRecordingRunner({ kind: 'not_found', command: 'cursor-agent' });
    const agent = createCursorAgent({ runner, settings: { parentEnv, maxArgvPromptBytes: 5 } });

    const outcome = await agent.run(request);

    expect(outcome).toMatchObject({ kind: 'failed', reason: 'prompt_too_large', backend: 'cursor' });
    expect(runner.calls).toEqual([]);
  });
});
