import type { FeedbackItem } from '../feedback-item.js';
import type { RepairRound } from './repair-round.js';

/** Why the repair loop stops on a pull request; stable codes, never matched on prose. */
export type RepairStopCode = 'round_cap' | 'bot_round_cap' | 'no_progress' | 'diverging';

/** What the stop rules see before a repair round is planned. */
export interface RepairDecisionInput {
  /** Open ledger items the next round would work on. */
  readonly openItems: readonly FeedbackItem[];
  /** Every open item came from a bot (spec autocode-execution §3.3). */
  readonly botOnly: boolean;
  /** The feedback holds an OpenReview item with an actionable verdict. */
  readonly hasActionableOpenReview: boolean;
  /** Repair rounds counted so far: pushes and failed attempts (§3.8). */
  readonly repairCount: number;
  /** EXECUTION_PR_MAX_REPAIR_ROUNDS; 0 = unlimited. */
  readonly maxRounds: number;
  /** EXECUTION_BOT_FEEDBACK_MAX_REPAIR_ROUNDS; 0 disables the bot throttle. */
  readonly botMaxRounds: number;
  /** Rounds since the last reset, any order. */
  readonly rounds: readonly RepairRound[];
}

/**
 * `reset_and_repair` tells the caller to set the repair count to 0 and start a new round history
 * before repairing; `stop` hands the pull request back with a stable code and an English reason.
 */
export type RepairDecision =
  | { readonly kind: 'repair' }
  | { readonly kind: 'reset_and_repair' }
  | { readonly kind: 'stop'; readonly code: RepairStopCode; readonly reason: string };

/**
 * Decides whether the next repair round may run (spec autocode-execution §3.5 gates 10-12 and
 * §3.8): trusted feedback resets a reached round cap, bot-only feedback has its own throttle, and
 * rounds that stop reducing the open items (or keep increasing them) end the loop.
 */
export function decideRepair(input: RepairDecisionInput): RepairDecision {
  const { repairCount, maxRounds, botMaxRounds } = input;
  // Trusted = a person (or OpenReview with an actionable verdict) asked for more: worth a new budget.
  const trusted = !input.botOnly || input.hasActionableOpenReview;
  const atCap = maxRounds > 0 && repairCount >= maxRounds;

  if (atCap && trusted) return { kind: 'reset_and_repair' };
  if (atCap) {
    return stop(
      'round_cap',
      `PatchLoop reached the maximum of ${maxRounds} repair rounds on this pull request (${repairCount}/${maxRounds}).`,
    );
  }
  if (!trusted && botMaxRounds > 0 && repairCount >= botMaxRounds) {
    return stop(
      'bot_round_cap',
      `Bot-only feedback reached the bot repair limit (${repairCount}/${botMaxRounds}); PatchLoop skips automatic repair until a person reviews.`,
    );
  }
  return progressDecision(input);
}

/**
 * The progress rules read the open-item counts before each of the last two rounds plus the count
 * now (the next round's "open before"), so a round's effect is judged as soon as it is known.
 */
function progressDecision(input: RepairDecisionInput): RepairDecision {
  const history = [...input.rounds]
    .sort((left, right) => left.round - right.round)
    .map((round) => round.openBefore);
  history.push(input.openItems.length);
  const [first, second, third] = history.slice(-3);
  if (first === undefined || second === undefined || third === undefined) return { kind: 'repair' };
  const counts = `${first}, ${second}, ${third}`;

  // Strictly rising, each > 0 (§3.8 divergence); checked first as it is the sharper diagnosis.
  if (first > 0 && first < second && second < third) {
    return stop(
      'diverging',
      `The open feedback items increased after each of the last 2 repair rounds (${counts}).`,
    );
  }
  if (third > 0 && first <= second && second <= third) {
    return stop(
      'no_progress',
      `The open feedback items did not go down over the last 2 repair rounds (${counts}).`,
    );
  }
  return { kind: 'repair' };
}

function stop(code: RepairStopCode, reason: string): RepairDecision {
  return { kind: 'stop', code, reason };
}
