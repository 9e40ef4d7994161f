/**
 * Why `git worktree add` refused, for the failures PatchLoop repairs and retries once.
 * Covers the wording of git 2.39 and of newer releases ("is already used by worktree").
 */
export type WorktreeAddFailure =
  | { readonly kind: 'branch_checked_out'; readonly path: string }
  | { readonly kind: 'missing_locked'; readonly path: string }
  | { readonly kind: 'missing_registered'; readonly path: string }
  | { readonly kind: 'path_exists'; readonly path: string };

const patterns: ReadonlyArray<readonly [WorktreeAddFailure['kind'], RegExp]> = [
  ['branch_checked_out', /is already checked out at '([^']+)'/i],
  ['branch_checked_out', /is already used by worktree at '([^']+)'/i],
  ['missing_locked', /'([^']+)' is a missing but locked worktree/i],
  ['missing_registered', /'([^']+)' is a missing but already registered worktree/i],
  ['missing_registered', /'([^']+)' is already registered(?: worktree)?/i],
  ['path_exists', /'([^']+)' already exists/i],
];

/** Classifies git's message; undefined means "not something a prune or force can fix". */
export function classifyWorktreeAddFailure(message: string): WorktreeAddFailure | undefined {
  for (const [kind, pattern] of patterns) {
    const match = pattern.exec(message);
    if (match?.[1] !== undefined) return { kind, path: match[1] };
  }
  return undefined;
}
