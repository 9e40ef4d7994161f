/**
 * One repair push on a pull request, as the stop rules remember it: how many feedback items were
 * open before it, which it addressed, and the content hashes of the lines its diff added and removed.
 */
export interface RepairRound {
  /** 1-based round number on this pull request. */
  readonly round: number;
  readonly commitSha: string;
  /** Open ledger entries when the round started. */
  readonly openBefore: number;
  /** Fingerprints of the feedback items the round addressed. */
  readonly addressed: readonly string[];
  /** `diffLineHashes(patch).added` of the round's diff. */
  readonly addedLineHashes: readonly string[];
  /** `diffLineHashes(patch).removed` of the round's diff. */
  readonly removedLineHashes: readonly string[];
}
