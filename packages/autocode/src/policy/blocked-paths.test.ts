import { describe, expect, it } from 'vitest';
import { policyDefaults } from '../config/policy-settings.js';
import { isBlockedPath, matchesPathEntry, normalizeRepoPath } from './blocked-paths.js';

const defaults = policyDefaults.blockedPaths;

describe('normalizeRepoPath', () => {
  it.each([
    ['  src/a.ts ', 'src/a.ts'],
    ['src\\lib\\a.ts', 'src/lib/a.ts'],
    ['./././src/a.ts', 'src/a.ts'],
    ['/deploy/x', 'deploy/x'],
    ['//./deploy//x', 'deploy/x'],
    ['', ''],
  ])('normalises %j to %j', (raw, expected) => {
    expect(normalizeRepoPath(raw)).toBe(expected);
  });
});

describe('matchesPathEntry', () => {
  it.each([
    ['deploy', 'deploy/', true],
    ['deploy/app.yaml', 'deploy/', true],
    ['deployment/app.yaml', 'deploy/', false],
    ['README.md', 'README.md', true],
    ['README.md/x', 'README.md', true],
    ['README.mdx', 'README.md', false],
    ['anything', '', false],
  ])('matches %j against the entry %j: %s', (path, entry, expected) => {
    expect(matchesPathEntry(path, entry)).toBe(expected);
  });
});

describe('isBlockedPath', () => {
  it.each([
    ['.env', true],
    ['.env.example', false],
    ['deploy/app.yaml', true],
  ])('blocks %j under [.env, deploy/]: %s', (path, expected) => {
    expect(isBlockedPath(path, ['.env', 'deploy/'])).toBe(expected);
  });

  it.each([
    ['./.github/workflows/ci.yml', true],
    ['infrastructure/a', false],
    ['/deploy/x', true],
    ['migrations/0001.sql', true],
    ['secrets/key.pem', true],
    ['src/infra/notes.ts', false],
  ])('blocks %j under the default list: %s', (path, expected) => {
    expect(isBlockedPath(path, defaults)).toBe(expected);
  });

  it.each([
    '.GitHub/Workflows/x.yml',
    '.GITHUB/WORKFLOWS/release.yml',
    'Infra/main.tf',
    'DEPLOY/app.yaml',
    '.ENV',
  ])('ignores case, so %j is blocked', (path) => {
    expect(isBlockedPath(path, defaults)).toBe(true);
  });

  it.each(['.env.local', '.env.production', 'config/.env', 'x/.env.test', 'a/b/.env.development.local'])(
    'treats the env variant %j as blocked by `.env`',
    (path) => {
      expect(isBlockedPath(path, defaults)).toBe(true);
    },
  );

  it.each([
    '.env.example',
    '.env.sample',
    '.env.template',
    'config/.env.example',
    '.env.local.example',
    '.envrc',
  ])('leaves the documentation file %j alone', (path) => {
    expect(isBlockedPath(path, defaults)).toBe(false);
  });

  it('limits a directory-qualified `.env` entry to that directory', () => {
    const entries = ['config/.env'];

    expect([
      isBlockedPath('config/.env.local', entries),
      isBlockedPath('config/.env', entries),
      isBlockedPath('.env', entries),
      isBlockedPath('other/.env', entries),
    ]).toEqual([true, true, false, false]);
  });

  it('normalises the entries too and skips empty ones', () => {
    expect(isBlockedPath('tools/run.sh', ['  ', './tools\\'])).toBe(true);
    expect(isBlockedPath('src/a.ts', ['', ' '])).toBe(false);
  });

  it('never blocks an empty path', () => {
    expect(isBlockedPath('  ', defaults)).toBe(false);
  });
});
