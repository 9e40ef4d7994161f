import { describe, expect, it } from 'vitest';
import type { RepairDecisionInput } from './repair-decision.js';
import { decideRepair } from './repair-decision.js';
import { aRepairRound, feedbackItems } from './test-builders.js';

function input(
  overrides: Partial<RepairDecisionInput> & { open?: number; history?: number[] } = {},
): RepairDecisionInput {
  const { open = 2, history = [], ...rest } = overrides;
  return {
    openItems: feedbackItems(open),
    botOnly: false,
    hasActionableOpenReview: false,
    repairCount: 0,
    maxRounds: 8,
    botMaxRounds: 4,
    rounds: history.map((openBefore, index) => aRepairRound({ round: index + 1, openBefore })),
    ...rest,
  };
}

describe('decideRepair', () => {
  describe('round caps (spec autocode-execution §3.8)', () => {
    it.each([
      { rule: 'repairs below the round cap', given: { repairCount: 7 }, kind: 'repair' },
      {
        rule: 'resets a reached cap for feedback from people',
        given: { repairCount: 8 },
        kind: 'reset_and_repair',
      },
      {
        rule: 'resets a cap overshot by failed attempts for feedback from people',
        given: { repairCount: 11 },
        kind: 'reset_and_repair',
      },
      {
        rule: 'resets a reached cap for bot-only feedback with an actionable OpenReview verdict',
        given: { repairCount: 8, botOnly: true, hasActionableOpenReview: true },
        kind: 'reset_and_repair',
      },
      {
        rule: 'never caps when the round cap is 0',
        given: { repairCount: 500, maxRounds: 0 },
        kind: 'repair',
      },
      {
        rule: 'does not throttle bot feedback that carries an actionable OpenReview verdict',
        given: { repairCount: 6, botOnly: true, hasActionableOpenReview: true },
        kind: 'repair',
      },
      {
        rule: 'repairs bot-only feedback below the bot limit',
        given: { repairCount: 3, botOnly: true },
        kind: 'repair',
      },
      {
        rule: 'does not throttle bot-only feedback when the bot limit is 0',
        given: { repairCount: 7, botOnly: true, botMaxRounds: 0 },
        kind: 'repair',
      },
      {
        rule: 'applies the bot limit only to bot-only feedback',
        given: { repairCount: 6, botOnly: false },
        kind: 'repair',
      },
    ])('$rule', ({ given, kind }) => {
      const decision = decideRepair(input(given));

      expect(decision).toEqual({ kind });
    });

    it.each([
      {
        rule: 'stops bot-only feedback at the round cap instead of resetting it',
        given: { repairCount: 8, botOnly: true, botMaxRounds: 0 },
        code: 'round_cap',
        reason: 'PatchLoop reached the maximum of 8 repair rounds on this pull request (8/8).',
      },
      {
        rule: 'prefers the round cap when both limits are reached',
        given: { repairCount: 9, botOnly: true },
        code: 'round_cap',
        reason: 'PatchLoop reached the maximum of 8 repair rounds on this pull request (9/8).',
      },
      {
        rule: 'throttles bot-only feedback at the bot limit',
        given: { repairCount: 4, botOnly: true },
        code: 'bot_round_cap',
        reason:
          'Bot-only feedback reached the bot repair limit (4/4); PatchLoop skips automatic repair until a person reviews.',
      },
      {
        rule: 'throttles bot-only feedback at the bot limit when the round cap is off',
        given: { repairCount: 20, botOnly: true, maxRounds: 0 },
        code: 'bot_round_cap',
        reason:
          'Bot-only feedback reached the bot repair limit (20/4); PatchLoop skips automatic repair until a person reviews.',
      },
    ])('$rule', ({ given, code, reason }) => {
      const decision = decideRepair(input(given));

      expect(decision).toEqual({ kind: 'stop', code, reason });
    });

    it('resets the cap before looking at progress, as the round history starts again', () => {
      const decision = decideRepair(input({ repairCount: 8, history: [2, 3], open: 5 }));

      expect(decision).toEqual({ kind: 'reset_and_repair' });
    });
  });

  describe('progress over rounds', () => {
    it.each([
      { rule: 'repairs on the first round', history: [], open: 4, kind: 'repair' },
      { rule: 'repairs after one round even without progress', history: [4], open: 4, kind: 'repair' },
      { rule: 'repairs while the open items go down', history: [6, 4], open: 2, kind: 'repair' },
      {
        rule: 'repairs when one of the last two rounds reduced the open items',
        history: [3, 3],
        open: 2,
        kind: 'repair',
      },
      { rule: 'repairs when the count rose once and then fell', history: [3, 5], open: 4, kind: 'repair' },
      { rule: 'judges only the last two rounds', history: [2, 2, 5, 4], open: 1, kind: 'repair' },
    ])('$rule', ({ history, open, kind }) => {
      const decision = decideRepair(input({ history, open }));

      expect(decision).toEqual({ kind });
    });

    it.each([
      {
        rule: 'stops when the open items stayed the same over the last two rounds',
        history: [3, 3],
        open: 3,
        code: 'no_progress',
        reason: 'The open feedback items did not go down over the last 2 repair rounds (3, 3, 3).',
      },
      {
        rule: 'stops when the open items stayed and then rose',
        history: [5, 2, 2],
        open: 4,
        code: 'no_progress',
        reason: 'The open feedback items did not go down over the last 2 repair rounds (2, 2, 4).',
      },
      {
        rule: 'calls strictly rising open items diverging (spec example 2, 3, 5)',
        history: [2, 3],
        open: 5,
        code: 'diverging',
        reason: 'The open feedback items increased after each of the last 2 repair rounds (2, 3, 5).',
      },
      {
        rule: 'calls a rise from zero no progress rather than diverging, as divergence needs every count above 0',
        history: [0, 1],
        open: 2,
        code: 'no_progress',
        reason: 'The open feedback items did not go down over the last 2 repair rounds (0, 1, 2).',
      },
    ])('$rule', ({ history, open, code, reason }) => {
      const decision = decideRepair(input({ history, open }));

      expect(decision).toEqual({ kind: 'stop', code, reason });
    });

    it('does not call a falling history diverging (spec example 5, 3, 1)', () => {
      const decision = decideRepair(input({ history: [5, 3], open: 1 }));

      expect(decision).toEqual({ kind: 'repair' });
    });

    it('reads rounds in round order whatever order they are given in', () => {
      const rounds = [aRepairRound({ round: 2, openBefore: 4 }), aRepairRound({ round: 1, openBefore: 6 })];

      const decision = decideRepair(input({ rounds, open: 2 }));

      expect(decision).toEqual({ kind: 'repair' });
    });

    it('applies the progress rules to bot-only feedback below its limit', () => {
      const decision = decideRepair(input({ botOnly: true, repairCount: 2, history: [1, 2], open: 3 }));

      expect(decision).toMatchObject({ kind: 'stop', code: 'diverging' });
    });
  });
});
