import type { LineHashes } from './line-hashes.js';
import type { RepairRound } from './repair-round.js';

/** Whether a candidate repair undoes an earlier round, and which round and how much of it. */
export type RevertCheck =
  | { readonly reverts: true; readonly round: number; readonly share: number }
  | { readonly reverts: false };

// A repair that takes back at least half of an earlier round (and at least three lines, so a
// one-line tweak of a tiny round is not a revert) means the loop is going back and forth.
const minimumShare = 0.5;
const minimumLines = 3;

/**
 * Detects a repair that reverts an earlier one: its removed lines take back at least 50% (and at
 * least 3) of an earlier round's added lines, or its added lines restore at least 50% (and at
 * least 3) of an earlier round's removed lines. Reports the round with the largest share
 * (the latest on a tie); `share` is the fraction of that round's lines, 0..1.
 */
export function detectRevert(candidate: LineHashes, rounds: readonly RepairRound[]): RevertCheck {
  const candidateRemoved = new Set(candidate.removed);
  const candidateAdded = new Set(candidate.added);
  let best: { round: number; share: number } | undefined;

  for (const round of rounds) {
    const share = Math.max(
      revertedShare(round.addedLineHashes, candidateRemoved),
      revertedShare(round.removedLineHashes, candidateAdded),
    );
    if (share === 0) continue;
    if (best === undefined || share > best.share || (share === best.share && round.round > best.round)) {
      best = { round: round.round, share };
    }
  }
  return best === undefined ? { reverts: false } : { reverts: true, round: best.round, share: best.share };
}

/** The share of `earlier` that `undone` takes back, or 0 when below either threshold. */
function revertedShare(earlier: readonly string[], undone: ReadonlySet<string>): number {
  const distinct = new Set(earlier);
  if (distinct.size === 0) return 0;
  let hits = 0;
  for (const hash of distinct) if (undone.has(hash)) hits += 1;
  const share = hits / distinct.size;
  return hits >= minimumLines && share >= minimumShare ? share : 0;
}
