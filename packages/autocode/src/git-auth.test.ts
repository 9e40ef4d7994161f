import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBareRepository } from '@patchloop/sandbox';
import { describe, expect, it, onTestFinished } from 'vitest';
import { readRemoteUrl, remoteAuthConfig } from './git-auth.js';

const basic = (credentials: string) => `AUTHORIZATION: basic ${Buffer.from(credentials).toString('base64')}`;

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'patchloop-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('remoteAuthConfig', () => {
  it('authenticates an https remote with one extraheader keyed by its origin', () => {
    const config = remoteAuthConfig({
      remoteUrl: 'https://github.com/acme/widgets.git',
      login: undefined,
      token: 'ghs_secret',
    });

    expect(config).toEqual({ 'http.https://github.com/.extraheader': basic('x-access-token:ghs_secret') });
  });

  it('uses the configured login in the credentials', () => {
    const config = remoteAuthConfig({
      remoteUrl: 'https://github.com/acme/widgets.git',
      login: 'patchloop-bot',
      token: 'ghs_secret',
    });

    expect(Object.values(config)).toEqual([basic('patchloop-bot:ghs_secret')]);
  });

  it('keys a GitHub Enterprise remote by host and port, without credentials in the URL', () => {
    const config = remoteAuthConfig({
      remoteUrl: 'https://someone:old@ghe.example.com:8443/acme/widgets.git',
      login: undefined,
      token: 'ghs_secret',
    });

    expect(Object.keys(config)).toEqual(['http.https://ghe.example.com:8443/.extraheader']);
  });

  it.each([
    { kind: 'an ssh URL', remoteUrl: 'ssh://git@github.com/acme/widgets.git' },
    { kind: 'an scp-like address', remoteUrl: 'git@github.com:acme/widgets.git' },
    { kind: 'a file URL', remoteUrl: 'file:///srv/git/widgets.git' },
    { kind: 'a plain path', remoteUrl: '/srv/git/widgets.git' },
    { kind: 'no remote', remoteUrl: undefined },
  ])('adds nothing for $kind', ({ remoteUrl }) => {
    const config = remoteAuthConfig({ remoteUrl, login: undefined, token: 'ghs_secret' });

    expect(config).toEqual({});
  });
});

describe('readRemoteUrl', () => {
  it("reads the remote's URL from a real clone", () => {
    const origin = createBareRepository({ files: { 'README.md': '# widgets\n' } });
    onTestFinished(() => origin.close());
    const clone = origin.clone(join(tempDir(), 'widgets'));

    const url = readRemoteUrl(clone, 'origin');

    expect(url).toBe(origin.url);
  });

  it('answers undefined for a remote the clone does not have', () => {
    const origin = createBareRepository({ files: { 'README.md': '# widgets\n' } });
    onTestFinished(() => origin.close());
    const clone = origin.clone(join(tempDir(), 'widgets'));

    const url = readRemoteUrl(clone, 'upstream');

    expect(url).toBeUndefined();
  });

  it('answers undefined for a directory that is not a git repository', () => {
    const url = readRemoteUrl(tempDir(), 'origin');

    expect(url).toBeUndefined();
  });
});
