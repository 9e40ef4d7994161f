import type { GitRunner } from '@patchloop/core';
import { orderForReview, reviewFileScore } from './review-file-score.js';
import { isSecretPath } from './secret-paths.js';

/** A pull request's change set as seen in a worktree at its head. */
export interface DiffSnapshot {
  readonly headSha: string;
  readonly baseRef: string;
  /** The ref the head was compared with: `origin/<base>` when available, else the local branch. */
  readonly compareRef: string;
  readonly mergeBase: string;
  readonly changedFiles: readonly string[];
  /** `git diff --stat` output. */
  readonly stat: string;
  /** Per-file diffs within the budget, most interesting first, lockfiles never expanded. */
  readonly excerpt: string;
}

/** A snapshot, or why none could be prepared (the review is then blocked, not failed). */
export type DiffSnapshotResult =
  | { readonly status: 'ready'; readonly snapshot: DiffSnapshot }
  | { readonly status: 'blocked'; readonly reason: string };

/** Inputs of {@link buildDiffSnapshot}. */
export interface DiffSnapshotInput {
  /** A git runner; it is re-targeted at `worktreePath`. */
  readonly git: GitRunner;
  /** A worktree whose HEAD is the PR head. */
  readonly worktreePath: string;
  readonly baseRef: string;
  readonly defaultBranch: string;
  /** Character budget of the excerpt; default 16,000. */
  readonly budgetChars?: number;
}

const defaultBudget = 16_000;
const fetchTimeoutMs = 120_000;

/**
 * Builds the diff snapshot against the PR base (spec §7). The base is fetched from `origin` when it
 * is not the default branch or is missing locally; a base that cannot be resolved is a `blocked`
 * result with a reason (scenarios 11/41), never a throw.
 */
export async function buildDiffSnapshot(input: DiffSnapshotInput): Promise<DiffSnapshotResult> {
  const git = input.git.at(input.worktreePath);
  const compareRef = await resolveCompareRef(git, input.baseRef, input.defaultBranch);
  if (compareRef === null) {
    return { status: 'blocked', reason: `cannot resolve PR base branch ${input.baseRef}` };
  }
  const mergeBaseResult = await git.tryRun(['merge-base', 'HEAD', compareRef]);
  if (!mergeBaseResult.ok) {
    return { status: 'blocked', reason: `no merge-base between the PR head and ${compareRef}` };
  }
  const mergeBase = mergeBaseResult.stdout.trim();
  const headSha = (await git.run(['rev-parse', 'HEAD'])).trim();
  const range = `${mergeBase}..HEAD`;
  const changedFiles = (await git.run(['diff', '--name-only', '--diff-filter=ACDMRTUXB', range]))
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const stat = (await git.run(['diff', '--stat', '--find-renames', range])).trim();
  const excerpt = await buildExcerpt(git, range, changedFiles, input.budgetChars ?? defaultBudget);
  return {
    status: 'ready',
    snapshot: { headSha, baseRef: input.baseRef, compareRef, mergeBase, changedFiles, stat, excerpt },
  };
}

async function refExists(git: GitRunner, ref: string): Promise<boolean> {
  return (await git.tryRun(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])).ok;
}

async function resolveCompareRef(
  git: GitRunner,
  base: string,
  defaultBranch: string,
): Promise<string | null> {
  const remotes = (await git.run(['remote'])).split('\n').map((line) => line.trim());
  const remoteRef = `refs/remotes/origin/${base}`;
  if (remotes.includes('origin') && (base !== defaultBranch || !(await refExists(git, remoteRef)))) {
    // A stale local copy of a non-default base would compare against the wrong commit, so a
    // failed fetch blocks the review instead of falling back (scenario 11).
    const fetched = await git.tryRun(['fetch', '--no-tags', 'origin', `+refs/heads/${base}:${remoteRef}`], {
      timeoutMs: fetchTimeoutMs,
    });
    if (!fetched.ok) return null;
  }
  if (await refExists(git, remoteRef)) return `origin/${base}`;
  if (await refExists(git, `refs/heads/${base}`)) return base;
  return null;
}

async function buildExcerpt(
  git: GitRunner,
  range: string,
  changedFiles: readonly string[],
  budget: number,
): Promise<string> {
  // Credential-like files are never expanded into a prompt, whatever the PR changed (weakness 15).
  const ordered = orderForReview(changedFiles.filter((file) => !isSecretPath(file)));
  const eligible = ordered.filter((file) => reviewFileScore(file) >= 0);
  const candidates = eligible.length > 0 ? eligible : ordered;
  const blocks: string[] = [];
  let used = 0;
  let expanded = 0;
  for (const file of candidates) {
    const remaining = budget - used;
    if (remaining <= 0) break;
    const diff = (await git.run(['diff', '--find-renames', '--unified=3', range, '--', file])).trim();
    if (diff === '') continue;
    const block =
      diff.length > remaining ? `${diff.slice(0, remaining)}\n... (diff of ${file} truncated)` : diff;
    blocks.push(block);
    used += block.length;
    expanded += 1;
  }
  const omitted = changedFiles.length - expanded;
  if (omitted > 0) {
    blocks.push(`... ${omitted} more files not expanded (see the changed-file list)`);
  }
  return blocks.join('\n\n');
}
