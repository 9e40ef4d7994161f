import { fileURLToPath } from 'node:url';
import type { EnvRecord } from '@patchloop/core';
import { ConfigError, describeConfig, readEnvFile } from '@patchloop/core';
import { describe, expect, it } from 'vitest';
import { loadOpenReviewConfig } from './config.js';

const options = { baseDir: '/srv/patchloop', homeDir: '/home/operator' };
const required = {
  GITHUB_TOKEN: 'ghp_secretvalue',
  GITHUB_REPO: 'acme/widgets',
  LOCAL_REPO_PATH: '../widgets',
};

const packageExample = fileURLToPath(new URL('../.env.example', import.meta.url));
const rootExample = fileURLToPath(new URL('../../../.env.example', import.meta.url));

/** Every variable name the loader looks at, recorded through a proxy over the env. */
function variablesRead(env: EnvRecord): Set<string> {
  const read = new Set<string>();
  const recording = new Proxy(env, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^[A-Z][A-Z0-9_]+$/.test(key)) read.add(key);
      return Reflect.get(target, key, receiver);
    },
  });
  loadOpenReviewConfig(recording, options);
  return read;
}

// Documented as patterns or aliases in comments rather than one line each.
const perBackendVariable = /^CLI_(CODEX|COPILOT|CURSOR|OPENCODE|CLAUDE|GEMINI|CUSTOM)_/;
const legacyAliases = new Set(['FALLBACK_CLI']);

describe('loadOpenReviewConfig', () => {
  it('applies conservative defaults: dry run, polling only, loopback, copilot', () => {
    const config = loadOpenReviewConfig(required, options);

    expect(describeConfig(config)).toMatchSnapshot();
  });

  it('lists several bad keys in one error', () => {
    const env = {
      ...required,
      GITHUB_REPO: 'acme',
      DRY_RUN: 'yes',
      PRIMARY_CLI: 'codx',
      POLL_ITEMS_PER_PAGE: '0',
    };

    const load = () => loadOpenReviewConfig(env, options);

    expect(load).toThrow(ConfigError);
    expect(load).toThrow(
      [
        'Invalid configuration (4 problems):',
        '  - GITHUB_REPO: expected "owner/name", got "acme" — set it to the repository PatchLoop should work on',
        '  - POLL_ITEMS_PER_PAGE: expected a whole number from 1 to 100, got "0"',
        '  - DRY_RUN: expected true or false, got "yes"',
        '  - PRIMARY_CLI: unknown backend "codx"; valid: codex, copilot, cursor, opencode, claude, gemini, custom',
      ].join('\n'),
    );
  });

  it('never shows the token, neither in an error nor in describeConfig', () => {
    const config = loadOpenReviewConfig(required, options);
    const bad = { ...required, GITHUB_REPO: 'ghp_secretvalue', SERVER_PORT: 'ghp_secretvalue' };

    expect(JSON.stringify(describeConfig(config))).not.toContain('ghp_secretvalue');
    expect(() => loadOpenReviewConfig(bad, options)).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('ghp_secretvalue') }),
    );
  });

  it('returns a frozen config', () => {
    const config = loadOpenReviewConfig(required, options);

    expect(() => {
      (config.review as { maxCommentLength: number }).maxCommentLength = 1;
    }).toThrow(TypeError);
  });

  it('maps the openreview-specific variables, converting units once', () => {
    const env = {
      ...required,
      PR_HEAD_STABILIZE_SECONDS: '0',
      POLL_PENDING_PR_MAX_AGE_DAYS: '2',
      BOT_LOGINS: '@Release-Bot, ci-user',
      ISSUE_MIN_NUMBER: '603',
    };

    const config = loadOpenReviewConfig(env, options);

    expect(config.review).toMatchObject({
      headStabilizeMs: 0,
      botLogins: ['release-bot', 'ci-user'],
      minIssueNumber: 603,
    });
    expect(config.polling.pendingPullRequests).toEqual({ batchSize: 20, maxAgeMs: 172_800_000 });
  });
});

describe('openreview .env.example', () => {
  const example = readEnvFile({ path: packageExample, cwd: '/', required: true });

  it('documents every variable the loader reads, and nothing else', () => {
    const documented = (name: string) => !perBackendVariable.test(name) && !legacyAliases.has(name);
    const read = [...variablesRead(required)].filter(documented).sort();

    expect(Object.keys(example.values).sort()).toEqual(read);
  });

  it('states the real defaults', () => {
    const fromExample = loadOpenReviewConfig(
      { ...example.values, ...required },
      { ...options, baseDir: example.baseDir },
    );
    const fromDefaults = loadOpenReviewConfig(required, { ...options, baseDir: example.baseDir });

    expect(describeConfig(fromExample)).toEqual(describeConfig(fromDefaults));
  });

  it('lists in the root .env.example only variables openreview reads', () => {
    const root = readEnvFile({ path: rootExample, cwd: '/', required: true });
    const read = variablesRead(required);

    expect(Object.keys(root.values).filter((name) => !read.has(name))).toEqual([]);
  });
});
