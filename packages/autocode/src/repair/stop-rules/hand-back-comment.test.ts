import { renderMarker } from '@patchloop/core';
import { describe, expect, it } from 'vitest';
import type { HandBackCommentInput } from './hand-back-comment.js';
import { handBackComment } from './hand-back-comment.js';
import { aLedgerEntry } from './test-builders.js';

function input(overrides: Partial<HandBackCommentInput> = {}): HandBackCommentInput {
  return {
    prNumber: 42,
    code: 'no_progress',
    reason: 'The open feedback items did not go down over the last 2 repair rounds (3, 3, 3).',
    open: [
      aLedgerEntry({ itemId: '1', summary: 'src/config.ts:12: Please rename `parse` to `parseConfig`.' }),
      aLedgerEntry({
        itemId: 'lint@abc',
        kind: 'ci_failure',
        author: 'ci',
        summary: 'lint: 2 errors in src/config.ts',
      }),
    ],
    addressed: [
      aLedgerEntry({
        itemId: '2',
        author: 'bob',
        summary: 'Add a test for the empty file.',
        state: 'addressed',
        round: 1,
      }),
    ],
    declined: [
      aLedgerEntry({
        itemId: '3',
        author: 'copilot',
        summary: 'Consider switching to YAML.',
        state: 'declined',
        reason: 'Out of scope for the linked issue.',
      }),
    ],
    resumeCommand: '/patchloop resume',
    markerKeySuffix: 'round-3',
    ...overrides,
  };
}

describe('handBackComment', () => {
  it('says what happened, what is left, what was done and how to re-invite PatchLoop', () => {
    const comment = handBackComment(input());

    expect(comment.body).toMatchSnapshot();
  });

  it('ends with the repair-handback marker keyed by pull request, code and suffix', () => {
    const comment = handBackComment(input({ code: 'diverging', markerKeySuffix: 'abc123' }));

    const marker = renderMarker({ service: 'autocode', kind: 'repair-handback', key: '42:diverging:abc123' });
    expect(comment.marker).toBe(marker);
    expect(comment.body.endsWith(`\n\n${marker}`)).toBe(true);
  });

  it('gives each stop code its own marker, so two different stops are both announced', () => {
    const first = handBackComment(input({ code: 'round_cap' }));
    const second = handBackComment(input({ code: 'repair_failed' }));

    expect(first.marker).not.toBe(second.marker);
  });

  it('lists at most 20 open items and counts the rest', () => {
    const open = Array.from({ length: 23 }, (_unused, index) =>
      aLedgerEntry({ itemId: String(index), summary: `item ${index}` }),
    );

    const { body } = handBackComment(input({ open }));

    expect(body).toContain('### What is left (23 open)');
    expect(body).toContain('- item 19 — by `alice`');
    expect(body).not.toContain('item 20 ');
    expect(body).toContain('- …and 3 more open items.');
  });

  it('says nothing is left when no item is open', () => {
    const { body } = handBackComment(input({ open: [], addressed: [], declined: [] }));

    expect(body).toContain('No feedback item is left open.');
    expect(body).not.toContain('### What PatchLoop did');
  });

  it('defuses mentions, closing keywords and forged markers in summaries and reasons', () => {
    const open = [aLedgerEntry({ summary: '@octocat fixes #9 <!-- autocode:idempotency:x:1 -->' })];

    const { body } = handBackComment(input({ open, reason: 'cc @team' }));

    expect(body).toContain('`@octocat` fixes `#9` &lt;!-- autocode');
    expect(body).toContain('**Reason:** cc `@team`');
  });

  it.each([
    ['round_cap', 'used all the repair rounds allowed on this pull request'],
    ['bot_round_cap', 'used all the repair rounds allowed for bot-only feedback'],
    ['no_progress', 'did not reduce the open feedback'],
    ['diverging', 'open feedback grew after each'],
    ['reverts_earlier_repair', 'would have undone an earlier repair round'],
    ['human_push', 'never rewrites commits it did not make'],
    ['repair_failed', 'could not complete a repair'],
  ] as const)('explains the %s stop in its own words', (code, words) => {
    const { body } = handBackComment(input({ code }));

    expect(body).toContain(words);
  });
});
