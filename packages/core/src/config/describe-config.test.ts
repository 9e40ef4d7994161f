import { describe, expect, it } from 'vitest';
import { describeConfig, isSecretConfigKey, isSecretEnvKey } from './describe-config.js';

describe('describeConfig', () => {
  it('replaces every secret by [redacted] and keeps everything else', () => {
    const config = {
      github: { token: 'ghp_a', writeToken: 'ghp_b', webhookSecret: 's3cret', repo: { owner: 'acme' } },
      server: { adminToken: 'admin-token-1234', port: 8000 },
      cli: { primary: { billing: 'token', command: ['node', 'agent.mjs'] } },
    };

    const description = describeConfig(config);

    expect(description).toEqual({
      github: {
        token: '[redacted]',
        writeToken: '[redacted]',
        webhookSecret: '[redacted]',
        repo: { owner: 'acme' },
      },
      server: { adminToken: '[redacted]', port: 8000 },
      cli: { primary: { billing: 'token', command: ['node', 'agent.mjs'] } },
    });
  });

  it('shows unset values as null so they stay visible in JSON', () => {
    expect(describeConfig({ github: { writeToken: undefined, notifyLogin: undefined } })).toEqual({
      github: { writeToken: null, notifyLogin: null },
    });
  });
});

describe('isSecretConfigKey', () => {
  it.each([
    ['token', true],
    ['writeToken', true],
    ['webhookSecret', true],
    ['adminToken', true],
    ['maxTotalChars', false],
    ['billing', false],
  ])('classifies %s as secret: %s', (key, expected) => {
    expect(isSecretConfigKey(key)).toBe(expected);
  });
});

describe('isSecretEnvKey', () => {
  it.each([
    ['GITHUB_TOKEN', true],
    ['GITHUB_WRITE_TOKEN', true],
    ['GITHUB_WEBHOOK_SECRET', true],
    ['ADMIN_TOKEN', true],
    ['CLI_CODEX_BILLING', false],
    ['GITHUB_REPO', false],
  ])('classifies %s as secret: %s', (key, expected) => {
    expect(isSecretEnvKey(key)).toBe(expected);
  });
});
