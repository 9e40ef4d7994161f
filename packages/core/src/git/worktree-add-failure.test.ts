import { describe, expect, it } from 'vitest';
import { classifyWorktreeAddFailure } from './worktree-add-failure.js';

describe('classifyWorktreeAddFailure', () => {
  it.each([
    ["fatal: 'feat' is already checked out at '/tmp/r/w1'", 'branch_checked_out', '/tmp/r/w1'],
    ["fatal: 'feat' is already used by worktree at '/tmp/r/w1'", 'branch_checked_out', '/tmp/r/w1'],
    [
      "fatal: '/tmp/r/w5' is a missing but locked worktree;\nuse 'add -f -f' to override, or 'unlock' and 'prune' or 'remove' to clear",
      'missing_locked',
      '/tmp/r/w5',
    ],
    [
      "fatal: '/tmp/r/w1' is a missing but already registered worktree;\nuse 'add -f' to override, or 'prune' or 'remove' to clear",
      'missing_registered',
      '/tmp/r/w1',
    ],
    ["fatal: '/tmp/r/w2' is already registered worktree", 'missing_registered', '/tmp/r/w2'],
    ["Preparing worktree (new branch 'x')\nfatal: '/tmp/r/w3' already exists", 'path_exists', '/tmp/r/w3'],
  ])('classifies %j', (message, kind, path) => {
    expect(classifyWorktreeAddFailure(message)).toEqual({ kind, path });
  });

  it.each(['fatal: invalid reference: origin/nope', "fatal: 'bad name' is not a valid branch name", ''])(
    'leaves %j unclassified',
    (message) => {
      expect(classifyWorktreeAddFailure(message)).toBeUndefined();
    },
  );
});
