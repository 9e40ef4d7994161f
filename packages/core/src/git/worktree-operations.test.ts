import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBareRepository, createFakeClock, isolatedGitEnv } from '@patchloop/sandbox';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createSilentLogger } from '../logging/create-logger.js';
import { createGit } from './create-git.js';
import { createWorktreeManager } from './worktree-manager.js';

const branch = 'autocode/issue-3-add-feature';

async function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'patchloop-'));
  onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }));
  const origin = createBareRepository({
    dir: path.join(dir, 'remote'),
    files: { 'README.md': '# demo\n', 'src/app.ts': 'export const a = 1;\n', 'docs/old-name.md': 'doc\n' },
  });
  const manager = createWorktreeManager({
    repoPath: origin.clone(path.join(dir, 'clone')),
    worktreeRoot: path.join(dir, 'runs'),
    remote: 'origin',
    defaultBranch: 'main',
    identity: { name: 'PatchLoop Bot', email: 'bot@patchloop.invalid' },
    env: isolatedGitEnv(),
    logger: createSilentLogger(),
    clock: createFakeClock(),
  });
  const worktree = await manager.prepare({ taskKey: 'issue-3', branch, base: 'main' });
  const git = createGit({ baseDir: worktree.path, baseEnv: isolatedGitEnv() });
  const write = (file: string, content: string) => {
    fs.mkdirSync(path.dirname(path.join(worktree.path, file)), { recursive: true });
    fs.writeFileSync(path.join(worktree.path, file), content);
  };
  return { origin, manager, worktree, git, write };
}

describe('worktree.changedFiles', () => {
  it('covers agent commits, staged, unstaged and untracked files against the base', async () => {
    const { worktree, git, write } = await setup();
    write('committed.txt', 'c\n');
    await git.run(['add', 'committed.txt']);
    await git.run(['commit', '--quiet', '-m', 'agent commit']);
    write('.github/workflows/ci.yml', 'on: push\n');
    await git.run(['add', '.github/workflows/ci.yml']);
    write('src/app.ts', 'export const a = 2;\n');
    write('untracked/new.ts', 'export const b = 1;\nexport const c = 2;\n');

    const files = await worktree.changedFiles(worktree.baseSha);

    expect(files.map((file) => [file.path, file.status, file.additions, file.deletions])).toEqual([
      ['.github/workflows/ci.yml', 'added', 1, 0],
      ['committed.txt', 'added', 1, 0],
      ['src/app.ts', 'modified', 1, 1],
      ['untracked/new.ts', 'added', 2, 0],
    ]);
  });

  it('leaves the real index and the working tree as the agent left them', async () => {
    const { worktree, git, write } = await setup();
    write('untracked.txt', 'u\n');
    write('src/app.ts', 'export const a = 3;\n');
    const before = await git.run(['status', '--porcelain']);

    await worktree.changedFiles(worktree.baseSha);

    expect(await git.run(['status', '--porcelain'])).toBe(before);
    expect(before).toBe(' M src/app.ts\n?? untracked.txt\n');
  });

  it('reports a rename as a deletion plus an addition so both paths are checked', async () => {
    const { worktree, git } = await setup();
    await git.run(['mv', 'docs/old-name.md', 'docs/new-name.md']);

    const files = await worktree.changedFiles(worktree.baseSha);

    expect(files.map((file) => [file.path, file.status])).toEqual([
      ['docs/new-name.md', 'added'],
      ['docs/old-name.md', 'deleted'],
    ]);
  });

  it('exposes a symlink through its mode', async () => {
    const { worktree } = await setup();
    fs.symlinkSync('/etc/passwd', path.join(worktree.path, 'innocent'));

    const [file] = await worktree.changedFiles(worktree.baseSha);

    expect(file).toMatchObject({ path: 'innocent', newMode: '120000' });
  });

  it('returns nothing for an untouched worktree', async () => {
    const { worktree } = await setup();

    await expect(worktree.changedFiles(worktree.baseSha)).resolves.toEqual([]);
  });
});

describe('worktree.diffAgainst', () => {
  it('includes the content of untracked files in the patch', async () => {
    const { worktree, write } = await setup();
    write('config/secrets.env', 'API_KEY=sk-live-123\n');

    const diff = await worktree.diffAgainst(worktree.baseSha);

    expect(diff.files.map((file) => file.path)).toEqual(['config/secrets.env']);
    expect(diff.patch).toContain('+API_KEY=sk-live-123');
  });
});

