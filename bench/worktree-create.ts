// Measures worktree creation on a repository with many files (default 50,000).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createSilentLogger, createWorktreeManager } from '@patchloop/core';
import { createLargeRepository, isolatedGitEnv } from '@patchloop/sandbox';

const fileCount = Number(process.argv[2] ?? 50_000);
const runs = Number(process.argv[3] ?? 3);
const dir = mkdtempSync(path.join(tmpdir(), 'patchloop-bench-worktree-'));
const buildStarted = performance.now();
const origin = createLargeRepository({ fileCount, dir: path.join(dir, 'origin.git') });
const clone = origin.clone(path.join(dir, 'clone'));
console.log(
  `worktree: built a ${fileCount}-file repository and clone in ${(performance.now() - buildStarted).toFixed(0)} ms`,
);

const manager = createWorktreeManager({
  repoPath: clone,
  worktreeRoot: path.join(dir, 'worktrees'),
  remote: 'origin',
  defaultBranch: origin.defaultBranch,
  identity: { name: 'PatchLoop Bench', email: 'bench@example.com' },
  env: isolatedGitEnv(),
  logger: createSilentLogger(),
});
const timings: number[] = [];
for (let run = 0; run < runs; run += 1) {
  const started = performance.now();
  const worktree = await manager.prepare({
    taskKey: `bench-${run}`,
    branch: `autocode/issue-${run}-bench`,
    base: origin.defaultBranch,
  });
  timings.push(performance.now() - started);
  await manager.remove(worktree.path);
}
timings.sort((a, b) => a - b);
console.log(
  `worktree: creation median ${(timings[Math.floor(runs / 2)] ?? 0).toFixed(0)} ms over ${runs} runs on ${fileCount} files (target < 1000)`,
);
rmSync(dir, { recursive: true, force: true });
