import { describe, expect, it } from 'vitest';
import { checkPublishTarget } from './publish-target.js';

describe('checkPublishTarget', () => {
  it('refuses the default branch `main` when forbidding main is on', () => {
    const check = checkPublishTarget({ base: 'main', defaultBranch: 'main', forbidMainBaseBranch: true });

    expect(check.ok).toBe(false);
    expect(check.ok ? '' : check.reason).toContain('`main`');
  });

  it('names the configured default branch, here `master`', () => {
    const check = checkPublishTarget({ base: 'master', defaultBranch: 'master', forbidMainBaseBranch: true });

    expect(check).toEqual({
      ok: false,
      reason:
        'the PR base `master` is the default branch `master`, which EXECUTION_FORBID_MAIN_BASE_BRANCH forbids as a publish target',
    });
  });

  it('takes `main` as the default branch when none is known', () => {
    expect(checkPublishTarget({ base: 'main', defaultBranch: ' ', forbidMainBaseBranch: true }).ok).toBe(
      false,
    );
  });

  it.each(['refs/heads/main', 'Main', ' main '])('sees %j as the default branch `main`', (base) => {
    expect(checkPublishTarget({ base, defaultBranch: 'main', forbidMainBaseBranch: true }).ok).toBe(false);
  });

  it('allows another base branch', () => {
    expect(
      checkPublishTarget({ base: 'release', defaultBranch: 'main', forbidMainBaseBranch: true }),
    ).toEqual({
      ok: true,
    });
  });

  it('allows the default branch while the setting is off', () => {
    expect(checkPublishTarget({ base: 'main', defaultBranch: 'main', forbidMainBaseBranch: false })).toEqual({
      ok: true,
    });
  });
});
