import type { ModelState } from './model-state.js';
import { branchHeads, branchSha } from './pull-heads.js';

/**
 * Resolves what GitHub accepts as `{ref}`: a full SHA, a branch name or `heads/<branch>`.
 * Without a bare repository every branch name resolves (to its set or made-up SHA).
 */
export function resolveCommitRef(state: ModelState, ref: string): string | undefined {
  const branch = ref.replace(/^(refs\/)?heads\//, '');
  if (/^[0-9a-f]{40}$/.test(ref)) return ref;
  if (state.git !== undefined) return state.git.resolveSync(branch);
  return branchSha(state, branchHeads(state), branch);
}
