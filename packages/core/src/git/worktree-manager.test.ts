import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBareRepository, createFakeClock, isolatedGitEnv } from '@patchloop/sandbox';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createSilentLogger } from '../logging/create-logger.js';
import { createGit } from './create-git.js';
import { parseWorktreeList } from './worktree-list.js';
import type { CreateWorktreeManagerOptions } from './worktree-manager.js';
import { createWorktreeManager } from './worktree-manager.js';

const branch = 'autocode/issue-1-fix-crash';

function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'patchloop-'));
  onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }));
  const origin = createBareRepository({ dir: path.join(dir, 'remote'), files: { 'README.md': '# demo\n' } });
  const repoPath = fs.realpathSync(origin.clone(path.join(dir, 'clone')));
  const worktreeRoot = path.join(dir, 'runs');
  const options: CreateWorktreeManagerOptions = {
    repoPath,
    worktreeRoot,
    remote: 'origin',
    defaultBranch: 'main',
    identity: { name: 'PatchLoop Bot', email: 'bot@patchloop.invalid' },
    env: isolatedGitEnv(),
    logger: createSilentLogger(),
    clock: createFakeClock(),
  };
  const git = createGit({ baseDir: repoPath, baseEnv: isolatedGitEnv() });
  const registered = async () =>
    parseWorktreeList(await git.run(['worktree', 'list', '--porcelain'])).slice(1);
  return {
    dir,
    origin,
    repoPath,
    worktreeRoot,
    options,
    git,
    registered,
    manager: createWorktreeManager(options),
  };
}

