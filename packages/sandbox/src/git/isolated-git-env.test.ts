import { describe, expect, it } from 'vitest';
import { isolatedGitEnv } from './isolated-git-env.js';

describe('isolatedGitEnv', () => {
  it('shuts out global and system config and every transport but file', () => {
    const env = isolatedGitEnv();

    expect(env).toMatchObject({
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_CONFIG_SYSTEM: '/dev/null',
      GIT_ALLOW_PROTOCOL: 'file',
      GIT_TERMINAL_PROMPT: '0',
      LC_ALL: 'C',
    });
  });

  it('turns auto-gc off through command-scope config', () => {
    const env = isolatedGitEnv();
    const count = Number(env['GIT_CONFIG_COUNT']);
    const pairs = Array.from({ length: count }, (_, i) => [
      env[`GIT_CONFIG_KEY_${i}`],
      env[`GIT_CONFIG_VALUE_${i}`],
    ]);

    expect(pairs).toContainEqual(['gc.auto', '0']);
  });

  it('fixes the author and committer', () => {
    const env = isolatedGitEnv();

    expect(env['GIT_AUTHOR_NAME']).toBe(env['GIT_COMMITTER_NAME']);
    expect(env['GIT_AUTHOR_EMAIL']).toMatch(/@patchloop\.invalid$/);
  });

  it('lets extra entries override the defaults', () => {
    const env = isolatedGitEnv({ GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z', GIT_AUTHOR_NAME: 'Ada' });

    expect(env['GIT_AUTHOR_DATE']).toBe('2026-01-01T00:00:00Z');
    expect(env['GIT_AUTHOR_NAME']).toBe('Ada');
  });
});
