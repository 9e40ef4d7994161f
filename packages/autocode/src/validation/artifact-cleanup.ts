import { lstat, realpath, rm } from 'node:fs/promises';
import path from 'node:path';
import type { ProcessRunner } from '@patchloop/core';

/** A referenced directory that was left in place, and why. */
export interface KeptArtifactDir {
  readonly path: string;
  readonly reason: 'missing' | 'not_a_directory' | 'symlink' | 'outside_worktree' | 'tracked';
}

/** What {@link removeArtifactDirs} did with each reference. */
export interface ArtifactCleanup {
  /** Relative paths of the directories deleted. */
  readonly removed: readonly string[];
  readonly kept: readonly KeptArtifactDir[];
}

/** Inputs of {@link removeArtifactDirs}. */
export interface ArtifactCleanupInput {
  readonly worktreePath: string;
  /** Relative directory paths, as found by `findArtifactReferences`. */
  readonly references: readonly string[];
  /** True when git tracks a file under the relative path, or when that cannot be established. */
  readonly holdsTrackedFiles: (relativePath: string) => Promise<boolean>;
}

/**
 * Deletes the referenced transient artifact directories, but only real directories that
 * resolve inside the worktree and hold no tracked file: a committed `dist/` is source, and
 * deleting it would turn into a deletion in the pull request.
 */
export async function removeArtifactDirs(input: ArtifactCleanupInput): Promise<ArtifactCleanup> {
  const root = await realpath(input.worktreePath);
  const removed: string[] = [];
  const kept: KeptArtifactDir[] = [];
  for (const reference of input.references) {
    const verdict = await judge(root, reference, input.holdsTrackedFiles);
    if ('keep' in verdict) {
      kept.push({ path: reference, reason: verdict.keep });
      continue;
    }
    await rm(verdict.target, { recursive: true, force: true });
    removed.push(reference);
  }
  return { removed, kept };
}

/**
 * Asks git whether anything under a worktree directory is tracked. A failure to ask (git
 * missing, not a repository) counts as tracked, so the cleanup errs on keeping files.
 */
export function createTrackedFileCheck(deps: {
  readonly runner: ProcessRunner;
  readonly env: Readonly<Record<string, string>>;
  readonly worktreePath: string;
  readonly timeoutMs: number;
}): (relativePath: string) => Promise<boolean> {
  return async (relativePath) => {
    const result = await deps.runner.run({
      command: 'git',
      // Literal pathspecs: a directory name is never read as pathspec magic or a glob.
      args: ['--literal-pathspecs', 'ls-files', '-z', '--', relativePath],
      cwd: deps.worktreePath,
      env: deps.env,
      timeoutMs: deps.timeoutMs,
      maxOutputBytes: 4096,
    });
    return result.kind !== 'exited' || result.exitCode !== 0 || result.stdout !== '';
  };
}

type Verdict = { readonly keep: KeptArtifactDir['reason'] } | { readonly target: string };

async function judge(
  root: string,
  reference: string,
  holdsTrackedFiles: (relativePath: string) => Promise<boolean>,
): Promise<Verdict> {
  const candidate = path.resolve(root, reference);
  if (!isInside(root, candidate)) return { keep: 'outside_worktree' };
  const info = await lstat(candidate).catch(() => undefined);
  if (info === undefined) return { keep: 'missing' };
  if (info.isSymbolicLink()) return { keep: 'symlink' };
  if (!info.isDirectory()) return { keep: 'not_a_directory' };
  // A parent segment may be a symlink leading out of the worktree; judge where it really is.
  const target = await realpath(candidate);
  if (!isInside(root, target)) return { keep: 'outside_worktree' };
  // Ask git about the real location: through a symlinked parent, git sees no files at all.
  if (await holdsTrackedFiles(path.relative(root, target))) return { keep: 'tracked' };
  return { target };
}

/** True for a path strictly below `root` (the worktree itself never qualifies). */
function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return (
    relative !== '' &&
    relative !== '..' &&
    !relative.startsWith(`..${path.sep}`) &&
    !path.isAbsolute(relative)
  );
}
