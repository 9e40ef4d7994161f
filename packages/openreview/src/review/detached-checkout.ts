import { rmSync } from 'node:fs';
import path from 'node:path';
import type { GitRunner } from '@patchloop/core';

/** Dependencies of a detached checkout. */
export interface DetachedCheckoutDeps {
  /** A git runner on the local clone (`LOCAL_REPO_PATH`). */
  readonly git: GitRunner;
  /** Where review worktrees live; never inside the clone's working tree. */
  readonly worktreeRoot: string;
}

/** What to check out: an exact commit, fetched from `origin` by the first ref that has it. */
export interface CheckoutTarget {
  /** Directory name under the worktree root. */
  readonly name: string;
  /** The commit to check out; when omitted, the first ref that fetches is used (`FETCH_HEAD`). */
  readonly sha?: string;
  /** Refs tried in order on `origin`, e.g. `refs/pull/7/head`, then `refs/heads/feature`. */
  readonly refs: readonly string[];
}

/** A ready worktree for `fn`. */
export interface Checkout {
  readonly path: string;
  readonly sha: string;
  readonly git: GitRunner;
}

/**
 * Runs `fn` in a detached worktree of the target commit and always removes it afterwards, so the
 * coding CLI reads a clean tree and anything it writes is thrown away. The operator's clone is never
 * checked out, reset or stashed. When the commit cannot be fetched, `onBlocked` gets the reason.
 */
export async function withDetachedCheckout<T>(
  deps: DetachedCheckoutDeps,
  target: CheckoutTarget,
  fn: (checkout: Checkout) => Promise<T>,
  onBlocked: (reason: string) => Promise<T>,
): Promise<T> {
  const sha = await fetchTarget(deps.git, target);
  if (sha === undefined)
    return onBlocked(`could not fetch ${target.sha?.slice(0, 12) ?? target.refs.join(' or ')}`);

  const worktreePath = path.join(deps.worktreeRoot, target.name);
  await removeWorktree(deps.git, worktreePath);
  const added = await deps.git.tryRun(['worktree', 'add', '--detach', '--force', worktreePath, sha]);
  if (!added.ok) return onBlocked(`could not check out ${sha.slice(0, 12)}: ${firstLine(added.stderr)}`);
  try {
    return await fn({ path: worktreePath, sha, git: deps.git.at(worktreePath) });
  } finally {
    await removeWorktree(deps.git, worktreePath);
  }
}

async function fetchTarget(git: GitRunner, target: CheckoutTarget): Promise<string | undefined> {
  const has = async (sha: string): Promise<boolean> =>
    (await git.tryRun(['cat-file', '-e', `${sha}^{commit}`])).ok;
  if (target.sha !== undefined && (await has(target.sha))) return target.sha;
  for (const ref of target.refs) {
    const fetched = await git.tryRun(['fetch', '--no-tags', 'origin', ref]);
    if (!fetched.ok) continue;
    if (target.sha === undefined) return (await git.run(['rev-parse', 'FETCH_HEAD'])).trim();
    if (await has(target.sha)) return target.sha;
  }
  return undefined;
}

async function removeWorktree(git: GitRunner, worktreePath: string): Promise<void> {
  const removed = await git.tryRun(['worktree', 'remove', '--force', worktreePath]);
  if (!removed.ok) {
    rmSync(worktreePath, { recursive: true, force: true });
    await git.tryRun(['worktree', 'prune']);
  }
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}
