/** One entry of `git worktree list --porcelain`. */
export interface WorktreeEntry {
  readonly path: string;
  readonly head: string | undefined;
  /** Short branch name (without `refs/heads/`), or undefined when detached or bare. */
  readonly branch: string | undefined;
  readonly bare: boolean;
  readonly detached: boolean;
  readonly locked: boolean;
  /** Git would drop this registration on `worktree prune` (its directory is gone). */
  readonly prunable: boolean;
}

/**
 * Parses `git worktree list --porcelain` (blank-line separated records of `key value`
 * lines). The first entry is always the main working tree.
 */
export function parseWorktreeList(output: string): WorktreeEntry[] {
  const entries: WorktreeEntry[] = [];
  for (const record of output.split(/\n\s*\n/)) {
    const fields = new Map<string, string>();
    for (const line of record.split('\n')) {
      if (line === '') continue;
      const space = line.indexOf(' ');
      fields.set(space === -1 ? line : line.slice(0, space), space === -1 ? '' : line.slice(space + 1));
    }
    const worktreePath = fields.get('worktree');
    if (worktreePath === undefined) continue;
    const ref = fields.get('branch');
    entries.push({
      path: worktreePath,
      head: fields.get('HEAD'),
      branch: ref?.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : undefined,
      bare: fields.has('bare'),
      detached: fields.has('detached'),
      locked: fields.has('locked'),
      prunable: fields.has('prunable'),
    });
  }
  return entries;
}
