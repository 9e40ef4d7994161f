import fs from 'node:fs';
import path from 'node:path';
import { AppError, GitError } from '../errors/app-error.js';
import type { Logger } from '../logging/create-logger.js';
import type { Clock } from '../time/clock.js';
import { createSystemClock } from '../time/clock.js';
import type { BranchLock } from './branch-lock.js';
import { createBranchLock } from './branch-lock.js';
import { checkBranchName } from './branch-names.js';
import { createGit } from './create-git.js';
import type { EnvRecord } from './git-env.js';
import { isProtectedBranch } from './push-guard.js';
import type { WorktreeAddFailure } from './worktree-add-failure.js';
import { classifyWorktreeAddFailure } from './worktree-add-failure.js';
import { parseWorktreeList } from './worktree-list.js';
import type { GitIdentity, WorktreeOperations } from './worktree-operations.js';
import { createWorktreeOperations } from './worktree-operations.js';

/** Options for {@link createWorktreeManager}. */
export interface CreateWorktreeManagerOptions {
  /** The operator's clone (`LOCAL_REPO_PATH`); PatchLoop never checks out or resets it. */
  readonly repoPath: string;
  /** `EXECUTION_WORKTREE_ROOT`: worktrees at `<root>/<taskKey>`, locks in `<root>/.locks`. */
  readonly worktreeRoot: string;
  /** `EXECUTION_PUSH_REMOTE`, e.g. `origin`. */
  readonly remote: string;
  readonly defaultBranch: string;
  readonly protectedBranches?: readonly string[];
  /** Committer identity (`EXECUTION_COMMIT_USER_NAME/EMAIL`), applied per command. */
  readonly identity: GitIdentity;
  /** Base environment for git, passed in by the composition root. */
  readonly env: EnvRecord;
  readonly logger: Logger;
  readonly clock?: Clock;
  readonly timeoutMs?: number;
  /** Command-scope git config, e.g. an auth extraheader for pushes. */
  readonly gitConfig?: Readonly<Record<string, string>>;
  /** Shared lock; by default one over `<worktreeRoot>/.locks`. */
  readonly branchLock?: BranchLock;
}

/** What to check out: `branch` from `<remote>/<base>`, or from `<remote>/<branch>` when it exists. */
export interface PrepareWorktreeOptions {
  /** Directory name under the root; letters, digits, `.`, `_`, `-`. */
  readonly taskKey: string;
  readonly branch: string;
  readonly base: string;
}

/** A prepared worktree and the operations on it. */
export interface Worktree extends WorktreeOperations {
  readonly path: string;
  readonly branch: string;
  /** Where the branch's whole change starts: merge-base of `<remote>/<base>` and the start point. */
  readonly baseSha: string;
  /** The commit checked out: the remote branch tip (follow-up work) or the base tip. */
  readonly startSha: string;
  /** The branch already existed on the remote, so this run continues it. */
  readonly branchExisted: boolean;
}

/** Owns the on-disk layout of worktrees under one root. */
export interface WorktreeManager {
  readonly branchLock: BranchLock;
  /** `git fetch --prune <remote>` in the main clone. */
  fetch(): Promise<void>;
  /** Creates the worktree, clearing any leftover of a crashed run at the same path or branch. */
  prepare(options: PrepareWorktreeOptions): Promise<Worktree>;
  /** Force-removes a worktree under the root and its registration. */
  remove(worktreePath: string): Promise<void>;
  /** Holds the branch lock, prepares, runs `fn`, and always removes the worktree. */
  withWorktree<T>(
    options: PrepareWorktreeOptions,
    fn: (worktree: Worktree, signal: AbortSignal) => Promise<T>,
  ): Promise<T>;
  /**
   * Removes orphaned worktrees, stray directories and stale locks (run at startup). Everything
   * under the root except `.locks` belongs to PatchLoop; worktrees in use here or whose branch
   * lock is live are kept.
   */
  sweepStale(): Promise<{ readonly removedWorktrees: string[]; readonly freedLocks: string[] }>;
}

const taskKeyPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** Creates the worktree manager; the root is created and resolved to its real path. */
export function createWorktreeManager(options: CreateWorktreeManagerOptions): WorktreeManager {
  fs.mkdirSync(options.worktreeRoot, { recursive: true });
  const root = fs.realpathSync(options.worktreeRoot);
  const repoPath = fs.realpathSync(options.repoPath);
  const { remote } = options;
  const log = options.logger.child({ component: 'worktree-manager' });
  const git = createGit({
    baseDir: repoPath,
    baseEnv: options.env,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.gitConfig === undefined ? {} : { config: options.gitConfig }),
  });
  const branchLock =
    options.branchLock ??
    createBranchLock({
      lockDir: path.join(root, '.locks'),
      clock: options.clock ?? createSystemClock(),
      logger: log,
    });
  const pushRules = {
    defaultBranch: options.defaultBranch,
    ...(options.protectedBranches === undefined ? {} : { protectedBranches: options.protectedBranches }),
  };
  /** Worktrees this process is using; the sweep never touches them. */
  const active = new Set<string>();

  const isManaged = (candidate: string): boolean => {
    const relative = path.relative(root, path.resolve(repoPath, candidate));
    return (
      relative !== '' &&
      !relative.startsWith('..') &&
      !path.isAbsolute(relative) &&
      !relative.startsWith('.locks')
    );
  };

  const listWorktrees = async () => parseWorktreeList(await git.run(['worktree', 'list', '--porcelain']));

  /** Removes a managed worktree however broken it is: unlock, force twice, delete, prune. */
  const forceRemove = async (target: string): Promise<void> => {
    const absolute = path.resolve(repoPath, target);
    if (!isManaged(absolute))
      throw new AppError('INTERNAL_INVARIANT', `Refusing to remove ${absolute}: not under ${root}.`);
    await git.tryRun(['worktree', 'unlock', absolute]);
    const removed = await git.tryRun(['worktree', 'remove', '--force', '--force', absolute]);
    if (!removed.ok)
      log.debug({ path: absolute, stderr: removed.stderr }, 'worktree remove failed; deleting directly');
    fs.rmSync(absolute, { recursive: true, force: true });
    await git.run(['worktree', 'prune']);
    active.delete(absolute);
  };

  /** A branch can be checked out only once: clear our stale checkouts of it, refuse others. */
  const releaseBranch = async (branch: string): Promise<void> => {
    await git.run(['worktree', 'prune']);
    for (const entry of await listWorktrees()) {
      if (entry.branch !== branch) continue;
      if (!isManaged(entry.path)) throw inUseError(branch, entry.path);
      await forceRemove(entry.path);
    }
  };

  /** Clears what made `git worktree add` fail, using only prune, unlock and managed removals. */
  const repair = async (failure: WorktreeAddFailure, branch: string): Promise<void> => {
    const managed = isManaged(failure.path);
    switch (failure.kind) {
      case 'branch_checked_out':
        if (!managed) throw inUseError(branch, failure.path);
        await forceRemove(failure.path);
        return;
      case 'missing_locked':
      case 'path_exists':
        if (managed) {
          await forceRemove(failure.path);
          return;
        }
        await git.tryRun(['worktree', 'unlock', failure.path]);
        await git.run(['worktree', 'prune']);
        return;
      case 'missing_registered':
        await git.run(['worktree', 'prune']);
        return;
      default: {
        const unhandled: never = failure;
        throw new AppError('INTERNAL_INVARIANT', `Unhandled worktree failure ${JSON.stringify(unhandled)}.`);
      }
    }
  };

  const addWorktree = async (target: string, branch: string, startPoint: string): Promise<void> => {
    // --no-track: no branch.<name>.* entries piling up in the operator's shared config.
    const args = ['worktree', 'add', '--quiet', '--no-track', '-B', branch, target, startPoint];
    try {
      await git.run(args);
    } catch (error) {
      const failure = error instanceof GitError ? classifyWorktreeAddFailure(error.message) : undefined;
      if (failure === undefined) throw error;
      log.warn(
        { branch, kind: failure.kind, path: failure.path },
        'Repairing worktree state and retrying once',
      );
      await repair(failure, branch);
      await git.run(args);
    }
  };

  const validate = (prepare: PrepareWorktreeOptions): void => {
    if (!taskKeyPattern.test(prepare.taskKey)) {
      throw new AppError('INTERNAL_INVARIANT', `Task key "${prepare.taskKey}" is not a safe directory name.`);
    }
    for (const name of [prepare.branch, prepare.base]) {
      const check = checkBranchName(name);
      if (!check.ok)
        throw new AppError('BRANCH_NAME_INVALID', `"${name}" is not a legal branch: ${check.reason}.`);
    }
    if (isProtectedBranch(prepare.branch, pushRules)) {
      throw new AppError(
        'BRANCH_NAME_INVALID',
        `Refusing to work directly on the protected branch "${prepare.branch}".`,
      );
    }
  };

  const prepare = async (prepareOptions: PrepareWorktreeOptions): Promise<Worktree> => {
    validate(prepareOptions);
    const { branch, base } = prepareOptions;
    const target = path.join(root, prepareOptions.taskKey);
    if (fs.existsSync(target) || (await listWorktrees()).some((entry) => entry.path === target)) {
      log.info({ path: target }, 'Removing a leftover worktree at the task path');
      await forceRemove(target);
    }
    const heads = await git.run(['ls-remote', '--heads', remote, `refs/heads/${branch}`]);
    const branchExisted = heads.trim() !== '';
    const baseRef = `refs/remotes/${remote}/${base}`;
    const branchRef = `refs/remotes/${remote}/${branch}`;
    const refspecs = [
      `+refs/heads/${base}:${baseRef}`,
      ...(branchExisted ? [`+refs/heads/${branch}:${branchRef}`] : []),
    ];
    await git.run(['fetch', '--no-tags', remote, ...refspecs]);
    const startPoint = branchExisted ? branchRef : baseRef;
    const startSha = (await git.run(['rev-parse', `${startPoint}^{commit}`])).trim();
    const baseSha = (await git.run(['merge-base', baseRef, startSha])).trim();

    await releaseBranch(branch);
    await addWorktree(target, branch, startSha);
    active.add(target);
    log.info({ branch, path: target, startSha, branchExisted }, 'Prepared worktree');
    const operations = createWorktreeOperations({
      git: git.at(target),
      remote,
      identity: options.identity,
      pushRules,
      logger: log,
    });
    return { ...operations, path: target, branch, baseSha, startSha, branchExisted };
  };

  const remove = async (worktreePath: string): Promise<void> => {
    await forceRemove(worktreePath);
  };

  return {
    branchLock,
    fetch: async () => {
      await git.run(['fetch', '--prune', '--no-tags', remote]);
    },
    prepare,
    remove,
    withWorktree: (prepareOptions, fn) =>
      branchLock.withBranchLock(prepareOptions.branch, async (signal) => {
        const worktree = await prepare(prepareOptions);
        try {
          return await fn(worktree, signal);
        } finally {
          await remove(worktree.path).catch((error: unknown) => {
            log.error(
              { err: error, path: worktree.path },
              'Failed to remove worktree; the next sweep retries',
            );
          });
        }
      }),
    sweepStale: async () => {
      await git.run(['worktree', 'prune']);
      const removedWorktrees: string[] = [];
      const registered = new Set<string>();
      for (const entry of await listWorktrees()) {
        registered.add(entry.path);
        if (!isManaged(entry.path) || active.has(entry.path)) continue;
        if (entry.branch !== undefined && branchLock.activeLock(entry.branch) !== undefined) continue;
        await forceRemove(entry.path);
        removedWorktrees.push(entry.path);
      }
      for (const name of fs.readdirSync(root)) {
        const candidate = path.join(root, name);
        if (name === '.locks' || registered.has(candidate) || active.has(candidate)) continue;
        fs.rmSync(candidate, { recursive: true, force: true });
        removedWorktrees.push(candidate);
      }
      const freedLocks = branchLock.sweepStale();
      if (removedWorktrees.length > 0 || freedLocks.length > 0) {
        log.info({ removedWorktrees, freedLocks }, 'Swept stale worktrees and locks');
      }
      return { removedWorktrees, freedLocks };
    },
  };
}

function inUseError(branch: string, where: string): AppError {
  return new AppError(
    'WORKTREE_IN_USE',
    `Branch "${branch}" is checked out at ${where}, outside PatchLoop's worktree root; ` +
      'switch that checkout to another branch or remove it.',
  );
}
