import { describe, expect, it, onTestFinished } from 'vitest';
import { isolatedGitEnv } from './isolated-git-env.js';
import { createLargeRepository } from './large-repository.js';
import { runGitSync } from './run-git-sync.js';

describe('createLargeRepository', () => {
  it('commits exactly fileCount files spread over directories', () => {
    const repo = createLargeRepository({ fileCount: 250, filesPerDirectory: 100 });
    onTestFinished(() => repo.close());

    const paths = runGitSync(['ls-tree', '-r', '--name-only', 'main'], {
      cwd: repo.path,
      env: isolatedGitEnv(),
    })
      .split('\n')
      .filter((line) => line !== '');

    expect(paths).toHaveLength(250);
    expect(new Set(paths.map((p) => p.split('/').slice(0, 2).join('/'))).size).toBe(3);
    expect(repo.readFile('main', 'src/group-0002/module-249.ts')).toBe('export const value249 = 249;\n');
  });

  it('rejects a file count that is not a positive integer', () => {
    expect(() => createLargeRepository({ fileCount: 0 })).toThrow('fileCount must be a positive integer');
  });
});
