import { createFakeClock } from '@patchloop/sandbox';
import { describe, expect, it } from 'vitest';
import type { ProcessRunner, ProcessRunOptions } from '../process/process-runner.js';
import { buildCandidateChain } from './candidate-chain.js';
import { createAgentChain } from './create-agent-chain.js';

describe('createAgentChain', () => {
  it('runs the configured chain in order through one agent per backend', async () => {
    const commands: string[] = [];
    const runner: ProcessRunner = {
      run: async (options: ProcessRunOptions) => {
        commands.push([options.command, ...options.args.filter((a) => a === 'm1' || a === 'm2')].join(' '));
        return { kind: 'not_found', command: options.command };
      },
    };
    const agent = createAgentChain({
      chain: buildCandidateChain({ backend: 'codex', model: 'm1', fallbackModels: ['m2'] }, [
        { backend: 'gemini', model: undefined, fallbackModels: [] },
      ]),
      runner,
      clock: createFakeClock(),
      settingsFor: () => ({ parentEnv: {} }),
    });

    const outcome = await agent.run({ prompt: 'p', cwd: '/repo', mode: 'plan', timeoutMs: 1_000 });

    expect(commands).toEqual(['codex m1', 'codex m2', 'gemini']);
    expect(outcome).toMatchObject({
      kind: 'not_installed',
      backend: 'gemini',
      setting: 'CLI_GEMINI_COMMAND',
    });
  });

  it('rejects an unknown backend in the chain when it is built', () => {
    const build = () =>
      createAgentChain({
        chain: [{ backend: 'kiro', model: undefined }],
        runner: { run: async () => ({ kind: 'cancelled', durationMs: 0 }) },
        clock: createFakeClock(),
        settingsFor: () => ({ parentEnv: {} }),
      });

    expect(build).toThrow('Unknown coding CLI backend "kiro"');
  });
});
