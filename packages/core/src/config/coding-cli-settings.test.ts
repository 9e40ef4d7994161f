import { describe, expect, it } from 'vitest';
import type { CliProfile } from './coding-cli-settings.js';
import { codingCliSettings } from './coding-cli-settings.js';
import type { EnvRecord } from './config-schema.js';

const section = codingCliSettings({ timeoutSeconds: 180 });

function problemsOf(env: EnvRecord): string[] {
  const result = section.safeParse(env);
  return result.success
    ? []
    : result.error.issues.map((issue) => `${String(issue.path.at(-1))}: ${issue.message}`);
}

function profile(overrides: Partial<CliProfile> & Pick<CliProfile, 'backend'>): CliProfile {
  return {
    model: undefined,
    fallbackModels: [],
    modelFlag: undefined,
    command: undefined,
    billing: 'token',
    todoModel: undefined,
    simpleModel: undefined,
    ...overrides,
  };
}

describe('codingCliSettings', () => {
  it('defaults to copilot without fallbacks', () => {
    expect(section.parse({})).toEqual({
      primary: profile({ backend: 'copilot', billing: 'call' }),
      fallbacks: [],
      timeoutMs: 180_000,
    });
  });

  it('reads the legacy PRIMARY_* and FALLBACK_* variables, the original openreview way', () => {
    const env = {
      PRIMARY_CLI: 'Codex',
      PRIMARY_MODEL: 'gpt-5',
      PRIMARY_FALLBACK_MODEL: 'gpt-5-mini, o4',
      PRIMARY_CLI_COMMAND: "codex --profile 'work laptop'",
      FALLBACK_CLI: 'opencode',
      FALLBACK_MODEL: 'anthropic/claude',
      FALLBACK_MODEL_FLAG: '-m',
      CLI_TIMEOUT: '480',
    };

    expect(section.parse(env)).toEqual({
      primary: profile({
        backend: 'codex',
        model: 'gpt-5',
        fallbackModels: ['gpt-5-mini', 'o4'],
        command: ['codex', '--profile', 'work laptop'],
      }),
      fallbacks: [profile({ backend: 'opencode', model: 'anthropic/claude', modelFlag: '-m' })],
      timeoutMs: 480_000,
    });
  });

  it('maps the legacy FALLBACK_CLI to FALLBACK_CLIS only when FALLBACK_CLIS is unset', () => {
    const settings = section.parse({ FALLBACK_CLIS: 'claude,gemini', FALLBACK_CLI: 'cursor' });

    expect(settings.fallbacks.map((fallback) => fallback.backend)).toEqual(['claude', 'gemini']);
  });

  it('lets CLI_<NAME>_MODELS win over the per-name and legacy model variables', () => {
    const env = {
      PRIMARY_CLI: 'copilot',
      PRIMARY_MODEL: 'legacy',
      CLI_COPILOT_PRIMARY_MODEL: 'per-name',
      CLI_COPILOT_MODELS: 'gpt-5,gpt-4.1',
      CLI_COPILOT_MODEL_FLAG: '--model',
      CLI_COPILOT_BILLING: 'token',
      CLI_COPILOT_TODO_MODEL: 'todo-model',
    };

    expect(section.parse(env).primary).toEqual(
      profile({
        backend: 'copilot',
        model: 'gpt-5',
        fallbackModels: ['gpt-4.1'],
        modelFlag: '--model',
        billing: 'token',
        todoModel: 'todo-model',
      }),
    );
  });

  it('keeps a fallback that names the primary backend, so one CLI can fall back to another model', () => {
    const settings = section.parse({
      PRIMARY_CLI: 'codex',
      PRIMARY_MODEL: 'a',
      FALLBACK_CLIS: 'codex',
      FALLBACK_MODEL: 'b',
    });

    expect([settings.primary.model, settings.fallbacks[0]?.model]).toEqual(['a', 'b']);
  });

  it('rejects an unknown backend name, listing the valid ones', () => {
    expect(problemsOf({ PRIMARY_CLI: 'codx', FALLBACK_CLIS: 'copilot,kiro' })).toEqual([
      'PRIMARY_CLI: unknown backend "codx"; valid: codex, copilot, cursor, opencode, claude, gemini, custom',
      'FALLBACK_CLIS: unknown backend "kiro"; valid: codex, copilot, cursor, opencode, claude, gemini, custom',
    ]);
  });

  it('requires a command for the custom backend', () => {
    expect(problemsOf({ PRIMARY_CLI: 'custom' })).toEqual([
      'CLI_CUSTOM_COMMAND: required when PRIMARY_CLI=custom — set the command PatchLoop runs; it gets the prompt on stdin and its path in PATCHLOOP_PROMPT_FILE',
    ]);
  });

  it('accepts the legacy command variable for the custom backend', () => {
    const settings = section.parse({ PRIMARY_CLI: 'custom', PRIMARY_CLI_COMMAND: 'node /opt/agent.mjs' });

    expect(settings.primary).toEqual(profile({ backend: 'custom', command: ['node', '/opt/agent.mjs'] }));
  });

  it('requires a model flag when a model is set for the custom backend', () => {
    const env = {
      PRIMARY_CLI: 'codex',
      FALLBACK_CLIS: 'custom',
      CLI_CUSTOM_COMMAND: 'agent',
      CLI_CUSTOM_MODELS: 'm1',
    };

    expect(problemsOf(env)).toEqual([
      'CLI_CUSTOM_MODEL_FLAG: required when a model is set for the custom backend — set the flag your command takes before the model name, e.g. --model',
    ]);
  });

  it('refuses legacy FALLBACK_* values that would silently apply to several fallback backends', () => {
    expect(problemsOf({ FALLBACK_CLIS: 'codex,opencode', FALLBACK_MODEL: 'gpt-5' })).toEqual([
      'FALLBACK_MODEL: applies to every fallback backend (codex, opencode) — set the CLI_<NAME>_* variables of each backend instead',
    ]);
  });

  it('validates per-backend variables of backends that are not selected', () => {
    expect(problemsOf({ CLI_GEMINI_BILLING: 'free', CLI_CLAUDE_MODEL_FLAG: 'model' })).toEqual([
      'CLI_CLAUDE_MODEL_FLAG: expected a flag such as --model, got "model"',
      'CLI_GEMINI_BILLING: expected one of call, token, got "free"',
    ]);
  });
});
