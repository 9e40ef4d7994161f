import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The fixed identity every fixture commit carries unless a test asks for another. */
export const fixtureIdentity = { name: 'PatchLoop Fixture', email: 'fixture@patchloop.invalid' } as const;

/**
 * A fixed, minimal PATH: fixtures must not depend on the developer's shell, and library
 * code may not read `process.env`. Pass `PATH` in `extra` when git lives elsewhere.
 */
const systemPath = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/**
 * Git settings applied through GIT_CONFIG_COUNT so they reach every git process started
 * with this env, including the ones PatchLoop's own code starts.
 */
const isolatedConfig: ReadonlyArray<readonly [string, string]> = [
  ['gc.auto', '0'],
  ['maintenance.auto', 'false'],
  ['init.defaultBranch', 'main'],
  ['advice.detachedHead', 'false'],
  ['commit.gpgSign', 'false'],
];

/**
 * The environment for git in tests: no global or system config, only the `file` transport,
 * a fixed author and committer, auto-gc off, stable (C locale) messages and an empty HOME.
 * `extra` entries win (e.g. `GIT_AUTHOR_DATE` for reproducible shas).
 */
export function isolatedGitEnv(extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  const env: Record<string, string> = {
    PATH: systemPath,
    HOME: ensureEmptyHome(),
    LC_ALL: 'C',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_SYSTEM: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_ALLOW_PROTOCOL: 'file',
    GIT_TERMINAL_PROMPT: '0',
    GIT_AUTHOR_NAME: fixtureIdentity.name,
    GIT_AUTHOR_EMAIL: fixtureIdentity.email,
    GIT_COMMITTER_NAME: fixtureIdentity.name,
    GIT_COMMITTER_EMAIL: fixtureIdentity.email,
    GIT_CONFIG_COUNT: String(isolatedConfig.length),
  };
  isolatedConfig.forEach(([key, value], index) => {
    env[`GIT_CONFIG_KEY_${index}`] = key;
    env[`GIT_CONFIG_VALUE_${index}`] = value;
  });
  return { ...env, ...extra };
}

/**
 * One shared, empty HOME under the temp dir: git never reads it (global config is
 * /dev/null) but tools that look for `~/.config` must not find the developer's files.
 * Shared rather than per call so that fixtures do not leak a directory per test.
 */
function ensureEmptyHome(): string {
  const home = path.join(os.tmpdir(), 'patchloop-git-home');
  fs.mkdirSync(home, { recursive: true });
  return home;
}
