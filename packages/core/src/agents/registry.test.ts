import { describe, expect, it } from 'vitest';
import { cliBackendNames } from '../config/coding-cli-settings.js';
import type { ProcessRunner } from '../process/process-runner.js';
import { backendNames, createAgent, isBackendName } from './registry.js';

const runner: ProcessRunner = { run: async () => ({ kind: 'cancelled', durationMs: 0 }) };

describe('createAgent', () => {
  it.each(backendNames)('creates the %s backend under its own name', (name) => {
    const agent = createAgent(name, { runner, settings: { parentEnv: {}, command: ['some-cli'] } });

    expect(agent.name).toBe(name);
  });

  it('accepts names in any case and with surrounding spaces', () => {
    const agent = createAgent(' Codex ', { runner, settings: { parentEnv: {} } });

    expect(agent.name).toBe('codex');
  });

  it('rejects an unknown name with the list of valid ones', () => {
    const create = () => createAgent('kiro', { runner, settings: { parentEnv: {} } });

    expect(create).toThrow(
      'Unknown coding CLI backend "kiro". Valid names: codex, copilot, cursor, opencode, claude, gemini, custom.',
    );
  });

  it('rejects the custom backend without a command', () => {
    const create = () => createAgent('custom', { runner, settings: { parentEnv: {} } });

    expect(create).toThrow('PRIMARY_CLI=custom needs a command');
  });
});

describe('backendNames', () => {
  it('matches the names the config loader accepts for PRIMARY_CLI and FALLBACK_CLIS', () => {
    expect([...backendNames].sort()).toEqual([...cliBackendNames].sort());
  });
});

describe('isBackendName', () => {
  it.each([
    ['claude', true],
    ['cursor', true],
    ['cursor-agent', false],
    ['', false],
  ])('%s is a backend name: %s', (name, expected) => {
    expect(isBackendName(name)).toBe(expected);
  });
});
