import { describe, expect, it } from 'vitest';
import { parseWorktreeList } from './worktree-list.js';

const sample = [
  'worktree /repo',
  'HEAD 9aadeb8668b86ad435e3bee9269dc605f14e8217',
  'branch refs/heads/main',
  '',
  'worktree /runs/issue-1',
  'HEAD 1111111111111111111111111111111111111111',
  'branch refs/heads/autocode/issue-1-x',
  'prunable gitdir file points to non-existent location',
  '',
  'worktree /runs/issue-2',
  'HEAD 2222222222222222222222222222222222222222',
  'detached',
  'locked reason with spaces',
  '',
].join('\n');

describe('parseWorktreeList', () => {
  it('reads every record with its branch and flags', () => {
    const entries = parseWorktreeList(sample);

    expect(entries).toEqual([
      {
        path: '/repo',
        head: '9aadeb8668b86ad435e3bee9269dc605f14e8217',
        branch: 'main',
        bare: false,
        detached: false,
        locked: false,
        prunable: false,
      },
      {
        path: '/runs/issue-1',
        head: '1111111111111111111111111111111111111111',
        branch: 'autocode/issue-1-x',
        bare: false,
        detached: false,
        locked: false,
        prunable: true,
      },
      {
        path: '/runs/issue-2',
        head: '2222222222222222222222222222222222222222',
        branch: undefined,
        bare: false,
        detached: true,
        locked: true,
        prunable: false,
      },
    ]);
  });

  it('keeps spaces inside paths', () => {
    const [entry] = parseWorktreeList('worktree /tmp/with space/wt\nHEAD abc\nbranch refs/heads/x\n');

    expect(entry?.path).toBe('/tmp/with space/wt');
  });

  it('returns nothing for empty output', () => {
    expect(parseWorktreeList('')).toEqual([]);
  });
});
