import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createBareRepository } from './bare-repository.js';
import { isolatedGitEnv } from './isolated-git-env.js';
import { runGitSync } from './run-git-sync.js';

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'patchloop-'));
  onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function aRepository(files: Record<string, string> = { 'README.md': '# demo\n' }) {
  const repo = createBareRepository({ files });
  onTestFinished(() => repo.close());
  return repo;
}

describe('createBareRepository', () => {
  it('seeds the default branch with the given files in one commit', () => {
    const repo = aRepository({ 'README.md': '# demo\n', 'src/index.ts': 'export {};\n' });

    const log = repo.log('main', 10);

    expect(repo.listBranches()).toEqual(['main']);
    expect(log).toHaveLength(1);
    expect(log[0]?.subject).toBe('Initial commit');
    expect(repo.readFile('main', 'src/index.ts')).toBe('export {};\n');
  });

  it('exposes a file:// url and honours a custom default branch', () => {
    const repo = createBareRepository({ files: { a: '1' }, defaultBranch: 'trunk' });
    onTestFinished(() => repo.close());

    expect(repo.url).toMatch(/^file:\/\//);
    expect(repo.defaultBranch).toBe('trunk');
    expect(repo.readBranch('trunk')).toMatch(/^[0-9a-f]{40}$/);
  });

  it('creates a new branch from the default branch and keeps untouched files', () => {
    const repo = aRepository({ 'README.md': '# demo\n', 'keep.txt': 'keep\n' });

    const sha = repo.commit({ branch: 'feature/x', files: { 'new.txt': 'new\n' }, message: 'Add new' });

    expect(repo.readBranch('feature/x')).toBe(sha);
    expect(repo.readFile('feature/x', 'keep.txt')).toBe('keep\n');
    expect(repo.readFile('feature/x', 'new.txt')).toBe('new\n');
    expect(repo.readFile('main', 'new.txt')).toBeUndefined();
    expect(repo.log('feature/x', 5).map((entry) => entry.subject)).toEqual(['Add new', 'Initial commit']);
  });

  it('advances an existing branch and deletes paths mapped to null', () => {
    const repo = aRepository({ 'a.txt': 'a\n', 'b.txt': 'b\n' });

    repo.commit({ branch: 'main', files: { 'b.txt': null, 'c.txt': 'c\n' }, message: 'Swap files' });

    expect(repo.readFile('main', 'b.txt')).toBeUndefined();
    expect(repo.readFile('main', 'c.txt')).toBe('c\n');
    expect(repo.log('main', 5)).toHaveLength(2);
  });

  it('starts a branch from the given revision', () => {
    const repo = aRepository({ 'a.txt': 'a\n' });
    const initial = repo.readBranch('main');
    repo.commit({ branch: 'main', files: { 'b.txt': 'b\n' }, message: 'Main moves on' });

    repo.commit({
      branch: 'old-base',
      files: { 'c.txt': 'c\n' },
      message: 'From the start',
      from: initial ?? '',
    });

    expect(repo.readFile('old-base', 'b.txt')).toBeUndefined();
    expect(repo.log('old-base', 5).map((entry) => entry.sha)).toContain(initial);
  });

  it('records the given author', () => {
    const repo = aRepository();

    repo.commit({
      branch: 'main',
      files: { 'x.txt': 'x' },
      message: 'By someone',
      author: { name: 'Ada', email: 'ada@example.com' },
    });

    expect(repo.log('main', 1)[0]).toMatchObject({ authorName: 'Ada', authorEmail: 'ada@example.com' });
  });

  it('writes multi-byte content byte-exactly', () => {
    const repo = aRepository({ 'unicode.txt': 'héllo — 保存\n' });

    expect(repo.readFile('main', 'unicode.txt')).toBe('héllo — 保存\n');
  });

  it('clones into a working copy whose origin is the bare repository', () => {
    const repo = aRepository({ 'README.md': '# demo\n' });
    const into = path.join(tempDir(), 'clone');

    const clonePath = repo.clone(into);

    expect(fs.readFileSync(path.join(clonePath, 'README.md'), 'utf8')).toBe('# demo\n');
    const origin = runGitSync(['remote', 'get-url', 'origin'], { cwd: clonePath, env: isolatedGitEnv() });
    expect(origin.trim()).toBe(repo.url);
  });

  it('returns undefined for a branch that does not exist', () => {
    const repo = aRepository();

    expect(repo.readBranch('nope')).toBeUndefined();
  });

  it('removes its temp directory on close', () => {
    const repo = createBareRepository({ files: { a: '1' } });

    repo.close();

    expect(fs.existsSync(repo.path)).toBe(false);
  });

  it('leaves a caller-provided directory in place on close', () => {
    const dir = tempDir();
    const repo = createBareRepository({ dir, files: { a: '1' } });

    repo.close();

    expect(fs.existsSync(repo.path)).toBe(false);
    expect(fs.existsSync(dir)).toBe(true);
  });
});
