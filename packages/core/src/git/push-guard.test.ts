import { describe, expect, it } from 'vitest';
import type { PushRequest } from './push-guard.js';
import { checkPush, isProtectedBranch } from './push-guard.js';

const base: PushRequest = { branch: 'autocode/issue-7-fix', defaultBranch: 'main', remote: 'origin' };

describe('checkPush', () => {
  it('allows a task branch and pushes HEAD to its full ref', () => {
    expect(checkPush(base)).toEqual({
      ok: true,
      branch: 'autocode/issue-7-fix',
      refspec: 'HEAD:refs/heads/autocode/issue-7-fix',
    });
  });

  it.each([
    ['refs/heads/autocode/issue-7-fix', 'autocode/issue-7-fix'],
    ['HEAD:autocode/issue-7-fix', 'autocode/issue-7-fix'],
    ['HEAD:refs/heads/feature/x', 'feature/x'],
  ])('understands %j as the branch %j', (branch, expected) => {
    const check = checkPush({ ...base, branch });

    expect(check).toMatchObject({ ok: true, branch: expected });
  });

  it('allows force with a lease', () => {
    expect(checkPush({ ...base, force: 'with-lease' }).ok).toBe(true);
  });

  it.each([
    ['main', 'protected'],
    ['MAIN', 'protected'],
    ['Main', 'protected'],
    ['refs/heads/main', 'protected'],
    ['REFS/HEADS/main', 'protected'],
    ['HEAD:main', 'protected'],
    ['HEAD:refs/heads/Main', 'protected'],
    ['feature/x:refs/heads/main', 'protected'],
    ['HEAD', 'checked out'],
    ['@', 'checked out'],
    ['refs/heads/HEAD', 'checked out'],
    ['HEAD:HEAD', 'checked out'],
    ['HEAD~1', 'checked out'],
    ['+autocode/issue-7-fix', 'without a lease'],
    ['+HEAD:refs/heads/autocode/x', 'without a lease'],
    [':autocode/issue-7-fix', 'deletes'],
    ['HEAD:', 'without a destination'],
    ['refs/tags/v1', 'not a branch'],
    ['HEAD:refs/remotes/origin/x', 'not a branch'],
    ['bad name', 'not a legal branch name'],
    ['a..b', 'not a legal branch name'],
    ['', 'not a legal branch name'],
  ])('refuses the push target %j (%s)', (branch, reason) => {
    const check = checkPush({ ...base, branch });

    expect(check.ok).toBe(false);
    expect(check.ok ? '' : check.reason).toContain(reason);
  });

  it.each([
    ['trunk', 'trunk'],
    ['trunk', 'TRUNK'],
    ['develop', 'refs/heads/Develop'],
  ])('refuses the configured default branch %j pushed as %j', (defaultBranch, branch) => {
    expect(checkPush({ ...base, defaultBranch, branch }).ok).toBe(false);
  });

  it('still refuses main when the default branch is something else', () => {
    expect(checkPush({ ...base, defaultBranch: 'trunk', branch: 'main' }).ok).toBe(false);
  });

  it.each([
    ['release/*', 'release/1.0', false],
    ['release/*', 'Release/2.0', false],
    ['release/*', 'release/1.0/hotfix', true],
    ['release/**', 'release/1.0/hotfix', false],
    ['stable', 'stable', false],
    ['stable', 'stable-2', true],
  ])('with protected pattern %j, pushing %j is allowed: %s', (pattern, branch, allowed) => {
    expect(checkPush({ ...base, protectedBranches: [pattern], branch }).ok).toBe(allowed);
  });

  it('refuses any force other than with-lease', () => {
    const request = { ...base, force: 'force' } as unknown as PushRequest;

    expect(checkPush(request)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('only force-with-lease'),
    });
  });

  it.each(['', '-oops', '--receive-pack=evil', 'origin name', 'https://example.com/x.git'])(
    'refuses the remote %j',
    (remote) => {
      expect(checkPush({ ...base, remote })).toMatchObject({
        ok: false,
        reason: expect.stringContaining('remote'),
      });
    },
  );

  it('fails closed when the default branch is not configured', () => {
    expect(checkPush({ ...base, defaultBranch: ' ' })).toMatchObject({ ok: false });
  });
});

describe('isProtectedBranch', () => {
  it.each([
    ['main', true],
    ['refs/heads/MAIN', true],
    ['trunk', true],
    ['autocode/issue-1', false],
  ])('says %j is protected: %s', (branch, expected) => {
    expect(isProtectedBranch(branch, { defaultBranch: 'trunk' })).toBe(expected);
  });
});
