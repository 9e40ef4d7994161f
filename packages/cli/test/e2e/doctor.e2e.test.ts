import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { EnvRecord } from '@patchloop/core';
import {
  createBareRepository,
  isolatedGitEnv,
  startFakeGitHub,
  writeFakeAgentScenario,
} from '@patchloop/sandbox';
import { describe, expect, it, onTestFinished } from 'vitest';
import { runDoctor } from '../../src/commands/doctor/run-doctor.js';
import { createBufferedOutput } from '../../src/output.js';

interface Sandbox {
  readonly dir: string;
  readonly clone: string;
  readonly github: Awaited<ReturnType<typeof startFakeGitHub>>;
  readonly bare: ReturnType<typeof createBareRepository>;
  /** Runs doctor with `doctor.env` plus `overrides` as the real environment (which wins). */
  doctor(daemon: 'review' | 'code', overrides?: EnvRecord): Promise<{ code: number; lines: string[] }>;
}

// A complete sandbox: fake GitHub, a bare remote and its clone, the fake agent as the custom CLI.
async function createSandbox(): Promise<Sandbox> {
  const dir = mkdtempSync(path.join(tmpdir(), 'patchloop-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const bare = createBareRepository({ files: { 'README.md': '# widgets\n' } });
  onTestFinished(() => bare.close());
  const clone = bare.clone(path.join(dir, 'clone'));
  const github = await startFakeGitHub({ owner: 'acme', repo: 'widgets' });
  onTestFinished(() => github.close());
  github.model.setPermission('patchloop-bot', 'write');
  const agent = writeFakeAgentScenario(dir, [[{ kind: 'print', text: 'done' }]]);
  writeFileSync(
    path.join(dir, 'doctor.env'),
    [
      'GITHUB_REPO=acme/widgets',
      'GITHUB_TOKEN=read-token',
      'GITHUB_WRITE_TOKEN=write-token',
      `GITHUB_API_URL=${github.url}`,
      'LOCAL_REPO_PATH=./clone',
      'PRIMARY_CLI=custom',
    ].join('\n'),
  );
  const doctor: Sandbox['doctor'] = async (daemon, overrides = {}) => {
    const output = createBufferedOutput();
    const code = await runDoctor({
      daemon,
      envFile: 'doctor.env',
      processEnv: { ...isolatedGitEnv(), PRIMARY_CLI_COMMAND: agent.command, ...overrides },
      cwd: dir,
      homeDir: dir,
      output,
    });
    return { code, lines: [...output.stdout, ...output.stderr] };
  };
  return { dir, clone, github, bare, doctor };
}

/** The FAIL line of a check and the fix printed under it. */
function failure(lines: readonly string[], name: string): { line: string; fix: string | undefined } {
  const index = lines.findIndex((line) => line.startsWith(`FAIL ${name}:`));
  const fix = lines.slice(index + 1).find((line) => line.trimStart().startsWith('fix: '));
  return { line: lines[index] ?? '(no FAIL line)', fix: fix?.trim() };
}

describe('patchloop doctor', () => {
  it('passes every check of a good review configuration and prints it with secrets masked', async () => {
    const sandbox = await createSandbox();

    const { code, lines } = await sandbox.doctor('review');

    expect(lines.filter((line) => line.startsWith('FAIL') || line.startsWith('SKIP'))).toEqual([]);
    expect(code).toBe(0);
    expect(lines).toContain('ok   GitHub token: patchloop-reader can read acme/widgets (permission: read)');
    expect(lines.some((line) => line.startsWith('ok   Coding CLI custom (primary):'))).toBe(true);
    expect(
      lines.some((line) => line.startsWith('ok   Default branch: main found as refs/remotes/origin/main')),
    ).toBe(true);
    expect(lines).toContain('  github.token = "[redacted]"');
    expect(lines.join('\n')).not.toContain('read-token');
    expect(lines.at(-1)).toMatch(/^doctor: \d+ checks passed, 0 failed$/);
    sandbox.github.assertNoViolations();
  });

  it('passes a good code configuration in live mode, including a built-in fallback CLI answering --version', async () => {
    const sandbox = await createSandbox();

    const { code, lines } = await sandbox.doctor('code', {
      DRY_RUN: 'false',
      FALLBACK_CLIS: 'codex',
      CLI_CODEX_COMMAND: process.execPath,
    });

    expect(lines.filter((line) => line.startsWith('FAIL') || line.startsWith('SKIP'))).toEqual([]);
    expect(code).toBe(0);
    expect(lines).toContain(
      'ok   GitHub write token: GITHUB_WRITE_TOKEN acts as patchloop-bot (permission on acme/widgets: write)',
    );
    expect(lines).toContain(`ok   Coding CLI codex (fallback): ${process.execPath}: ${process.version}`);
    expect(lines).toContain('  github.writeToken = "[redacted]"');
  });

  it('names a wrong GitHub token and says how to fix it', async () => {
    const sandbox = await createSandbox();

    const { code, lines } = await sandbox.doctor('review', { GITHUB_TOKEN: 'wrong-token' });

    expect(code).toBe(1);
    const { line, fix } = failure(lines, 'GitHub token');
    expect(line).toContain('401');
    expect(fix).toBe(`fix: set GITHUB_TOKEN to a valid, unexpired token for ${sandbox.github.url}`);
    expect(lines.at(-1)).toMatch(/^doctor: \d+ checks passed, 1 failed$/);
  });

  it('names a coding CLI that is not installed', async () => {
    const sandbox = await createSandbox();

    const { code, lines } = await sandbox.doctor('review', {
      PRIMARY_CLI: 'codex',
      CLI_CODEX_COMMAND: '/nonexistent/codex',
    });

    expect(code).toBe(1);
    const { line, fix } = failure(lines, 'Coding CLI codex (primary)');
    expect(line).toContain('/nonexistent/codex was not found');
    expect(fix).toContain('npm install -g @openai/codex');
    expect(fix).toContain('CLI_CODEX_COMMAND');
  });

  it('names a custom command whose executable does not exist', async () => {
    const sandbox = await createSandbox();

    const { code, lines } = await sandbox.doctor('review', { PRIMARY_CLI_COMMAND: 'no-such-agent --flag' });

    expect(code).toBe(1);
    expect(failure(lines, 'Coding CLI custom (primary)').line).toContain(
      'no-such-agent is not an executable',
    );
  });

  it('names a missing local repository and skips the checks that need it', async () => {
    const sandbox = await createSandbox();

    const { code, lines } = await sandbox.doctor('code', { LOCAL_REPO_PATH: path.join(sandbox.dir, 'gone') });

    expect(code).toBe(1);
    const { line, fix } = failure(lines, 'Local repository');
    expect(line).toContain(`${path.join(sandbox.dir, 'gone')} does not exist`);
    expect(fix).toContain('set LOCAL_REPO_PATH to your clone');
    expect(lines).toContain('SKIP Git remote: skipped: LOCAL_REPO_PATH is not a usable clone');
    expect(lines.at(-1)).toMatch(/^doctor: \d+ checks passed, 3 failed$/);
  });

  it('fails a read-only write token for code in live mode', async () => {
    const sandbox = await createSandbox();
    sandbox.github.model.setPermission('patchloop-bot', 'read');

    const { code, lines } = await sandbox.doctor('code', { DRY_RUN: 'false' });

    expect(code).toBe(1);
    const { line, fix } = failure(lines, 'GitHub write token');
    expect(line).toContain('patchloop-bot (permission on acme/widgets: read)');
    expect(fix).toContain('give patchloop-bot write access to acme/widgets');
  });

  it('accepts a read-only write token while DRY_RUN=true', async () => {
    const sandbox = await createSandbox();
    sandbox.github.model.setPermission('patchloop-bot', 'read');

    const { code, lines } = await sandbox.doctor('code');

    expect(code).toBe(0);
    expect(lines.some((line) => line.includes('enough while DRY_RUN=true, not for live mode'))).toBe(true);
  });

  it('names a missing remote for code (EXECUTION_PUSH_REMOTE)', async () => {
    const sandbox = await createSandbox();

    const { code, lines } = await sandbox.doctor('code', { EXECUTION_PUSH_REMOTE: 'upstream' });

    expect(code).toBe(1);
    const { line, fix } = failure(lines, 'Git remote');
    expect(line).toContain('has no remote named upstream');
    expect(fix).toContain('set EXECUTION_PUSH_REMOTE to an existing remote');
  });

  it('finds a default branch that exists only on the remote, and names one that exists nowhere', async () => {
    const sandbox = await createSandbox();
    sandbox.bare.commit({ branch: 'develop', files: { 'a.txt': 'a\n' }, message: 'develop' });

    const onRemote = await sandbox.doctor('review', { LOCAL_REPO_DEFAULT_BRANCH: 'develop' });
    const nowhere = await sandbox.doctor('review', { LOCAL_REPO_DEFAULT_BRANCH: 'trunk' });

    expect(onRemote.code).toBe(0);
    expect(
      onRemote.lines.some((line) => line.startsWith('ok   Default branch: develop exists on origin')),
    ).toBe(true);
    expect(nowhere.code).toBe(1);
    expect(failure(nowhere.lines, 'Default branch').fix).toContain('set LOCAL_REPO_DEFAULT_BRANCH');
  });

  it('reports a configuration that does not load as one failure listing every bad key, skipping the rest', async () => {
    const sandbox = await createSandbox();

    const { code, lines } = await sandbox.doctor('code', {
      GITHUB_REPO: 'not-a-repo',
      EVENT_SOURCE: 'pigeon',
    });

    expect(code).toBe(1);
    const text = lines.join('\n');
    expect(text).toContain('FAIL Configuration: Invalid configuration (2 problems):');
    expect(text).toContain('- GITHUB_REPO:');
    expect(text).toContain('- EVENT_SOURCE:');
    expect(lines.some((line) => line.startsWith('ok   Git: git version'))).toBe(true);
    expect(lines).toContain('SKIP GitHub token: skipped: the configuration did not load');
    expect(text).not.toContain('Effective configuration');
    expect(lines.at(-1)).toBe('doctor: 1 checks passed, 5 failed');
  });
});
