import { describe, expect, it } from 'vitest';
import { ciFeedbackItems } from './ci-feedback-items.js';
import { aCiFailure, headSha } from './test-builders.js';

describe('ciFeedbackItems', () => {
  it('makes one trusted ci_failure item per failing check', () => {
    const failure = aCiFailure({
      name: 'build',
      conclusion: 'timed_out',
      summary: 'Job exceeded 30 minutes',
      excerpt: 'Compiling…\nError: job timed out',
      at: '2026-01-01T10:07:00Z',
    });

    const [item] = ciFeedbackItems(12, headSha, [failure]);

    expect(item).toEqual({
      kind: 'ci_failure',
      id: `build@${headSha}`,
      author: 'ci',
      authorIsBot: false,
      trusted: true,
      body: 'Check `build` failed (timed_out): Job exceeded 30 minutes\n\n```\nCompiling…\nError: job timed out\n```',
      path: null,
      line: null,
      side: null,
      reviewId: null,
      state: null,
      at: '2026-01-01T10:07:00Z',
      fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
  });

  it.each([
    ['a summary and no excerpt', 'Lint errors', '', 'Check `lint` failed (failure): Lint errors'],
    ['neither summary nor excerpt', '', '', 'Check `lint` failed (failure).'],
    ['an excerpt only', '', 'x.ts:1 error', 'Check `lint` failed (failure).\n\n```\nx.ts:1 error\n```'],
  ])('writes a body for %s', (_case, summary, excerpt, body) => {
    const failure = aCiFailure({ name: 'lint', summary, excerpt });

    const [item] = ciFeedbackItems(12, headSha, [failure]);

    expect(item?.body).toBe(body);
  });

  it('fences an excerpt that contains a code fence so it cannot break out', () => {
    const failure = aCiFailure({ excerpt: '```\nnot closed' });

    const [item] = ciFeedbackItems(12, headSha, [failure]);

    expect(item?.body.endsWith('\n\n````\n```\nnot closed\n````')).toBe(true);
  });

  it('keeps the check name readable when it contains a backtick', () => {
    const failure = aCiFailure({ name: 'run `make`' });

    const [item] = ciFeedbackItems(12, headSha, [failure]);

    expect(item?.body.startsWith("Check `run 'make'` failed")).toBe(true);
    expect(item?.id).toBe(`run \`make\`@${headSha}`);
  });

  it('gives the same check on the same head the same fingerprint, whatever the log says', () => {
    const first = aCiFailure({ name: 'unit', excerpt: 'FAIL a.test.ts' });
    const second = aCiFailure({ name: 'unit', excerpt: 'FAIL b.test.ts', conclusion: 'timed_out' });

    const [a] = ciFeedbackItems(12, headSha, [first]);
    const [b] = ciFeedbackItems(12, headSha, [second]);

    expect(a?.fingerprint).toBe(b?.fingerprint);
  });

  it.each([
    ['another check', { name: 'e2e' }, headSha, 12],
    ['a new head commit', {}, 'b'.repeat(40), 12],
    ['another pull request', {}, headSha, 13],
  ])('gives %s a different fingerprint', (_case, overrides, sha, prNumber) => {
    const [base] = ciFeedbackItems(12, headSha, [aCiFailure({ name: 'unit' })]);

    const [other] = ciFeedbackItems(prNumber, sha, [aCiFailure({ name: 'unit', ...overrides })]);

    expect(other?.fingerprint).not.toBe(base?.fingerprint);
  });

  it('returns no items when nothing fails', () => {
    const items = ciFeedbackItems(12, headSha, []);

    expect(items).toEqual([]);
  });
});
