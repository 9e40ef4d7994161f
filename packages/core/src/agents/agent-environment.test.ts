import { describe, expect, it } from 'vitest';
import { buildAgentEnvironment, isDeniedAgentVariable } from './agent-environment.js';

const parentEnv = {
  PATH: '/usr/bin',
  HOME: '/home/maintainer',
  LANG: 'C.UTF-8',
  LC_ALL: 'C.UTF-8',
  GITHUB_TOKEN: 'ghp_read',
  GITHUB_WRITE_TOKEN: 'ghp_write',
  GITHUB_WEBHOOK_SECRET: 'hook',
  ADMIN_TOKEN: 'admin',
  GH_TOKEN: 'gh',
  GITHUB_PAT_BOT: 'pat',
  OPENAI_API_KEY: 'sk-openai',
  ANTHROPIC_BASE_URL: 'http://127.0.0.1:9999',
  COPILOT_GITHUB_TOKEN: 'copilot-own-token',
  DATABASE_PASSWORD: 'db',
  GITHUB_REPO: 'octo/repo',
  UNSET: undefined,
};

describe('buildAgentEnvironment', () => {
  it('never passes GitHub or PatchLoop secrets', () => {
    const env = buildAgentEnvironment(parentEnv);

    for (const secret of ['GITHUB_TOKEN', 'GITHUB_WRITE_TOKEN', 'GITHUB_WEBHOOK_SECRET', 'ADMIN_TOKEN']) {
      expect(env).not.toHaveProperty(secret);
    }
    expect(env).not.toHaveProperty('GH_TOKEN');
    expect(env).not.toHaveProperty('GITHUB_PAT_BOT');
  });

  it('keeps PATH, HOME, the locale and the CLIs’ own provider variables', () => {
    const env = buildAgentEnvironment(parentEnv);

    expect(env).toMatchObject({
      PATH: '/usr/bin',
      HOME: '/home/maintainer',
      LANG: 'C.UTF-8',
      LC_ALL: 'C.UTF-8',
      OPENAI_API_KEY: 'sk-openai',
      ANTHROPIC_BASE_URL: 'http://127.0.0.1:9999',
      COPILOT_GITHUB_TOKEN: 'copilot-own-token',
    });
  });

  it('drops everything not on the allow list', () => {
    const env = buildAgentEnvironment(parentEnv);

    expect(env).not.toHaveProperty('DATABASE_PASSWORD');
    expect(env).not.toHaveProperty('GITHUB_REPO');
    expect(env).not.toHaveProperty('UNSET');
  });

  it('passes listed extra names but never a denied one', () => {
    const env = buildAgentEnvironment(parentEnv, { passthrough: ['DATABASE_PASSWORD', 'GITHUB_TOKEN'] });

    expect(env).toHaveProperty('DATABASE_PASSWORD', 'db');
    expect(env).not.toHaveProperty('GITHUB_TOKEN');
  });

  it('stops git from prompting and asks for colourless output', () => {
    const env = buildAgentEnvironment({});

    expect(env).toEqual({ GIT_TERMINAL_PROMPT: '0', NO_COLOR: '1' });
  });
});

describe('isDeniedAgentVariable', () => {
  it.each([
    ['GITHUB_TOKEN', true],
    ['GITHUB_WRITE_TOKEN', true],
    ['GITHUB_WEBHOOK_SECRET', true],
    ['ADMIN_TOKEN', true],
    ['GH_TOKEN', true],
    ['GH_ENTERPRISE_TOKEN', true],
    ['GITHUB_PAT', true],
    ['GH_PAT_READONLY', true],
    ['GITHUB_APP_PRIVATE_KEY', true],
    ['GITHUB_API_URL', false],
    ['GITHUB_REPO', false],
    ['COPILOT_GITHUB_TOKEN', false],
  ])('%s denied: %s', (name, denied) => {
    expect(isDeniedAgentVariable(name)).toBe(denied);
  });
});
