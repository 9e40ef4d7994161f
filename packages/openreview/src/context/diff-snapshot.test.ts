import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createGit } from '@patchloop/core';
import type { BareRepository } from '@patchloop/sandbox';
import { createBareRepository, isolatedGitEnv } from '@patchloop/sandbox';
import { describe, expect, it, onTestFinished } from 'vitest';
import { buildDiffSnapshot } from './diff-snapshot.js';

function fixture(): { bare: BareRepository; clonePath: string; git: ReturnType<typeof createGit> } {
  const bare = createBareRepository({
    files: {
      'src/app.py': 'print("v1")\n',
      'docs/CHANGELOG.md': '# Changelog\n',
      'package-lock.json': '{"lockfileVersion": 3}\n',
    },
  });
  bare.commit({
    branch: 'feature',
    message: 'feature',
    files: {
      'src/app.py': 'print("v2")\n',
      'docs/CHANGELOG.md': '# Changelog\n- added v2\n',
      'package-lock.json': `{"lockfileVersion": 3, "packages": {${'"x": 1,'.repeat(50)}}}\n`,
    },
  });
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'patchloop-'));
  onTestFinished(() => {
    fs.rmSync(root, { recursive: true, force: true });
    bare.close();
  });
  const clonePath = bare.clone(path.join(root, 'clone'));
  const git = createGit({ baseDir: clonePath, baseEnv: isolatedGitEnv() });
  return { bare, clonePath, git };
}

describe('buildDiffSnapshot', () => {
  it('lists every changed file and expands the interesting diffs first, never the lockfile', async () => {
    const { clonePath, git } = fixture();
    await git.run(['checkout', '-q', '-B', 'feature', 'origin/feature']);

    const result = await buildDiffSnapshot({
      git,
      worktreePath: clonePath,
      baseRef: 'main',
      defaultBranch: 'main',
      budgetChars: 450,
    });

    expect(result.status).toBe('ready');
    if (result.status !== 'ready') return;
    expect(result.snapshot.compareRef).toBe('origin/main');
    expect(result.snapshot.baseRef).toBe('main');
    expect([...result.snapshot.changedFiles].sort()).toEqual([
      'docs/CHANGELOG.md',
      'package-lock.json',
      'src/app.py',
    ]);
    expect(result.snapshot.stat).toContain('3 files changed');
    expect(result.snapshot.excerpt).toContain('+- added v2');
    expect(result.snapshot.excerpt).toContain('diff --git a/src/app.py');
    expect(result.snapshot.excerpt).not.toContain('package-lock.json b/');
    expect(result.snapshot.excerpt).toContain('1 more files not expanded');
    expect(result.snapshot.mergeBase).toMatch(/^[0-9a-f]{40}$/);
  });

  it('never expands a changed credential file into the excerpt', async () => {
    const { bare, clonePath, git } = fixture();
    bare.commit({
      branch: 'leaky',
      message: 'add env',
      files: { '.env': 'API_KEY=sk-live-do-not-leak\n', 'src/app.py': 'print("v3")\n' },
    });
    await git.run(['fetch', '-q', 'origin']);
    await git.run(['checkout', '-q', '-B', 'leaky', 'origin/leaky']);

    const result = await buildDiffSnapshot({
      git,
      worktreePath: clonePath,
      baseRef: 'main',
      defaultBranch: 'main',
    });

    expect(result.status).toBe('ready');
    if (result.status !== 'ready') return;
    expect(result.snapshot.changedFiles).toContain('.env');
    expect(result.snapshot.excerpt).toContain('diff --git a/src/app.py');
    expect(result.snapshot.excerpt).not.toContain('sk-live-do-not-leak');
  });

  it('blocks with a reason when a non-default base cannot be fetched, even if stale copies exist', async () => {
    const { bare, clonePath, git } = fixture();
    bare.commit({ branch: 'release', message: 'release', files: { 'RELEASE.md': 'r\n' } });
    await git.run(['fetch', '-q', 'origin']);
    await git.run(['branch', 'release', 'origin/release']);
    await git.run(['checkout', '-q', '-B', 'feature', 'origin/feature']);
    await git.run(['remote', 'set-url', 'origin', path.join(clonePath, 'missing.git')]);

    const result = await buildDiffSnapshot({
      git,
      worktreePath: clonePath,
      baseRef: 'release',
      defaultBranch: 'main',
    });

    expect(result).toEqual({ status: 'blocked', reason: 'cannot resolve PR base branch release' });
  });

  it('blocks when the base branch exists nowhere', async () => {
    const { clonePath, git } = fixture();
    await git.run(['remote', 'remove', 'origin']);

    const result = await buildDiffSnapshot({
      git,
      worktreePath: clonePath,
      baseRef: 'nope',
      defaultBranch: 'main',
    });

    expect(result).toEqual({ status: 'blocked', reason: 'cannot resolve PR base branch nope' });
  });

  it('compares with the local branch when there is no origin', async () => {
    const { clonePath, git } = fixture();
    await git.run(['checkout', '-q', '-B', 'feature', 'origin/feature']);
    await git.run(['branch', '-f', 'main', 'origin/main']);
    await git.run(['remote', 'remove', 'origin']);

    const result = await buildDiffSnapshot({
      git,
      worktreePath: clonePath,
      baseRef: 'main',
      defaultBranch: 'main',
    });

    expect(result.status === 'ready' && result.snapshot.compareRef).toBe('main');
  });
});
