import { describe, expect, it } from 'vitest';
import { buildGitEnv } from './git-env.js';

function configEntries(env: Record<string, string>): Array<[string | undefined, string | undefined]> {
  const count = Number(env['GIT_CONFIG_COUNT']);
  return Array.from({ length: count }, (_, i) => [env[`GIT_CONFIG_KEY_${i}`], env[`GIT_CONFIG_VALUE_${i}`]]);
}

describe('buildGitEnv', () => {
  it('keeps ordinary variables such as PATH and HOME', () => {
    const env = buildGitEnv({ PATH: '/usr/bin', HOME: '/home/op', SSH_AUTH_SOCK: '/tmp/agent' });

    expect(env).toMatchObject({ PATH: '/usr/bin', HOME: '/home/op', SSH_AUTH_SOCK: '/tmp/agent' });
  });

  it.each([
    'GIT_DIR',
    'GIT_WORK_TREE',
    'GIT_INDEX_FILE',
    'GIT_OBJECT_DIRECTORY',
    'GIT_COMMON_DIR',
    'GIT_TRACE',
  ])('drops the inherited repository-pointing variable %s', (key) => {
    const env = buildGitEnv({ PATH: '/usr/bin', [key]: '/somewhere/else' });

    expect(env[key]).toBeUndefined();
  });

  it('pins the locale to C so error texts can be matched', () => {
    const env = buildGitEnv({ LANG: 'de_DE.UTF-8', LANGUAGE: 'de', LC_MESSAGES: 'de_DE.UTF-8' });

    expect(env['LC_ALL']).toBe('C');
    expect(env['LANG']).toBeUndefined();
    expect(env['LANGUAGE']).toBeUndefined();
    expect(env['LC_MESSAGES']).toBeUndefined();
  });

  it('disables every prompt and pager even when the base env sets them', () => {
    const env = buildGitEnv({
      GIT_TERMINAL_PROMPT: '1',
      GIT_ASKPASS: '/usr/bin/ksshaskpass',
      GIT_PAGER: 'less',
    });

    expect(env).toMatchObject({
      GIT_TERMINAL_PROMPT: '0',
      GIT_ASKPASS: '',
      GIT_PAGER: 'cat',
      GIT_EDITOR: 'true',
    });
  });

  it('makes ssh fail instead of prompting unless the operator chose an ssh command', () => {
    expect(buildGitEnv({})['GIT_SSH_COMMAND']).toBe('ssh -o BatchMode=yes');
    expect(buildGitEnv({ GIT_SSH_COMMAND: 'ssh -i key' })['GIT_SSH_COMMAND']).toBe('ssh -i key');
  });

  it('keeps inherited GIT_CONFIG_COUNT entries and puts PatchLoop settings after them', () => {
    const env = buildGitEnv(
      { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'gc.auto', GIT_CONFIG_VALUE_0: '0' },
      { 'http.extraheader': 'AUTHORIZATION: basic xyz' },
    );

    const entries = configEntries(env);

    expect(entries[0]).toEqual(['gc.auto', '0']);
    expect(entries[1]).toEqual(['http.extraheader', 'AUTHORIZATION: basic xyz']);
    expect(entries).toContainEqual(['core.hooksPath', '/dev/null']);
  });

  it('lets later operator entries not override the disabled hooks', () => {
    const env = buildGitEnv({}, { 'core.hooksPath': '/repo/.githooks' });

    const hookEntries = configEntries(env).filter(([key]) => key === 'core.hooksPath');

    expect(hookEntries.at(-1)).toEqual(['core.hooksPath', '/dev/null']);
  });

  it('applies per-call extras last', () => {
    const env = buildGitEnv({ PATH: '/usr/bin' }, {}, { GIT_INDEX_FILE: '/tmp/scratch-index' });

    expect(env['GIT_INDEX_FILE']).toBe('/tmp/scratch-index');
  });
});
