import type { Clock, Database } from '@patchloop/core';
import { z } from 'zod';
import type { FeedbackItemState, FeedbackKind } from '../repair/feedback-item.js';
import { parseStoredValue } from './stored-json.js';

/** The stored `kind` of a ledger entry; the object form keeps it in step with FeedbackKind. */
export const FeedbackKindColumn = z.enum({
  review: 'review',
  review_comment: 'review_comment',
  ci_failure: 'ci_failure',
} as const satisfies { [K in FeedbackKind]: K });

/** The stored `state` of a ledger entry; the object form keeps it in step with FeedbackItemState. */
export const FeedbackStateColumn = z.enum({
  open: 'open',
  addressed: 'addressed',
  declined: 'declined',
  handed_back: 'handed_back',
} as const satisfies { [K in FeedbackItemState]: K });

/** One feedback item of a pull request as the ledger remembers it, keyed by fingerprint. */
export interface FeedbackLedgerEntry {
  readonly prNumber: number;
  readonly fingerprint: string;
  readonly itemId: string;
  readonly kind: FeedbackKind;
  readonly author: string;
  /** First line of the item, at most 120 characters. */
  readonly summary: string;
  readonly state: FeedbackItemState;
  /** The repair round that addressed or declined the item. */
  readonly round: number | null;
  /** Why the item was declined or handed back. */
  readonly reason: string | null;
  /** Our clock, epoch ms. */
  readonly firstSeenAt: number;
  readonly updatedAt: number;
}

/** A feedback item as collected now; new fingerprints enter the ledger as `open`. */
export interface SeenFeedbackEntry {
  readonly fingerprint: string;
  readonly itemId: string;
  readonly kind: FeedbackKind;
  readonly author: string;
  readonly summary: string;
}

/** What a state change also records; undefined keeps the stored value, null clears it. */
export interface FeedbackStateDetails {
  readonly round?: number | null | undefined;
  readonly reason?: string | null | undefined;
}

/** Ledger entries of one pull request per state. */
export interface FeedbackLedgerCounts {
  readonly total: number;
  readonly open: number;
  readonly addressed: number;
  readonly declined: number;
  readonly handedBack: number;
}

/** The `autocode_feedback_items` table: each pull request's feedback items and where they stand. */
export interface FeedbackLedgerRepository {
  /** The pull request's entries, first seen first. */
  list(prNumber: number): readonly FeedbackLedgerEntry[];
  /** Adds unknown fingerprints as `open` and leaves known ones as they are; returns the added entries. */
  upsertSeen(prNumber: number, entries: readonly SeenFeedbackEntry[]): readonly FeedbackLedgerEntry[];
  /** Moves the listed fingerprints to a state; returns how many entries exist and were changed. */
  setState(
    prNumber: number,
    fingerprints: readonly string[],
    state: FeedbackItemState,
    details?: FeedbackStateDetails,
  ): number;
  counts(prNumber: number): FeedbackLedgerCounts;
}

interface FeedbackRow {
  pr_number: number;
  fingerprint: string;
  item_id: string;
  kind: string;
  author: string;
  summary: string;
  state: string;
  round: number | null;
  reason: string | null;
  first_seen_at: number;
  updated_at: number;
}

const TABLE = 'autocode_feedback_items';
const COLUMNS =
  'pr_number, fingerprint, item_id, kind, author, summary, state, round, reason, first_seen_at, updated_at';

