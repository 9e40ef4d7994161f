import { describe, expect, it } from 'vitest';
import type { DiscussionEntry } from '../planning/discussion.js';
import { resolveWithoutPullRequest } from './resolve-without-pull-request.js';

// Entries are oldest first, one minute apart, as the discussion reader passes them.
function discussion(...entries: Partial<DiscussionEntry>[]): DiscussionEntry[] {
  return entries.map((entry, index) => ({
    login: 'octocat',
    body: '',
    isApprover: false,
    isBot: false,
    createdAt: `2026-01-01T09:0${index}:00Z`,
    ...entry,
  }));
}

const maintainer = { login: 'maintainer', isApprover: true };
const redirect = 'No code change is needed, a config change is enough.';

describe('resolveWithoutPullRequest', () => {
  it("finishes as manual action on an approver's redirect, naming who said so", () => {
    const entries = discussion({ body: 'It times out in CI.' }, { ...maintainer, body: redirect });

    const verdict = resolveWithoutPullRequest(entries, false);

    expect(verdict).toEqual({
      outcome: 'manual_action',
      reason: '@maintainer said this needs no code change (2026-01-01T09:01:00Z)',
    });
  });

  it('honours a redirect in explicit runs too', () => {
    const entries = discussion({ ...maintainer, body: '/patchloop stop' });

    const verdict = resolveWithoutPullRequest(entries, true);

    expect(verdict?.outcome).toBe('manual_action');
  });

  it('lets a later approval supersede an earlier redirect', () => {
    const entries = discussion({ ...maintainer, body: redirect }, { ...maintainer, body: '/implement' });

    const verdict = resolveWithoutPullRequest(entries, true);

    expect(verdict).toBeUndefined();
  });

  it('keeps the redirect when the later approval comes from a non-approver', () => {
    const entries = discussion({ ...maintainer, body: redirect }, { login: 'visitor', body: '/implement' });

    const verdict = resolveWithoutPullRequest(entries, false);

    expect(verdict?.outcome).toBe('manual_action');
  });

  it("ignores a non-approver's redirect", () => {
    const entries = discussion({ login: 'visitor', body: redirect });

    const verdict = resolveWithoutPullRequest(entries, false);

    expect(verdict).toBeUndefined();
  });

  it("ignores a bot's redirect even when the bot has approver permission", () => {
    const entries = discussion({ login: 'helper[bot]', isApprover: true, isBot: true, body: redirect });

    const verdict = resolveWithoutPullRequest(entries, false);

    expect(verdict).toBeUndefined();
  });

  it('resolves an automatic run when the newest human comment says it works now', () => {
    const entries = discussion(
      { body: 'It crashes on save.' },
      { login: 'reporter', body: 'Works now, thanks!' },
    );

    const verdict = resolveWithoutPullRequest(entries, false);

    expect(verdict).toEqual({
      outcome: 'resolved_by_user',
      reason: '@reporter confirmed the problem is solved (2026-01-01T09:01:00Z)',
    });
  });

  it('never resolves an explicit run because someone says it works now', () => {
    const entries = discussion({ login: 'reporter', body: 'Works now, thanks!' });

    const verdict = resolveWithoutPullRequest(entries, true);

    expect(verdict).toBeUndefined();
  });

  it('only reads the newest human comment for a confirmation', () => {
    const entries = discussion({ body: 'Works now.' }, { body: 'Sorry, it is back again after a restart.' });

    const verdict = resolveWithoutPullRequest(entries, false);

    expect(verdict).toBeUndefined();
  });

  it("ignores a bot's resolved message and reads the newest human comment instead", () => {
    const entries = discussion(
      { body: 'It crashes on save.' },
      { login: 'helper[bot]', isBot: true, body: 'Resolved.' },
    );

    const verdict = resolveWithoutPullRequest(entries, false);

    expect(verdict).toBeUndefined();
  });

  it('does not resolve on "still not fixed"', () => {
    const entries = discussion({ login: 'reporter', body: 'Still not fixed.' });

    const verdict = resolveWithoutPullRequest(entries, false);

    expect(verdict).toBeUndefined();
  });

  it('finds nothing in an empty discussion', () => {
    expect(resolveWithoutPullRequest([], false)).toBeUndefined();
  });
});