describe('worktreeManager.prepare', () => {
  it('creates <root>/<taskKey> on a new branch from the remote base', async () => {
    const { manager, origin, worktreeRoot } = setup();

    const worktree = await manager.prepare({ taskKey: 'issue-1', branch, base: 'main' });

    expect(worktree.path).toBe(path.join(fs.realpathSync(worktreeRoot), 'issue-1'));
    expect(worktree).toMatchObject({ branch, branchExisted: false, baseSha: origin.readBranch('main') });
    expect(worktree.startSha).toBe(worktree.baseSha);
    expect(fs.readFileSync(path.join(worktree.path, 'README.md'), 'utf8')).toBe('# demo\n');
    expect(
      (
        await createGit({ baseDir: worktree.path, baseEnv: isolatedGitEnv() }).run([
          'branch',
          '--show-current',
        ])
      ).trim(),
    ).toBe(branch);
  });

  it('starts from the latest remote base, not from the clone it was made from', async () => {
    const { manager, origin } = setup();
    const newer = origin.commit({ branch: 'main', files: { 'later.txt': 'later\n' }, message: 'Later work' });

    const worktree = await manager.prepare({ taskKey: 'issue-1', branch, base: 'main' });

    expect(worktree.baseSha).toBe(newer);
    expect(fs.existsSync(path.join(worktree.path, 'later.txt'))).toBe(true);
  });

  it('continues the remote branch when it already exists and measures from the merge-base', async () => {
    const { manager, origin } = setup();
    const mainSha = origin.readBranch('main');
    const previous = origin.commit({
      branch,
      files: { 'fix.ts': 'export {};\n' },
      message: 'Earlier attempt',
    });

    const worktree = await manager.prepare({ taskKey: 'issue-1', branch, base: 'main' });

    expect(worktree).toMatchObject({ branchExisted: true, startSha: previous, baseSha: mainSha });
    expect(fs.existsSync(path.join(worktree.path, 'fix.ts'))).toBe(true);
  });

  it('leaves the operator clone on its branch with its files untouched', async () => {
    const { manager, git, repoPath } = setup();
    fs.writeFileSync(path.join(repoPath, 'local-edit.txt'), 'mine\n');

    await manager.prepare({ taskKey: 'issue-1', branch, base: 'main' });

    expect((await git.run(['branch', '--show-current'])).trim()).toBe('main');
    expect(await git.run(['status', '--porcelain'])).toBe('?? local-edit.txt\n');
    expect(await git.run(['config', '--get-regexp', '^branch\\.autocode'], {}).catch(() => 'none')).toBe(
      'none',
    );
  });

  it('recreates a worktree after a crash left its directory and registration behind', async () => {
    const { options, registered } = setup();
    const crashed = await createWorktreeManager(options).prepare({
      taskKey: 'issue-1',
      branch,
      base: 'main',
    });
    fs.writeFileSync(path.join(crashed.path, 'half-done.txt'), 'partial\n');

    const worktree = await createWorktreeManager(options).prepare({
      taskKey: 'issue-1',
      branch,
      base: 'main',
    });

    expect(worktree.path).toBe(crashed.path);
    expect(fs.existsSync(path.join(worktree.path, 'half-done.txt'))).toBe(false);
    expect((await registered()).map((entry) => entry.path)).toEqual([worktree.path]);
  });

  it('frees the branch from a stale worktree under another task key', async () => {
    const { options, registered } = setup();
    const old = await createWorktreeManager(options).prepare({
      taskKey: 'issue-1-run-1',
      branch,
      base: 'main',
    });

    const worktree = await createWorktreeManager(options).prepare({
      taskKey: 'issue-1-run-2',
      branch,
      base: 'main',
    });

    expect(fs.existsSync(old.path)).toBe(false);
    expect((await registered()).map((entry) => entry.path)).toEqual([worktree.path]);
  });

  it('recovers when a crashed rebase left the branch checked out in a detached worktree', async () => {
    const { options, origin, registered } = setup();
    const crashed = await createWorktreeManager(options).prepare({
      taskKey: 'issue-1-run-1',
      branch,
      base: 'main',
    });
    fs.writeFileSync(path.join(crashed.path, 'README.md'), '# mine\n');
    await crashed.commitAll({ message: 'Edit README' });
    origin.commit({ branch: 'main', files: { 'README.md': '# theirs\n' }, message: 'Conflicting edit' });
    const crashedGit = createGit({ baseDir: crashed.path, baseEnv: isolatedGitEnv() });
    await crashedGit.run(['fetch', 'origin', 'main']);
    await crashedGit.tryRun(['-c', 'user.name=x', '-c', 'user.email=x@x', 'rebase', 'FETCH_HEAD']);

    const worktree = await createWorktreeManager(options).prepare({
      taskKey: 'issue-1-run-2',
      branch,
      base: 'main',
    });

    expect((await registered()).map((entry) => entry.path)).toEqual([worktree.path]);
  });

  it('refuses a branch checked out outside the worktree root', async () => {
    const { manager, git, dir } = setup();
    await git.run([
      'worktree',
      'add',
      '--quiet',
      '-b',
      branch,
      path.join(dir, 'operator-checkout'),
      'origin/main',
    ]);

    const attempt = manager.prepare({ taskKey: 'issue-1', branch, base: 'main' });

    await expect(attempt).rejects.toMatchObject({ code: 'WORKTREE_IN_USE' });
    await expect(attempt).rejects.toThrow('operator-checkout');
  });

  it.each(['main', 'MAIN', 'refs/heads/main'])(
    'refuses to work directly on the protected branch %j',
    async (name) => {
      const { manager } = setup();

      await expect(manager.prepare({ taskKey: 'k', branch: name, base: 'main' })).rejects.toMatchObject({
        code: 'BRANCH_NAME_INVALID',
      });
    },
  );

  it.each(['../escape', '.locks', '', 'a/b'])('refuses the unsafe task key %j', async (taskKey) => {
    const { manager } = setup();

    await expect(manager.prepare({ taskKey, branch, base: 'main' })).rejects.toThrow(
      'not a safe directory name',
    );
  });
});

describe('worktreeManager.remove', () => {
  it('deletes the directory and the registration but not the remote branch', async () => {
    const { manager, registered } = setup();
    const worktree = await manager.prepare({ taskKey: 'issue-1', branch, base: 'main' });

    await manager.remove(worktree.path);

    expect(fs.existsSync(worktree.path)).toBe(false);
    expect(await registered()).toEqual([]);
  });

  it('refuses a path outside the worktree root', async () => {
    const { manager, repoPath } = setup();

    await expect(manager.remove(repoPath)).rejects.toThrow('not under');
    expect(fs.existsSync(path.join(repoPath, 'README.md'))).toBe(true);
  });
});