/** Creates the feedback ledger repository over autocode's migrated database. */
export function createFeedbackLedgerRepository({
  db,
  clock,
}: {
  readonly db: Database;
  readonly clock: Clock;
}): FeedbackLedgerRepository {
  const statements = {
    list: db.prepare<[number], FeedbackRow>(
      `SELECT ${COLUMNS} FROM ${TABLE} WHERE pr_number = ? ORDER BY first_seen_at, rowid`,
    ),
    get: db.prepare<[number, string], FeedbackRow>(
      `SELECT ${COLUMNS} FROM ${TABLE} WHERE pr_number = ? AND fingerprint = ?`,
    ),
    // A known fingerprint keeps its state: an addressed item seen again is still addressed.
    insert: db.prepare(
      `INSERT INTO ${TABLE} (pr_number, fingerprint, item_id, kind, author, summary, state, first_seen_at,
         updated_at)
       VALUES (@pr_number, @fingerprint, @item_id, @kind, @author, @summary, 'open', @now, @now)
       ON CONFLICT (pr_number, fingerprint) DO NOTHING`,
    ),
    setState: db.prepare(
      `UPDATE ${TABLE} SET state = @state,
         round = CASE WHEN @set_round = 1 THEN @round ELSE round END,
         reason = CASE WHEN @set_reason = 1 THEN @reason ELSE reason END,
         updated_at = @now
       WHERE pr_number = @pr_number AND fingerprint = @fingerprint`,
    ),
    counts: db.prepare<[number], { state: string; count: number }>(
      `SELECT state, COUNT(*) AS count FROM ${TABLE} WHERE pr_number = ? GROUP BY state`,
    ),
  };

  const upsertSeen = db.transaction((prNumber: number, entries: readonly SeenFeedbackEntry[]) => {
    const now = clock.now();
    const added: FeedbackLedgerEntry[] = [];
    for (const entry of entries) {
      const { changes } = statements.insert.run({
        pr_number: prNumber,
        fingerprint: entry.fingerprint,
        item_id: entry.itemId,
        kind: entry.kind,
        author: entry.author,
        summary: entry.summary,
        now,
      });
      const row = changes === 1 ? statements.get.get(prNumber, entry.fingerprint) : undefined;
      if (row !== undefined) added.push(toEntry(row));
    }
    return added;
  });

  const setState = db.transaction(
    (
      prNumber: number,
      fingerprints: readonly string[],
      state: FeedbackItemState,
      details: FeedbackStateDetails,
    ) => {
      const now = clock.now();
      let changed = 0;
      // A set: a fingerprint listed twice is one entry.
      for (const fingerprint of new Set(fingerprints)) {
        changed += statements.setState.run({
          pr_number: prNumber,
          fingerprint,
          state,
          set_round: details.round === undefined ? 0 : 1,
          round: details.round ?? null,
          set_reason: details.reason === undefined ? 0 : 1,
          reason: details.reason ?? null,
          now,
        }).changes;
      }
      return changed;
    },
  );

  return {
    list: (prNumber) => statements.list.all(prNumber).map(toEntry),
    upsertSeen: (prNumber, entries) => upsertSeen.immediate(prNumber, entries),
    setState: (prNumber, fingerprints, state, details = {}) =>
      setState.immediate(prNumber, fingerprints, state, details),
    counts: (prNumber) => {
      const byState = new Map(statements.counts.all(prNumber).map((row) => [row.state, row.count]));
      const of = (state: FeedbackItemState) => byState.get(state) ?? 0;
      return {
        total: [...byState.values()].reduce((sum, count) => sum + count, 0),
        open: of('open'),
        addressed: of('addressed'),
        declined: of('declined'),
        handedBack: of('handed_back'),
      };
    },
  };
}

function toEntry(row: FeedbackRow): FeedbackLedgerEntry {
  const where = (column: string) => ({ table: TABLE, column, key: `${row.pr_number}:${row.fingerprint}` });
  return {
    prNumber: row.pr_number,
    fingerprint: row.fingerprint,
    itemId: row.item_id,
    kind: parseStoredValue(FeedbackKindColumn, row.kind, where('kind')),
    author: row.author,
    summary: row.summary,
    state: parseStoredValue(FeedbackStateColumn, row.state, where('state')),
    round: row.round,
    reason: row.reason,
    firstSeenAt: row.first_seen_at,
    updatedAt: row.updated_at,
  };
}
