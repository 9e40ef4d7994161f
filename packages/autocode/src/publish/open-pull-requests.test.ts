import { describe, expect, it } from 'vitest';
import { checkOpenPrCap, findExistingPullRequest } from './open-pull-requests.js';
import { aPullRequest } from './test-builders.js';

function taskPrs(count: number, prefix = 'autocode'): ReturnType<typeof aPullRequest>[] {
  return Array.from({ length: count }, (_, index) =>
    aPullRequest({ number: 100 + index, headRef: `${prefix}/issue-${index + 1}-task` }),
  );
}

describe('checkOpenPrCap', () => {
  it('refuses a new PR when the open task PRs reach the cap, naming count/cap', () => {
    const check = checkOpenPrCap({ prs: taskPrs(3), cap: 3, branchPrefix: 'autocode' });

    expect(check).toEqual({ ok: false, count: 3, reason: expect.stringContaining('(3/3)') });
  });

  it.each([
    ['one PR under a cap of 5', taskPrs(1), 5, 1],
    ['49 PRs with the cap disabled by 0', taskPrs(49), 0, 49],
    ['49 PRs with a negative cap', taskPrs(49), -1, 49],
    ['a human branch under a cap of 1', [aPullRequest({ headRef: 'feature/manual' })], 1, 0],
  ])('allows %s', (_case, prs, cap, count) => {
    expect(checkOpenPrCap({ prs, cap, branchPrefix: 'autocode' })).toEqual({ ok: true, count });
  });

  it('counts the configured prefix, not the literal autocode/', () => {
    const prs = [...taskPrs(2, 'bots/patchloop'), ...taskPrs(5, 'autocode')];

    const check = checkOpenPrCap({ prs, cap: 3, branchPrefix: '/bots/patchloop/' });

    expect(check).toEqual({ ok: true, count: 2 });
  });

  it('does not count a branch that merely starts with the prefix text', () => {
    const prs = [
      aPullRequest({ headRef: 'autocode-legacy/issue-1-x' }),
      aPullRequest({ headRef: 'autocode' }),
    ];

    expect(checkOpenPrCap({ prs, cap: 1, branchPrefix: 'autocode' })).toEqual({ ok: true, count: 0 });
  });

  it('ignores closed PRs and, when the repository is named, PRs from forks', () => {
    const prs = [
      aPullRequest({ number: 1, headRef: 'autocode/issue-1-a', state: 'closed' }),
      aPullRequest({ number: 2, headRef: 'autocode/issue-2-b', headRepoFullName: 'stranger/widgets' }),
      aPullRequest({ number: 3, headRef: 'autocode/issue-3-c', headRepoFullName: null }),
      aPullRequest({ number: 4, headRef: 'autocode/issue-4-d', headRepoFullName: 'Acme/Widgets' }),
    ];

    const check = checkOpenPrCap({ prs, cap: 2, branchPrefix: 'autocode', repoFullName: 'acme/widgets' });

    expect(check).toEqual({ ok: true, count: 1 });
  });
});

describe('findExistingPullRequest', () => {
  const head = 'autocode/issue-1-demo';

  it('finds the open PR from the branch into the base', () => {
    const existing = aPullRequest({ number: 91, headRef: head, baseRef: 'release' });
    const prs = [aPullRequest({ number: 90 }), existing];

    expect(findExistingPullRequest(prs, { headBranch: head, base: 'release' })).toBe(existing);
  });

  it.each([
    ['another base', aPullRequest({ headRef: head, baseRef: 'main' })],
    ['a closed PR', aPullRequest({ headRef: head, baseRef: 'release', state: 'closed' })],
    ['another branch', aPullRequest({ headRef: 'autocode/issue-2-demo', baseRef: 'release' })],
  ])('ignores %s', (_case, pr) => {
    expect(findExistingPullRequest([pr], { headBranch: head, base: 'release' })).toBeUndefined();
  });

  it('ignores a fork branch of the same name when the repository is named', () => {
    const fork = aPullRequest({
      number: 5,
      headRef: head,
      baseRef: 'release',
      headRepoFullName: 'stranger/widgets',
    });

    const found = findExistingPullRequest([fork], {
      headBranch: head,
      base: 'release',
      repoFullName: 'acme/widgets',
    });

    expect(found).toBeUndefined();
  });

  it('picks the oldest of several matches so runs keep publishing to one PR', () => {
    const prs = [91, 17, 45].map((number) => aPullRequest({ number, headRef: head, baseRef: 'release' }));

    expect(findExistingPullRequest(prs, { headBranch: head, base: 'release' })?.number).toBe(17);
  });
});
