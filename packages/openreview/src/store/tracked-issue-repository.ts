import type { Clock, Database } from '@patchloop/core';
import { latestGitHubTime } from './github-time.js';
import { appendKeys, parseKeyList } from './key-history.js';

/** An issue openreview replied to, with the keys of the versions it answered. */
export interface TrackedIssue {
  readonly number: number;
  /** Our clock, epoch ms, of the last reply (or marker reconciliation). */
  readonly processedAt: number;
  /** GitHub's timestamps as seen when the reply was recorded. */
  readonly createdAt: string | null;
  readonly updatedAt: string | null;
  readonly source: string;
  readonly lastProcessedKey: string;
  /** Most recent processing keys, oldest first, at most 32. */
  readonly processedKeys: readonly string[];
}

/** What to record after a reply was really posted (or found already posted by its marker). */
export interface MarkIssueProcessedInput {
  readonly number: number;
  readonly key: string;
  /** Keys that count as answered too (e.g. the discussion key seen at the first reply). */
  readonly aliasKeys?: readonly string[] | undefined;
  readonly createdAt?: string | null | undefined;
  readonly updatedAt?: string | null | undefined;
  readonly source: string;
}

/**
 * The tracked-issue table. Callers mark an issue processed only after a real post or a found
 * marker: a dry run or an empty answer must leave it unanswered so it is retried later.
 */
export interface TrackedIssueRepository {
  get(number: number): TrackedIssue | undefined;
  /** Tracked issues stay eligible in the issue scan even when they predate the cursor. */
  isTracked(number: number): boolean;
  /** True when this processing key (primary or alias) was already answered. */
  isIssueProcessed(number: number, key: string): boolean;
  markIssueProcessed(input: MarkIssueProcessedInput): TrackedIssue;
  /** Forgets issues without activity or reply since `olderThan` (epoch ms); markers on GitHub still prevent re-posts. */
  pruneInactive(olderThan: number): number;
}

interface TrackedIssueRow {
  number: number;
  processed_at: number;
  created_at: string | null;
  updated_at: string | null;
  source: string;
  last_processed_key: string;
  processed_keys: string;
}

const TABLE = 'review_tracked_issues';
const COLUMNS = 'number, processed_at, created_at, updated_at, source, last_processed_key, processed_keys';

/** Creates the tracked-issue repository over openreview's migrated database. */
export function createTrackedIssueRepository({
  db,
  clock,
}: {
  readonly db: Database;
  readonly clock: Clock;
}): TrackedIssueRepository {
  const statements = {
    get: db.prepare<[number], TrackedIssueRow>(`SELECT ${COLUMNS} FROM ${TABLE} WHERE number = ?`),
    upsert: db.prepare<[Record<string, unknown>]>(
      `INSERT INTO ${TABLE} (${COLUMNS}, activity_at)
       VALUES (@number, @processed_at, @created_at, @updated_at, @source, @last_processed_key, @processed_keys, @activity_at)
       ON CONFLICT (number) DO UPDATE SET
         processed_at = excluded.processed_at, created_at = excluded.created_at,
         updated_at = excluded.updated_at, source = excluded.source,
         last_processed_key = excluded.last_processed_key, processed_keys = excluded.processed_keys,
         activity_at = excluded.activity_at`,
    ),
    prune: db.prepare<[number, number]>(
      `DELETE FROM ${TABLE} WHERE processed_at < ? AND (activity_at IS NULL OR activity_at < ?)`,
    ),
  };
  const get = (number: number): TrackedIssue | undefined => {
    const row = statements.get.get(number);
    return row === undefined ? undefined : toTrackedIssue(row);
  };

  // Read-modify-write in one synchronous transaction, so two writers never interleave keys.
  const mark = db.transaction((input: MarkIssueProcessedInput): TrackedIssue => {
    const previous = get(input.number);
    const keys = appendKeys(previous?.processedKeys ?? [], input.key, input.aliasKeys);
    const createdAt = nonEmpty(input.createdAt) ?? previous?.createdAt ?? null;
    const updatedAt = nonEmpty(input.updatedAt) ?? previous?.updatedAt ?? null;
    const issue: TrackedIssue = {
      number: input.number,
      processedAt: clock.now(),
      createdAt,
      updatedAt,
      source: input.source,
      lastProcessedKey: input.key.trim(),
      processedKeys: keys,
    };
    statements.upsert.run({
      number: issue.number,
      processed_at: issue.processedAt,
      created_at: issue.createdAt,
      updated_at: issue.updatedAt,
      source: issue.source,
      last_processed_key: issue.lastProcessedKey,
      processed_keys: JSON.stringify(issue.processedKeys),
      activity_at: latestGitHubTime([createdAt, updatedAt]),
    });
    return issue;
  });

  return {
    get,
    isTracked: (number) => statements.get.get(number) !== undefined,
    isIssueProcessed: (number, key) => {
      const wanted = key.trim();
      if (wanted === '') return false;
      const issue = get(number);
      if (issue === undefined) return false;
      return issue.lastProcessedKey === wanted || issue.processedKeys.includes(wanted);
    },
    markIssueProcessed: (input) => mark(input),
    pruneInactive: (olderThan) => statements.prune.run(olderThan, olderThan).changes,
  };
}

function nonEmpty(value: string | null | undefined): string | null {
  return value === null || value === undefined || value.trim() === '' ? null : value.trim();
}

function toTrackedIssue(row: TrackedIssueRow): TrackedIssue {
  return {
    number: row.number,
    processedAt: row.processed_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    source: row.source,
    lastProcessedKey: row.last_processed_key,
    processedKeys: parseKeyList(row.processed_keys, { table: TABLE, number: row.number }),
  };
}
