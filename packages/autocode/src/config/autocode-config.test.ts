import { fileURLToPath } from 'node:url';
import type { EnvRecord } from '@patchloop/core';
import { describeConfig, readEnvFile } from '@patchloop/core';
import { describe, expect, it } from 'vitest';
import { createAutocodeConfigSchema, loadAutocodeConfig } from './autocode-config.js';

const options = { baseDir: '/srv/patchloop', homeDir: '/home/operator' };
const required = {
  GITHUB_TOKEN: 'ghp_secretvalue',
  GITHUB_REPO: 'acme/widgets',
  LOCAL_REPO_PATH: '../widgets',
};

const packageExample = fileURLToPath(new URL('../../.env.example', import.meta.url));
const rootExample = fileURLToPath(new URL('../../../../.env.example', import.meta.url));

/** Every variable name the loader looks at, recorded through a proxy over the env. */
function variablesRead(env: EnvRecord): Set<string> {
  const read = new Set<string>();
  const recording = new Proxy(env, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^[A-Z][A-Z0-9_]+$/.test(key)) read.add(key);
      return Reflect.get(target, key, receiver);
    },
  });
  loadAutocodeConfig(recording, options);
  return read;
}

// Documented as patterns or aliases in comments rather than one line each.
const perBackendVariable = /^CLI_(CODEX|COPILOT|CURSOR|OPENCODE|CLAUDE|GEMINI|CUSTOM)_/;
const legacyAliases = new Set(['FALLBACK_CLI']);

/** The variables a schema run reports, in order (the keys ConfigError would list). */
function problemKeys(env: EnvRecord): string[] {
  const result = createAutocodeConfigSchema(options).safeParse(env);
  return (result.error?.issues ?? []).map((issue) => String(issue.path.at(-1)));
}