describe('worktreeManager.withWorktree', () => {
  it('holds the branch lock while the work runs and removes the worktree afterwards', async () => {
    const { manager, registered } = setup();

    const seen = await manager.withWorktree(
      { taskKey: 'issue-1', branch, base: 'main' },
      async (worktree) => ({
        path: worktree.path,
        locked: manager.branchLock.activeLock(branch) !== undefined,
      }),
    );

    expect(seen.locked).toBe(true);
    expect(fs.existsSync(seen.path)).toBe(false);
    expect(manager.branchLock.activeLock(branch)).toBeUndefined();
    expect(await registered()).toEqual([]);
  });

  it('removes the worktree when the work throws', async () => {
    const { manager, registered } = setup();

    const run = manager.withWorktree({ taskKey: 'issue-1', branch, base: 'main' }, async () => {
      throw new Error('agent failed');
    });

    await expect(run).rejects.toThrow('agent failed');
    expect(await registered()).toEqual([]);
  });

  it('refuses a second run on the same branch with a retryable BRANCH_BUSY', async () => {
    const { manager } = setup();

    await manager.withWorktree({ taskKey: 'issue-1', branch, base: 'main' }, async () => {
      const repair = manager.withWorktree({ taskKey: 'repair-1', branch, base: 'main' }, async () => 'never');
      await expect(repair).rejects.toMatchObject({ code: 'BRANCH_BUSY', retryable: true });
    });
  });
});

describe('worktreeManager.sweepStale', () => {
  it('removes orphaned worktrees, stray directories and missing-but-locked registrations', async () => {
    const { options, worktreeRoot, git, registered } = setup();
    const crashed = await createWorktreeManager(options);
    const orphan = await crashed.prepare({ taskKey: 'orphan', branch, base: 'main' });
    const lockedGone = await crashed.prepare({
      taskKey: 'locked-gone',
      branch: 'autocode/issue-2-x',
      base: 'main',
    });
    await git.run(['worktree', 'lock', lockedGone.path]);
    fs.rmSync(lockedGone.path, { recursive: true, force: true });
    fs.mkdirSync(path.join(worktreeRoot, 'stray-dir'));

    const swept = await createWorktreeManager(options).sweepStale();

    expect(swept.removedWorktrees.sort()).toEqual(
      [orphan.path, lockedGone.path, path.join(fs.realpathSync(worktreeRoot), 'stray-dir')].sort(),
    );
    expect(await registered()).toEqual([]);
    expect(fs.readdirSync(worktreeRoot).filter((name) => name !== '.locks')).toEqual([]);
  });

  it('keeps worktrees this manager is using', async () => {
    const { manager, registered } = setup();
    const worktree = await manager.prepare({ taskKey: 'issue-1', branch, base: 'main' });

    const swept = await manager.sweepStale();

    expect(swept.removedWorktrees).toEqual([]);
    expect((await registered()).map((entry) => entry.path)).toEqual([worktree.path]);
  });

  it('keeps a worktree whose branch is locked by another live process', async () => {
    const { options, registered } = setup();
    const other = createWorktreeManager(options);

    await other.withWorktree({ taskKey: 'issue-1', branch, base: 'main' }, async (worktree) => {
      const swept = await createWorktreeManager(options).sweepStale();

      expect(swept.removedWorktrees).toEqual([]);
      expect((await registered()).map((entry) => entry.path)).toEqual([worktree.path]);
    });
  });

  it('never touches worktrees outside the root', async () => {
    const { manager, git, dir, registered } = setup();
    const outside = path.join(dir, 'operator-checkout');
    await git.run(['worktree', 'add', '--quiet', '-b', 'operator/topic', outside, 'origin/main']);

    await manager.sweepStale();

    expect((await registered()).map((entry) => entry.path)).toEqual([fs.realpathSync(outside)]);
  });
});

describe('worktreeManager.fetch', () => {
  it('updates the remote-tracking refs of the main clone', async () => {
    const { manager, origin, git } = setup();
    const newer = origin.commit({ branch: 'main', files: { 'x.txt': 'x' }, message: 'Newer' });

    await manager.fetch();

    expect((await git.run(['rev-parse', 'refs/remotes/origin/main'])).trim()).toBe(newer);
  });
});
