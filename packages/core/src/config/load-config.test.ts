import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError } from './config-error.js';
import type { ConfigContext } from './config-schema.js';
import { composeSections } from './config-schema.js';
import { booleanVar, pathVar, repoVar, secretVar, stringVar } from './env-parsers.js';
import { loadConfig } from './load-config.js';

const options = { baseDir: '/srv/patchloop', homeDir: '/home/operator' };

const schema = (context: ConfigContext) =>
  composeSections({
    github: z
      .object({
        GITHUB_TOKEN: secretVar({ required: true }),
        GITHUB_REPO: repoVar({ required: true, hint: 'set it to the repository PatchLoop should work on' }),
      })
      .transform((env) => ({ token: env.GITHUB_TOKEN, repo: env.GITHUB_REPO })),
    runtime: z
      .object({
        DRY_RUN: booleanVar({ default: true }),
        STATE_DB_PATH: pathVar(context, { default: './state.db' }),
      })
      .transform((env) => ({ dryRun: env.DRY_RUN, statePath: env.STATE_DB_PATH })),
    // Reads DRY_RUN again, as the daemon sections do for cross-key checks.
    echo: z.object({ DRY_RUN: booleanVar({}), NOTE: stringVar({}) }).transform((env) => ({ note: env.NOTE })),
  });

const validEnv = { GITHUB_TOKEN: 'ghp_secretvalue', GITHUB_REPO: 'acme/widgets' };

describe('loadConfig', () => {
  it('maps the env to the nested camelCase config with defaults applied', () => {
    const config = loadConfig(schema, validEnv, options);

    expect(config).toEqual({
      github: {
        token: 'ghp_secretvalue',
        repo: { owner: 'acme', name: 'widgets', fullName: 'acme/widgets' },
      },
      runtime: { dryRun: true, statePath: '/srv/patchloop/state.db' },
      echo: { note: undefined },
    });
  });

  it('ignores variables no section reads', () => {
    const config = loadConfig(
      schema,
      { ...validEnv, STATE_FILE_PATH: '.old.json', PATH: '/usr/bin' },
      options,
    );

    expect(config.runtime.statePath).toBe('/srv/patchloop/state.db');
  });

  it('throws one ConfigError listing every bad key with its hint', () => {
    const env = { GITHUB_REPO: 'acme', DRY_RUN: 'yes' };

    const load = () => loadConfig(schema, env, options);

    expect(load).toThrow(ConfigError);
    expect(load).toThrow(
      expect.objectContaining({
        code: 'CONFIG_INVALID',
        message: [
          'Invalid configuration (3 problems):',
          '  - GITHUB_TOKEN: required but not set',
          '  - GITHUB_REPO: expected "owner/name", got "acme" — set it to the repository PatchLoop should work on',
          '  - DRY_RUN: expected true or false, got "yes"',
        ].join('\n'),
        problems: [
          expect.objectContaining({ key: 'GITHUB_TOKEN' }),
          expect.objectContaining({ key: 'GITHUB_REPO' }),
          expect.objectContaining({ key: 'DRY_RUN' }),
        ],
      }),
    );
  });

  it('never puts a secret value in the error, even when it was pasted into another variable', () => {
    const env = { GITHUB_TOKEN: 'ghp_secretvalue', GITHUB_REPO: 'ghp_secretvalue' };

    const load = () => loadConfig(schema, env, options);

    expect(load).toThrow('GITHUB_REPO: expected "owner/name", got "[redacted]"');
    expect(load).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('ghp_secretvalue') }),
    );
  });

  it('returns a deep-frozen config whose mutation throws', () => {
    const config = loadConfig(schema, validEnv, options);

    expect(Object.isFrozen(config.github.repo)).toBe(true);
    expect(() => {
      (config.runtime as { dryRun: boolean }).dryRun = false;
    }).toThrow(TypeError);
  });

  it('masks secrets when the config is serialised or inspected', () => {
    const config = loadConfig(schema, validEnv, options);

    const outputs = [
      JSON.stringify(config),
      JSON.stringify({ github: config.github }),
      inspect(config, { depth: 5 }),
    ];

    for (const output of outputs) {
      expect(output).not.toContain('ghp_secretvalue');
      expect(output).toContain('[redacted]');
    }
    expect(config.github.token).toBe('ghp_secretvalue');
  });

  it('refuses relative base or home directories, which would make loading depend on the cwd', () => {
    expect(() => loadConfig(schema, validEnv, { baseDir: 'relative', homeDir: '/home/operator' })).toThrow(
      'loadConfig needs an absolute baseDir',
    );
  });
});

describe('ConfigError', () => {
  it('says "1 problem" for a single problem', () => {
    const error = new ConfigError([{ key: 'DRY_RUN', message: 'expected true or false, got "yes"' }]);

    expect(error.message).toBe(
      'Invalid configuration (1 problem):\n  - DRY_RUN: expected true or false, got "yes"',
    );
  });
});
