import type { CliProfile, CodingCliSettings, EnvRecord } from '@patchloop/core';
import { describe, expect, it } from 'vitest';
import { agentTimeoutSettings, toAutocodeCliSettings } from './agent-timeout-settings.js';

const section = agentTimeoutSettings({ cliTimeoutSeconds: 180 });

function chain(primary: Partial<CliProfile>): CodingCliSettings {
  return {
    primary: {
      backend: 'codex',
      model: undefined,
      fallbackModels: [],
      modelFlag: undefined,
      command: undefined,
      billing: 'token',
      todoModel: undefined,
      simpleModel: undefined,
      ...primary,
    },
    fallbacks: [],
    timeoutMs: 180_000,
  };
}

function settingsFor(env: EnvRecord, primary: Partial<CliProfile> = {}) {
  return toAutocodeCliSettings(chain(primary), section.parse(env));
}

describe('agentTimeoutSettings', () => {
  it('derives every budget from CLI_TIMEOUT when nothing else is set', () => {
    const settings = settingsFor({ CLI_TIMEOUT: '1200' });

    expect(settings).toMatchObject({
      plannerTimeoutMs: 1_200_000,
      executorTimeoutMs: 1_200_000,
      executorMaxIdleMs: 300_000,
      todoRefactor: { timeoutMs: 900_000, maxIdleMs: 180_000 },
      simpleExecutor: { maxFeedbackItems: 1 },
    });
  });

  it('never lets an idle limit exceed its timeout', () => {
    const settings = settingsFor({
      EXECUTOR_CLI_TIMEOUT: '100',
      EXECUTOR_MAX_IDLE_SECONDS: '500',
      TODO_REFACTOR_EXECUTOR_MAX_IDLE_SECONDS: '500',
    });

    expect([
      settings.executorMaxIdleMs,
      settings.todoRefactor.timeoutMs,
      settings.todoRefactor.maxIdleMs,
    ]).toEqual([100_000, 100_000, 100_000]);
  });

  it.each([
    [
      { TODO_REFACTOR_EXECUTOR_MODEL: 'explicit' },
      { todoModel: 'todo', fallbackModels: ['fb'], model: 'main' },
      'explicit',
    ],
    [{}, { todoModel: 'todo', fallbackModels: ['fb'], model: 'main' }, 'todo'],
    [{}, { fallbackModels: ['fb'], model: 'main' }, 'fb'],
    [{}, { model: 'main' }, 'main'],
    [{}, {}, undefined],
  ])('picks the todo/refactor model from %o and profile %o: %s', (env, primary, expected) => {
    expect(settingsFor(env, primary).todoRefactor.model).toBe(expected);
  });

  it('takes the simple executor model from SIMPLE_EXECUTOR_MODEL, else the primary profile', () => {
    expect(settingsFor({}, { simpleModel: 'mini' }).simpleExecutor.model).toBe('mini');
    expect(settingsFor({ SIMPLE_EXECUTOR_MODEL: 'nano' }, { simpleModel: 'mini' }).simpleExecutor.model).toBe(
      'nano',
    );
  });
});
