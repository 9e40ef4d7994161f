import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startFakeGitHub } from '@patchloop/sandbox';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createBufferedOutput } from './output.js';
import { runCli, usageErrorExitCode } from './run-cli.js';

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'patchloop-cli-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const neverShutdown = (): Promise<string> => new Promise(() => undefined);

async function run(argv: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  const output = createBufferedOutput();
  const code = await runCli({
    argv,
    env: options.env ?? {},
    cwd: options.cwd ?? tempDir(),
    homeDir: tmpdir(),
    output,
    untilShutdown: neverShutdown,
  });
  return { code, ...output };
}

describe('runCli', () => {
  it('prints help and exits 0 when called without a command', async () => {
    const result = await run([]);

    expect(result.code).toBe(0);
    expect(result.stdout.join('\n')).toContain('Usage: patchloop <command>');
  });

  it('prints the package version', async () => {
    const result = await run(['--version']);

    expect(result.code).toBe(0);
    expect(result.stdout).toEqual([expect.stringMatching(/^\d+\.\d+\.\d+/)]);
  });

  it('exits 2 with a clear message for an unknown command', async () => {
    const result = await run(['deploy']);

    expect(result.code).toBe(usageErrorExitCode);
    expect(result.stderr[0]).toBe(
      'patchloop: Unknown command "deploy". Commands: demo, review, code, doctor, tasks, state.',
    );
  });

  it('exits 2 for a bad flag', async () => {
    const result = await run(['review', '--port', '80']);

    expect(result.code).toBe(usageErrorExitCode);
    expect(result.stderr[0]).toContain("Unknown option '--port'");
  });

  it('stops with one message naming every bad key of the env file, without printing secrets', async () => {
    const dir = tempDir();
    writeFileSync(
      path.join(dir, 'bad.env'),
      ['GITHUB_REPO=acme', 'GITHUB_TOKEN=ghp_topsecretvalue', 'DRY_RUN=yes', 'SERVER_PORT=eighty'].join('\n'),
    );

    const result = await run(['review', '--env', 'bad.env'], { cwd: dir });

    expect(result.code).toBe(1);
    expect(result.stderr).toHaveLength(1);
    const message = result.stderr[0] ?? '';
    for (const key of ['GITHUB_REPO', 'DRY_RUN', 'SERVER_PORT', 'LOCAL_REPO_PATH'])
      expect(message).toContain(key);
    expect(message).not.toContain('ghp_topsecretvalue');
  });

  it('refuses an --env file that does not exist', async () => {
    const result = await run(['code', '--env', 'nowhere.env']);

    expect(result.code).toBe(1);
    expect(result.stderr[0]).toContain('nowhere.env does not exist');
  });

  it('lets real environment variables win over the env file', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, '.env'), 'GITHUB_REPO=acme\n');

    const result = await run(['review'], {
      cwd: dir,
      env: { GITHUB_REPO: 'acme/widgets', DRY_RUN: 'maybe' },
    });

    expect(result.code).toBe(1);
    expect(result.stderr[0]).not.toContain('- GITHUB_REPO:');
    expect(result.stderr[0]).toContain('- DRY_RUN:');
  });

  it.each([
    ['review', 'openreview'],
    ['code', 'autocode'],
  ])('starts "patchloop %s", answers /health, and stops cleanly on shutdown', async (command, service) => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'repo'));
    const github = await startFakeGitHub({ owner: 'acme', repo: 'widgets' });
    onTestFinished(() => github.close());
    writeFileSync(
      path.join(dir, '.env'),
      [
        'GITHUB_REPO=acme/widgets',
        'GITHUB_TOKEN=read-token',
        `GITHUB_API_URL=${github.url}`,
        'LOCAL_REPO_PATH=./repo',
        'SERVER_PORT=0',
      ].join('\n'),
    );
    let shutdown: (signal: string) => void = () => undefined;
    const output = createBufferedOutput();

    const exit = runCli({
      argv: [command],
      env: {},
      cwd: dir,
      homeDir: tmpdir(),
      output,
      untilShutdown: () => new Promise((resolve) => (shutdown = resolve)),
    });
    await expect.poll(() => output.stdout.length).toBeGreaterThan(0);
    const url = /listening on (\S+)/.exec(output.stdout[0] ?? '')?.[1] ?? '';
    const health = (await (await fetch(`${url}/health`)).json()) as Record<string, unknown>;
    shutdown('SIGTERM');

    expect(health).toMatchObject({ status: 'ok', service, dryRun: true });
    expect(await exit).toBe(0);
  });
});
