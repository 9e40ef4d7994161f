import { describe, expect, it } from 'vitest';
import { buildBlockedNotice } from './blocked-notice.js';
import { replyFooter } from './reply-footer.js';

describe('buildBlockedNotice', () => {
  it('mentions the notify login and states the reason', () => {
    const notice = buildBlockedNotice({ reason: 'cannot resolve PR base branch release', mention: '@alice' });

    expect(notice.startsWith('@alice Automatic review skipped for this pull request')).toBe(true);
    expect(notice).toContain('Reason: cannot resolve PR base branch release');
    expect(notice).toContain('that the base branch can be fetched, and that Git credentials work');
    expect(notice.endsWith(replyFooter)).toBe(true);
  });

  it.each([
    ['no login', undefined],
    ['an empty login', ''],
    ['a login that is not a GitHub login', 'alice; rm -rf'],
  ])('mentions nobody for %s', (_name, mention) => {
    expect(buildBlockedNotice({ reason: 'x', mention }).startsWith('Automatic review skipped')).toBe(true);
  });

  it('flattens the reason to one line and hides absolute paths', () => {
    const notice = buildBlockedNotice({ reason: 'fatal: not a git repository:\n/home/ops/repos/demo/.git' });

    expect(notice).toContain('Reason: fatal: not a git repository: …/.git\n');
    expect(notice).not.toContain('/home/ops');
  });
});
