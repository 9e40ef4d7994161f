import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCoreMigrations, openDatabase } from '@patchloop/core';
import { createFakeClock } from '@patchloop/sandbox';
import { describe, expect, it, onTestFinished } from 'vitest';
import { loadAutocodeMigrations } from './autocode-migrations.js';
import type { RepairRoundInput } from './repair-round-repository.js';
import { createRepairRoundRepository } from './repair-round-repository.js';

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
  return { db, clock, rounds: createRepairRoundRepository({ db, clock }) };
}

const first: RepairRoundInput = {
  prNumber: 12,
  round: 1,
  commitSha: 'c0ffee1',
  feedbackKey: 'pr:12:0123456789abcdef',
  openBefore: 3,
  addressed: ['review:55:bbbb', 'review_comment:101:aaaa'],
  addedLineHashes: ['1111111111111111', '2222222222222222'],
  removedLineHashes: ['3333333333333333'],
};

describe('repairRoundRepository', () => {
  it('records a round with its time and returns it as stored', () => {
    const { rounds, clock } = setup();

    const recorded = rounds.record(first);

    expect(recorded).toEqual({ ...first, createdAt: clock.now() });
    expect(rounds.list(12)).toEqual([recorded]);
  });

  it('lists the rounds of one pull request in ascending order', async () => {
    const { rounds, clock } = setup();
    rounds.record({ ...first, round: 2, commitSha: 'c0ffee2', openBefore: 1 });
    await clock.advance(1000);
    rounds.record(first);
    rounds.record({ ...first, prNumber: 13 });

    expect(rounds.list(12).map((round) => [round.round, round.commitSha])).toEqual([
      [1, 'c0ffee1'],
      [2, 'c0ffee2'],
    ]);
    expect(rounds.list(14)).toEqual([]);
  });

  it('refuses a round number already recorded for the pull request and keeps the first', () => {
    const { rounds } = setup();
    rounds.record(first);

    expect(() => rounds.record({ ...first, commitSha: 'other' })).toThrow(
      /Repair round 1 of pull request #12 is already recorded/,
    );
    expect(rounds.list(12).map((round) => round.commitSha)).toEqual(['c0ffee1']);
  });

  it.each([
    [{ round: 0 }, /a round number from 1/],
    [{ openBefore: -1 }, /a non-negative open item count/],
    [{ commitSha: ' ' }, /a commit/],
    [{ feedbackKey: '' }, /a feedback key/],
  ])('refuses a malformed round %o', (change, message) => {
    const { rounds } = setup();

    expect(() => rounds.record({ ...first, ...change })).toThrow(message);
    expect(rounds.list(12)).toEqual([]);
  });

  it('knows whether a round of the pull request answered a feedback key', () => {
    const { rounds } = setup();
    rounds.record(first);

    expect(rounds.hasFeedbackKey(12, first.feedbackKey)).toBe(true);
    expect(rounds.hasFeedbackKey(12, 'pr:12:ffffffffffffffff')).toBe(false);
    expect(rounds.hasFeedbackKey(13, first.feedbackKey)).toBe(false);
  });

  it('reads a stored round with a malformed hash list as STORE_ROW_INVALID', () => {
    const { rounds, db } = setup();
    rounds.record(first);
    db.prepare(`UPDATE autocode_repair_rounds SET added_line_hashes = '{"a":1}'`).run();

    expect(() => rounds.list(12)).toThrow(/autocode_repair_rounds\.added_line_hashes of row 12:1/);
  });
});