describe('worktree.commitAll', () => {
  it('commits every change with the PatchLoop identity without writing git config', async () => {
    const { worktree, git, write } = await setup();
    write('src/app.ts', 'export const a = 4;\n');
    write('new.txt', 'n\n');

    const result = await worktree.commitAll({ message: 'feat(issue-3): add feature' });

    expect(result).toEqual({ kind: 'committed', sha: await worktree.headSha() });
    expect((await git.run(['log', '-1', '--format=%s|%an <%ae>|%cn'])).trim()).toBe(
      'feat(issue-3): add feature|PatchLoop Bot <bot@patchloop.invalid>|PatchLoop Bot',
    );
    expect(await git.run(['status', '--porcelain'])).toBe('');
    expect((await git.tryRun(['config', '--get', 'user.name'])).ok).toBe(false);
  });

  it('records a separate author when one is given', async () => {
    const { worktree, git, write } = await setup();
    write('x.txt', 'x\n');

    await worktree.commitAll({ message: 'x', author: { name: 'Ada', email: 'ada@example.com' } });

    expect((await git.run(['log', '-1', '--format=%an|%cn'])).trim()).toBe('Ada|PatchLoop Bot');
  });

  it('keeps a message that starts with dashes and spans lines', async () => {
    const { worktree, git, write } = await setup();
    write('x.txt', 'x\n');

    await worktree.commitAll({ message: '--amend looks like an option\n\nBody line.' });

    expect(await git.run(['log', '-1', '--format=%B'])).toBe(
      '--amend looks like an option\n\nBody line.\n\n',
    );
  });

  it('reports nothing to commit for a clean worktree', async () => {
    const { worktree } = await setup();

    await expect(worktree.commitAll({ message: 'noop' })).resolves.toEqual({
      kind: 'nothing_to_commit',
      sha: worktree.startSha,
    });
  });
});

describe('worktree.push', () => {
  it('lands the task branch in the remote repository', async () => {
    const { worktree, origin, write } = await setup();
    write('feature.ts', 'export const f = 1;\n');
    const commit = await worktree.commitAll({ message: 'Add feature' });

    const pushed = await worktree.push({ branch });

    expect(pushed.sha).toBe(commit.sha);
    expect(origin.readBranch(branch)).toBe(commit.sha);
    expect(origin.readFile(branch, 'feature.ts')).toBe('export const f = 1;\n');
  });

  it.each(['main', 'HEAD:refs/heads/Main', 'HEAD'])(
    'refuses %j before running git, and nothing lands',
    async (target) => {
      const { worktree, origin, write } = await setup();
      const mainBefore = origin.readBranch('main');
      write('evil.txt', 'x\n');
      await worktree.commitAll({ message: 'Should never reach main' });

      const attempt = worktree.push({ branch: target });

      await expect(attempt).rejects.toMatchObject({ code: 'PUSH_REFUSED' });
      expect(origin.readBranch('main')).toBe(mainBefore);
      expect(origin.listBranches()).toEqual(['main']);
    },
  );

  it('force-pushes with a lease after the branch was rewritten', async () => {
    const { origin, manager } = await setup();
    origin.commit({ branch, files: { 'first.txt': '1' }, message: 'First attempt' });
    const follow = await manager.prepare({ taskKey: 'issue-3-again', branch, base: 'main' });
    origin.commit({ branch: 'main', files: { 'main.txt': 'm' }, message: 'Main moves' });
    const rebase = await follow.rebaseOnto('main');

    await follow.push({ branch, force: 'with-lease' });

    expect(rebase.kind).toBe('rebased');
    expect(origin.readBranch(branch)).toBe(await follow.headSha());
  });

  it('rejects a forced push when someone else pushed since we fetched', async () => {
    const { origin, manager } = await setup();
    origin.commit({ branch, files: { 'first.txt': '1' }, message: 'First attempt' });
    const follow = await manager.prepare({ taskKey: 'issue-3-again', branch, base: 'main' });
    const theirs = origin.commit({ branch, files: { 'theirs.txt': 't' }, message: 'Human pushed meanwhile' });
    fs.writeFileSync(path.join(follow.path, 'ours.txt'), 'o');
    await follow.commitAll({ message: 'Ours' });

    await expect(follow.push({ branch, force: 'with-lease' })).rejects.toThrow(/stale info|rejected/);
    expect(origin.readBranch(branch)).toBe(theirs);
  });
});

describe('worktree.rebaseOnto', () => {
  it('reports up to date when the base has not moved', async () => {
    const { worktree } = await setup();

    await expect(worktree.rebaseOnto('main')).resolves.toEqual({
      kind: 'up_to_date',
      headSha: worktree.startSha,
    });
  });

  it('replays the branch on the new base tip', async () => {
    const { worktree, origin, git, write } = await setup();
    write('feature.ts', 'f\n');
    await worktree.commitAll({ message: 'Feature' });
    const newMain = origin.commit({ branch: 'main', files: { 'other.txt': 'o\n' }, message: 'Other work' });

    const result = await worktree.rebaseOnto('main');

    expect(result).toEqual({ kind: 'rebased', headSha: await worktree.headSha() });
    expect((await git.run(['rev-parse', 'HEAD~1'])).trim()).toBe(newMain);
  });

  it('returns the conflicted files and aborts the rebase', async () => {
    const { worktree, origin, git, write } = await setup();
    write('README.md', '# ours\n');
    const ours = await worktree.commitAll({ message: 'Our README' });
    origin.commit({ branch: 'main', files: { 'README.md': '# theirs\n' }, message: 'Their README' });

    const result = await worktree.rebaseOnto('main');

    expect(result).toEqual({ kind: 'conflict', files: ['README.md'] });
    expect(await worktree.headSha()).toBe(ours.sha);
    expect(await git.run(['status', '--porcelain'])).toBe('');
  });

  it('throws a GitError, not a conflict, when the rebase fails for another reason', async () => {
    const { worktree, origin, write } = await setup();
    origin.commit({ branch: 'main', files: { 'other.txt': 'o\n' }, message: 'Other work' });
    write('src/app.ts', 'dirty\n');

    await expect(worktree.rebaseOnto('main')).rejects.toMatchObject({ code: 'GIT_COMMAND_FAILED' });
  });
});
