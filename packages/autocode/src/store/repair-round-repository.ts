import type { Clock, Database } from '@patchloop/core';
import { AppError } from '@patchloop/core';
import { z } from 'zod';
import { parseStoredJson } from './stored-json.js';

/** One repair round to record: what it pushed, what it answered and which lines it touched. */
export interface RepairRoundInput {
  readonly prNumber: number;
  /** 1 for the first round of the pull request, then 2, 3, ... */
  readonly round: number;
  readonly commitSha: string;
  /** The key of the feedback batch the round answered. */
  readonly feedbackKey: string;
  /** Open ledger items before the round. */
  readonly openBefore: number;
  /** Fingerprints the round addressed. */
  readonly addressed: readonly string[];
  /** 16-hex digests of `<path>\n<trimmed line>` of every added / removed non-blank line. */
  readonly addedLineHashes: readonly string[];
  readonly removedLineHashes: readonly string[];
}

/** A recorded repair round (`autocode_repair_rounds`). */
export interface RepairRoundRecord extends RepairRoundInput {
  /** Our clock, epoch ms. */
  readonly createdAt: number;
}

/** The `autocode_repair_rounds` table: the history stop rules (no progress, reverts) look at. */
export interface RepairRoundRepository {
  /** Throws INTERNAL_INVARIANT for a malformed round or one already recorded for the pull request. */
  record(round: RepairRoundInput): RepairRoundRecord;
  /** The pull request's rounds in ascending order. */
  list(prNumber: number): readonly RepairRoundRecord[];
  /** True when a round of the pull request already answered this feedback batch. */
  hasFeedbackKey(prNumber: number, key: string): boolean;
}

interface RepairRoundRow {
  pr_number: number;
  round: number;
  commit_sha: string;
  feedback_key: string;
  open_before: number;
  addressed: string;
  added_line_hashes: string;
  removed_line_hashes: string;
  created_at: number;
}

const TABLE = 'autocode_repair_rounds';
const COLUMNS =
  'pr_number, round, commit_sha, feedback_key, open_before, addressed, added_line_hashes, ' +
  'removed_line_hashes, created_at';
const Strings = z.array(z.string());

/** Creates the repair round repository over autocode's migrated database. */
export function createRepairRoundRepository({
  db,
  clock,
}: {
  readonly db: Database;
  readonly clock: Clock;
}): RepairRoundRepository {
  const statements = {
    get: db.prepare<[number, number], RepairRoundRow>(
      `SELECT ${COLUMNS} FROM ${TABLE} WHERE pr_number = ? AND round = ?`,
    ),
    insert: db.prepare(
      `INSERT INTO ${TABLE} (${COLUMNS})
       VALUES (@pr_number, @round, @commit_sha, @feedback_key, @open_before, @addressed,
         @added_line_hashes, @removed_line_hashes, @now)
       ON CONFLICT (pr_number, round) DO NOTHING`,
    ),
    list: db.prepare<[number], RepairRoundRow>(
      `SELECT ${COLUMNS} FROM ${TABLE} WHERE pr_number = ? ORDER BY round`,
    ),
    hasKey: db
      .prepare<[number, string], number>(
        `SELECT 1 FROM ${TABLE} WHERE pr_number = ? AND feedback_key = ? LIMIT 1`,
      )
      .pluck(),
  };

  return {
    record: (input) => {
      assertWellFormed(input);
      const { changes } = statements.insert.run({
        pr_number: input.prNumber,
        round: input.round,
        commit_sha: input.commitSha,
        feedback_key: input.feedbackKey,
        open_before: input.openBefore,
        addressed: JSON.stringify([...input.addressed]),
        added_line_hashes: JSON.stringify([...input.addedLineHashes]),
        removed_line_hashes: JSON.stringify([...input.removedLineHashes]),
        now: clock.now(),
      });
      // Round numbers come from the history; a clash means two writers raced for one pull request.
      if (changes === 0) {
        throw new AppError(
          'INTERNAL_INVARIANT',
          `Repair round ${input.round} of pull request #${input.prNumber} is already recorded.`,
        );
      }
      const row = statements.get.get(input.prNumber, input.round);
      if (row === undefined) {
        throw new AppError(
          'INTERNAL_INVARIANT',
          `Repair round ${input.round} of pull request #${input.prNumber} vanished while recorded.`,
        );
      }
      return toRound(row);
    },
    list: (prNumber) => statements.list.all(prNumber).map(toRound),
    hasFeedbackKey: (prNumber, key) => statements.hasKey.get(prNumber, key) !== undefined,
  };
}

function assertWellFormed(input: RepairRoundInput): void {
  const problems = [
    Number.isInteger(input.round) && input.round >= 1 ? '' : 'a round number from 1',
    Number.isInteger(input.openBefore) && input.openBefore >= 0 ? '' : 'a non-negative open item count',
    input.commitSha.trim() === '' ? 'a commit' : '',
    input.feedbackKey.trim() === '' ? 'a feedback key' : '',
  ].filter((problem) => problem !== '');
  if (problems.length > 0) {
    throw new AppError(
      'INTERNAL_INVARIANT',
      `Repair round ${input.round} of pull request #${input.prNumber} needs ${problems.join(', ')}.`,
    );
  }
}

function toRound(row: RepairRoundRow): RepairRoundRecord {
  const where = (column: string) => ({ table: TABLE, column, key: `${row.pr_number}:${row.round}` });
  return {
    prNumber: row.pr_number,
    round: row.round,
    commitSha: row.commit_sha,
    feedbackKey: row.feedback_key,
    openBefore: row.open_before,
    addressed: parseStoredJson(Strings, row.addressed, where('addressed')),
    addedLineHashes: parseStoredJson(Strings, row.added_line_hashes, where('added_line_hashes')),
    removedLineHashes: parseStoredJson(Strings, row.removed_line_hashes, where('removed_line_hashes')),
    createdAt: row.created_at,
  };
}
