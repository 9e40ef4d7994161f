import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCoreMigrations, openDatabase } from '@patchloop/core';
import { createFakeClock } from '@patchloop/sandbox';
import { describe, expect, it, onTestFinished } from 'vitest';
import { loadAutocodeMigrations } from './autocode-migrations.js';
import type { SeenFeedbackEntry } from './feedback-ledger-repository.js';
import { createFeedbackLedgerRepository } from './feedback-ledger-repository.js';

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'patchloop-'));
  const clock = createFakeClock(Date.UTC(2026, 0, 1, 10));
  const db = openDatabase({
    path: join(dir, 'autocode.db'),
    migrations: [loadCoreMigrations(), loadAutocodeMigrations()],
    clock,
  });
  onTestFinished(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { db, clock, ledger: createFeedbackLedgerRepository({ db, clock }) };
}

const rename: SeenFeedbackEntry = {
  fingerprint: 'review_comment:101:aaaa',
  itemId: '101',
  kind: 'review_comment',
  author: 'alice',
  summary: 'Rename the helper',
};
const tests: SeenFeedbackEntry = {
  fingerprint: 'review:55:bbbb',
  itemId: '55',
  kind: 'review',
  author: 'bob',
  summary: 'Please add a test for the empty case',
};
const lint: SeenFeedbackEntry = {
  fingerprint: 'ci_failure:lint@abc:cccc',
  itemId: 'lint@abc',
  kind: 'ci_failure',
  author: 'ci',
  summary: 'lint: 2 errors',
};

describe('feedbackLedgerRepository', () => {
  it('adds unseen items as open and returns them', () => {
    const { ledger, clock } = setup();

    const added = ledger.upsertSeen(12, [rename, tests]);

    expect(added).toEqual([
      {
        prNumber: 12,
        ...rename,
        state: 'open',
        round: null,
        reason: null,
        firstSeenAt: clock.now(),
        updatedAt: clock.now(),
      },
      expect.objectContaining({ fingerprint: tests.fingerprint, state: 'open' }),
    ]);
    expect(ledger.list(12)).toEqual(added);
  });

  it('keeps the state of items seen again and adds only the new ones', async () => {
    const { ledger, clock } = setup();
    ledger.upsertSeen(12, [rename, tests]);
    ledger.setState(12, [rename.fingerprint], 'addressed', { round: 1 });
    await clock.advance(60_000);

    const added = ledger.upsertSeen(12, [rename, tests, lint, lint]);

    expect(added.map((entry) => entry.fingerprint)).toEqual([lint.fingerprint]);
    expect(ledger.list(12).map((entry) => [entry.fingerprint, entry.state])).toEqual([
      [rename.fingerprint, 'addressed'],
      [tests.fingerprint, 'open'],
      [lint.fingerprint, 'open'],
    ]);
  });

  it('lists entries first seen first, per pull request', async () => {
    const { ledger, clock } = setup();
    ledger.upsertSeen(12, [tests]);
    await clock.advance(1000);
    ledger.upsertSeen(12, [rename]);
    ledger.upsertSeen(13, [lint]);

    expect(ledger.list(12).map((entry) => entry.itemId)).toEqual(['55', '101']);
    expect(ledger.list(13).map((entry) => entry.itemId)).toEqual(['lint@abc']);
    expect(ledger.list(14)).toEqual([]);
  });

  it('moves items to a state with the round or reason and counts the entries changed', async () => {
    const { ledger, clock } = setup();
    ledger.upsertSeen(12, [rename, tests, lint]);
    await clock.advance(1000);

    const addressed = ledger.setState(12, [rename.fingerprint, lint.fingerprint, 'unknown'], 'addressed', {
      round: 2,
    });
    const declined = ledger.setState(12, [tests.fingerprint], 'declined', { reason: 'out of scope' });

    expect(addressed).toBe(2);
    expect(declined).toBe(1);
    expect(ledger.list(12)).toEqual([
      expect.objectContaining({
        fingerprint: rename.fingerprint,
        state: 'addressed',
        round: 2,
        reason: null,
      }),
      expect.objectContaining({
        state: 'declined',
        round: null,
        reason: 'out of scope',
        updatedAt: clock.now(),
      }),
      expect.objectContaining({ fingerprint: lint.fingerprint, state: 'addressed', round: 2 }),
    ]);
  });

  it('keeps round and reason unless told to change or clear them', () => {
    const { ledger } = setup();
    ledger.upsertSeen(12, [tests]);
    ledger.setState(12, [tests.fingerprint], 'declined', { round: 3, reason: 'conflicts with the issue' });

    ledger.setState(12, [tests.fingerprint], 'handed_back');
    const kept = ledger.list(12)[0];
    ledger.setState(12, [tests.fingerprint], 'open', { round: null, reason: null });
    const cleared = ledger.list(12)[0];

    expect(kept).toMatchObject({ state: 'handed_back', round: 3, reason: 'conflicts with the issue' });
    expect(cleared).toMatchObject({ state: 'open', round: null, reason: null });
  });

  it('changes only the pull request it is given', () => {
    const { ledger } = setup();
    ledger.upsertSeen(12, [rename]);
    ledger.upsertSeen(13, [rename]);

    const changed = ledger.setState(13, [rename.fingerprint, rename.fingerprint], 'addressed', { round: 1 });

    expect(changed).toBe(1);
    expect(ledger.list(12)[0]?.state).toBe('open');
  });

  it('counts the entries of one pull request per state', () => {
    const { ledger } = setup();
    ledger.upsertSeen(12, [rename, tests, lint]);
    ledger.upsertSeen(13, [rename]);
    ledger.setState(12, [rename.fingerprint], 'addressed', { round: 1 });
    ledger.setState(12, [lint.fingerprint], 'handed_back', { reason: 'no_progress' });

    expect(ledger.counts(12)).toEqual({ total: 3, open: 1, addressed: 1, declined: 0, handedBack: 1 });
    expect(ledger.counts(99)).toEqual({ total: 0, open: 0, addressed: 0, declined: 0, handedBack: 0 });
  });

  it('reads a stored entry with an unknown state as STORE_ROW_INVALID', () => {
    const { ledger, db } = setup();
    ledger.upsertSeen(12, [rename]);
    db.prepare("UPDATE autocode_feedback_items SET state = 'fixed'").run();

    expect(() => ledger.list(12)).toThrow(/autocode_feedback_items\.state of row 12:review_comment:101:aaaa/);
  });
});
