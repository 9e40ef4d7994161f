import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFakeGitHub } from '@patchloop/sandbox';
import { describe, expect, it, onTestFinished } from 'vitest';

// The one smoke test of the real, built `patchloop` binary: argv, env file, signals, exit codes.
const bin = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));

interface Finished {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function spawnPatchloop(args: string[], cwd: string) {
  const child = spawn(process.execPath, [bin, ...args], { cwd, env: { PATH: process.env['PATH'] ?? '' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const finished = new Promise<Finished>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
  onTestFinished(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  return { child, finished, output: () => stdout };
}

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'patchloop-bin-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('the patchloop binary', () => {
  it('exits 2 with a usage message for an unknown command', async () => {
    const { finished } = spawnPatchloop(['frobnicate'], tempDir());

    const result = await finished;

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unknown command "frobnicate"');
  });

  it('starts the review daemon from --env, serves /health and exits 0 on SIGTERM', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'clone'));
    const github = await startFakeGitHub({ owner: 'acme', repo: 'widgets' });
    onTestFinished(() => github.close());
    writeFileSync(
      path.join(dir, 'review.env'),
      [
        'GITHUB_REPO=acme/widgets',
        'GITHUB_TOKEN=read-token',
        `GITHUB_API_URL=${github.url}`,
        'LOCAL_REPO_PATH=./clone',
        'SERVER_PORT=0',
      ].join('\n'),
    );
    const { child, finished, output } = spawnPatchloop(['review', '--env', 'review.env'], dir);

    await expect.poll(() => /listening on (\S+)/.exec(output())?.[1], { timeout: 15_000 }).toBeDefined();
    const url = /listening on (\S+)/.exec(output())?.[1] ?? '';
    const health = await fetch(`${url}/health`);
    child.kill('SIGTERM');
    const result = await finished;

    expect(health.status).toBe(200);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('SIGTERM received, stopping');
  });

  it('stops with one message naming every bad key and exit code 1 for a bad env file', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'bad.env'), 'GITHUB_REPO=not-a-repo\nEVENT_SOURCE=carrier-pigeon\n');
    const { finished } = spawnPatchloop(['code', '--env', 'bad.env'], dir);

    const result = await finished;

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Invalid configuration \(\d+ problems\)/);
    for (const key of ['GITHUB_REPO', 'EVENT_SOURCE', 'GITHUB_TOKEN'])
      expect(result.stderr).toContain(`- ${key}:`);
  });
});
