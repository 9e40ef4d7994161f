import { createHash } from 'node:crypto';
import type { ChangeStats } from './bare-repository.js';
import type { PullIssue } from './model-records.js';
import type { ModelState } from './model-state.js';

/** The commits a pull request points at right now. */
export interface PullShas {
  readonly headSha: string;
  readonly baseSha: string;
}

/** Details only the single-PR endpoint returns. */
export interface PullDetail {
  readonly mergeable: boolean | null;
  readonly mergeableState: string;
  readonly stats: ChangeStats;
}

/** Branch heads: from the bare repository when there is one (one git call), else set by tests. */
export function branchHeads(state: ModelState): ReadonlyMap<string, string> {
  return state.git?.branchHeadsSync() ?? state.branches;
}

/** A stable made-up SHA for a branch when no git repository backs the fake. */
export function syntheticSha(branch: string): string {
  return createHash('sha1').update(`patchloop-fake-github:${branch}`).digest('hex');
}

/** The branch's current SHA; a branch deleted since keeps the SHA last served, as a PR does. */
export function branchSha(
  state: ModelState,
  heads: ReadonlyMap<string, string>,
  branch: string,
  lastKnown?: string,
): string | undefined {
  const found = heads.get(branch);
  if (found !== undefined) return found;
  if (lastKnown !== undefined) return lastKnown;
  return state.git === undefined ? syntheticSha(branch) : undefined;
}

/**
 * Resolves a PR's head and base now, remembering them for when a branch disappears. A push to
 * the head branch bumps the PR's `updated_at` (GitHub does so on `synchronize`); the fake notices
 * the push on its next read.
 */
export function pullShas(state: ModelState, issue: PullIssue, heads = branchHeads(state)): PullShas {
  const { pull } = issue;
  const headSha = branchSha(state, heads, pull.headRef, pull.lastHeadSha) ?? pull.lastHeadSha;
  const baseSha = branchSha(state, heads, pull.baseRef, pull.lastBaseSha) ?? pull.lastBaseSha;
  if (headSha !== pull.lastHeadSha) issue.updatedAt = Math.max(issue.updatedAt, state.now());
  pull.lastHeadSha = headSha;
  pull.lastBaseSha = baseSha;
  return { headSha, baseSha };
}

/**
 * Mergeability the way GitHub reports it: `null` on the first observed read after head or base
 * moved (GitHub computes it in the background), the `git merge-tree` answer on later reads.
 * `observe: false` peeks without advancing that state (model getters used by tests).
 */
export function pullDetail(
  state: ModelState,
  issue: PullIssue,
  shas: PullShas,
  observe: boolean,
): PullDetail {
  const { pull } = issue;
  const key = `${shas.baseSha}:${shas.headSha}`;
  let mergeable: boolean | null = null;
  if (pull.mergeability?.key === key) {
    if (pull.mergeability.value === null && observe) {
      pull.mergeability.value = state.git?.canMergeSync(shas.baseSha, shas.headSha) ?? true;
    }
    mergeable = pull.mergeability.value;
  } else if (observe) {
    pull.mergeability = { key, value: null };
  }
  const stats = state.git?.statsSync(shas.baseSha, shas.headSha) ?? {
    commits: 1,
    additions: 0,
    deletions: 0,
    changedFiles: 0,
  };
  return { mergeable, mergeableState: mergeableState(issue, mergeable), stats };
}

function mergeableState(issue: PullIssue, mergeable: boolean | null): string {
  if (issue.state === 'closed' || mergeable === null) return 'unknown';
  if (!mergeable) return 'dirty';
  return issue.pull.draft ? 'draft' : 'clean';
}
