import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isolatedGitEnv } from '@patchloop/sandbox';
import { describe, expect, it, onTestFinished } from 'vitest';
import { GitError } from '../errors/app-error.js';
import { createGit } from './create-git.js';

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'patchloop-'));
  onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function aRepository() {
  const dir = tempDir();
  const git = createGit({ baseDir: dir, baseEnv: isolatedGitEnv() });
  await git.run(['init', '--quiet', '--initial-branch=main']);
  fs.writeFileSync(path.join(dir, 'README.md'), '# demo\n');
  await git.run(['add', '-A']);
  await git.run(['commit', '--quiet', '-m', 'init']);
  return { dir, git };
}

describe('createGit', () => {
  it('returns the stdout of a command', async () => {
    const { git } = await aRepository();

    const subject = await git.run(['log', '-1', '--format=%s']);

    expect(subject.trim()).toBe('init');
  });

  it('creates a missing base directory instead of failing', async () => {
    const dir = path.join(tempDir(), 'not', 'yet');

    const git = createGit({ baseDir: dir, baseEnv: isolatedGitEnv() });

    expect(fs.existsSync(dir)).toBe(true);
    await expect(git.run(['--version'])).resolves.toMatch(/^git version/);
  });

  it('throws a GitError naming the command and git reason on a non-zero exit', async () => {
    const { git } = await aRepository();

    const failure = git.run(['rev-parse', '--verify', 'no-such-branch']);

    await expect(failure).rejects.toThrow(GitError);
    await expect(failure).rejects.toThrow(/git rev-parse --verify no-such-branch failed \(exit 128\)/);
  });

  it('reports a non-zero exit as a value from tryRun', async () => {
    const { git } = await aRepository();

    const result = await git.tryRun(['rev-parse', '--verify', '--quiet', 'no-such-branch']);

    expect(result).toEqual({ ok: false, exitCode: 1, stdout: '', stderr: '' });
  });

  it('ignores an inherited GIT_DIR that points at another repository', async () => {
    const { dir, git: other } = await aRepository();
    const { dir: mine } = await aRepository();
    const otherGitDir = path.join(dir, '.git');
    const git = createGit({ baseDir: mine, baseEnv: { ...isolatedGitEnv(), GIT_DIR: otherGitDir } });

    const topLevel = await git.run(['rev-parse', '--show-toplevel']);

    expect(fs.realpathSync(topLevel.trim())).toBe(fs.realpathSync(mine));
    expect((await other.run(['rev-parse', '--show-toplevel'])).trim()).not.toBe(topLevel.trim());
  });

  it('never runs repository hooks', async () => {
    const { dir, git } = await aRepository();
    const hook = path.join(dir, '.git', 'hooks', 'pre-commit');
    fs.writeFileSync(hook, '#!/bin/sh\necho planted > "$(git rev-parse --show-toplevel)/pwned"\nexit 1\n', {
      mode: 0o755,
    });
    fs.writeFileSync(path.join(dir, 'change.txt'), 'x\n');

    await git.run(['add', '-A']);
    await git.run(['commit', '--quiet', '-m', 'with hook present']);

    expect(fs.existsSync(path.join(dir, 'pwned'))).toBe(false);
    expect((await git.run(['log', '-1', '--format=%s'])).trim()).toBe('with hook present');
  });

  it('passes configured settings to git through the environment', async () => {
    const { dir } = await aRepository();
    const git = createGit({ baseDir: dir, baseEnv: isolatedGitEnv(), config: { 'patchloop.probe': 'yes' } });

    const value = await git.run(['config', '--get', 'patchloop.probe']);

    expect(value.trim()).toBe('yes');
  });

  it('applies per-call environment without changing later calls', async () => {
    const { dir, git } = await aRepository();
    const scratchIndex = path.join(dir, '.git', 'scratch-index');

    await git.run(['read-tree', 'HEAD'], { env: { GIT_INDEX_FILE: scratchIndex } });
    const files = await git.run(['ls-files'], { env: { GIT_INDEX_FILE: scratchIndex } });

    expect(fs.existsSync(scratchIndex)).toBe(true);
    expect(files.trim()).toBe('README.md');
    await expect(git.run(['ls-files'])).resolves.toBe('README.md\n');
  });

  it('kills a command that exceeds its timeout and reports a retryable GitError', async () => {
    const { git } = await aRepository();

    // hash-object --stdin waits for input that never comes.
    const hung = git.run(['hash-object', '--stdin'], { timeoutMs: 300 });

    await expect(hung).rejects.toMatchObject({ code: 'GIT_COMMAND_FAILED', retryable: true });
    await expect(hung).rejects.toThrow(/timed out after 300 ms/);
  });

  it('returns a runner for another directory with the same settings', async () => {
    const { git } = await aRepository();
    const { dir: second } = await aRepository();

    const top = await git.at(second).run(['rev-parse', '--show-toplevel']);

    expect(fs.realpathSync(top.trim())).toBe(fs.realpathSync(second));
  });
});