describe('loadAutocodeConfig', () => {
  it('applies conservative defaults: dry run, manual mode, approval for features, polling only', () => {
    const config = loadAutocodeConfig(required, options);

    expect(describeConfig(config)).toMatchSnapshot();
  });

  it('lists several bad keys in one error without showing secrets', () => {
    const env = {
      ...required,
      GITHUB_WRITE_TOKEN: 'ghp_writesecret',
      EXECUTION_MODE: 'yolo',
      EXECUTION_MAX_CHANGED_FILES: '0',
      EXECUTION_TEST_COMMANDS: 'pnpm test\nnode "unterminated',
      EXECUTION_APPROVER_PERMISSIONS: 'admin,read',
    };

    const load = () => loadAutocodeConfig(env, options);

    expect(load).toThrow(
      [
        'Invalid configuration (4 problems):',
        '  - EXECUTION_MODE: expected one of manual, semi_auto, auto, got "yolo"',
        '  - EXECUTION_APPROVER_PERMISSIONS: unknown permission "read"; valid: admin, maintain, write, triage — list the repository permissions that may approve work, e.g. admin,maintain,write',
        '  - EXECUTION_MAX_CHANGED_FILES: expected a whole number from 1 to 10000, got "0"',
        '  - EXECUTION_TEST_COMMANDS: line 2: cannot split the command: unterminated double quote — write one command per line; quote arguments with spaces',
      ].join('\n'),
    );
    expect(load).toThrow(
      expect.objectContaining({ message: expect.not.stringMatching(/ghp_(secret|write)/) }),
    );
  });

  it('refuses to start when ENABLE_EXECUTION=false, and accepts it unset or true', () => {
    const load = (value: string | undefined) => () =>
      loadAutocodeConfig({ ...required, ENABLE_EXECUTION: value }, options);

    expect(load('false')).toThrow(
      'ENABLE_EXECUTION: the coding daemon is disabled by ENABLE_EXECUTION=false — remove the variable or set it to true to run patchloop code',
    );
    expect(load(undefined)).not.toThrow();
    expect(load('true')).not.toThrow();
  });

  it('requires GITHUB_WRITE_TOKEN when DRY_RUN=false', () => {
    expect(() => loadAutocodeConfig({ ...required, DRY_RUN: 'false' }, options)).toThrow(
      'GITHUB_WRITE_TOKEN: required when DRY_RUN=false — set a token that can push branches and open pull requests, or keep DRY_RUN=true',
    );
  });

  it('requires the webhook secret when the webhook is enabled', () => {
    expect(problemKeys({ ...required, EVENT_SOURCE: 'both' })).toEqual(['GITHUB_WEBHOOK_SECRET']);
  });

  it('requires a command when the custom backend is selected', () => {
    expect(problemKeys({ ...required, PRIMARY_CLI: 'custom' })).toEqual(['CLI_CUSTOM_COMMAND']);
  });

  it('refuses a worktree root inside the local repository', () => {
    expect(
      problemKeys({
        ...required,
        LOCAL_REPO_PATH: '/work/repo',
        EXECUTION_WORKTREE_ROOT: '/work/repo/.runs',
      }),
    ).toEqual(['EXECUTION_WORKTREE_ROOT']);
  });

  it('refuses to forbid the default branch as base while it is the PR base', () => {
    const env = { ...required, EXECUTION_FORBID_MAIN_BASE_BRANCH: 'true' };

    expect(problemKeys(env)).toEqual(['EXECUTION_FORBID_MAIN_BASE_BRANCH']);
    expect(
      loadAutocodeConfig({ ...env, EXECUTION_PR_BASE_BRANCH: 'develop' }, options).execution.prBaseBranch,
    ).toBe('develop');
  });

  it('requires files for an enabled backlog source', () => {
    expect(problemKeys({ ...required, EXECUTION_ENABLE_BACKLOG_SOURCE: 'true' })).toEqual([
      'EXECUTION_BACKLOG_FILE_PATHS',
    ]);
  });

  it('derives the dependent defaults from the settings they follow', () => {
    const env = {
      ...required,
      LOCAL_REPO_DEFAULT_BRANCH: 'trunk',
      EXECUTION_TIMEOUT_SECONDS: '90',
      EXECUTION_BACKLOG_REPO_PATH: ' ',
    };

    const config = loadAutocodeConfig(env, options);

    expect(config.execution.prBaseBranch).toBe('trunk');
    expect(config.execution.limits.testTimeoutMs).toBe(90_000);
    expect(config.sources.backlog.repoPath).toBe('/srv/widgets');
  });

  it('parses validation commands into argv lists', () => {
    const config = loadAutocodeConfig(
      { ...required, EXECUTION_LINT_COMMANDS: "pnpm lint\n\nnode 'scripts/a b.mjs'" },
      options,
    );

    expect(config.execution.validation.lintCommands).toEqual([
      ['pnpm', 'lint'],
      ['node', 'scripts/a b.mjs'],
    ]);
  });
});

describe('autocode .env.example', () => {
  const example = readEnvFile({ path: packageExample, cwd: '/', required: true });

  it('documents every variable the loader reads, and nothing else', () => {
    const documented = (name: string) => !perBackendVariable.test(name) && !legacyAliases.has(name);
    const read = [...variablesRead(required)].filter(documented).sort();

    expect(Object.keys(example.values).sort()).toEqual(read);
  });

  it('states the real defaults', () => {
    const fromExample = loadAutocodeConfig(
      { ...example.values, ...required },
      { ...options, baseDir: example.baseDir },
    );
    const fromDefaults = loadAutocodeConfig(required, { ...options, baseDir: example.baseDir });

    expect(describeConfig(fromExample)).toEqual(describeConfig(fromDefaults));
  });

  it('lists in the root .env.example only variables autocode reads', () => {
    const root = readEnvFile({ path: rootExample, cwd: '/', required: true });
    const read = variablesRead(required);

    expect(Object.keys(root.values).filter((name) => !read.has(name))).toEqual([]);
  });
});
