import type { Clock, Database } from '@patchloop/core';
import { AppError } from '@patchloop/core';
import { z } from 'zod';
import type { IssuePlan } from '../planning/issue-plan.js';
import type { IssueOutcome } from './issue-outcomes.js';
import { issueOutcomes } from './issue-outcomes.js';
import { IssuePlanColumn, readIssuePlan } from './issue-plan-column.js';
import { appendIssueVersion, sameIssueVersion } from './issue-version.js';
import { parseStoredJson, parseStoredValue } from './stored-json.js';

/** What autocode remembers about one issue (its plan is read separately with `getPlan`). */
export interface IssueRecord {
  readonly number: number;
  /** Processed issue versions (GitHub `updated_at`), most recent last, at most 16. */
  readonly processedVersions: readonly string[];
  readonly lastOutcome: IssueOutcome | null;
  readonly lastOutcomeVersion: string | null;
  /** Our clock, epoch ms. */
  readonly lastOutcomeAt: number | null;
  readonly lastSummary: string | null;
  readonly paused: boolean;
  readonly pauseReason: string | null;
  readonly pausedAt: number | null;
  readonly planVersion: string | null;
  readonly planSavedAt: number | null;
  readonly branch: string | null;
  readonly prNumber: number | null;
  readonly prUrl: string | null;
  readonly updatedAt: number;
}

/** An issue run's result, recorded once per run. */
export interface RecordOutcomeInput {
  readonly number: number;
  /** The issue version (GitHub `updated_at`) the run worked on. */
  readonly version: string;
  readonly outcome: IssueOutcome;
  readonly summary?: string | undefined;
}

/** Where an issue's work was published; `prNumber`/`prUrl` are null in dry-run. */
export interface RecordPublicationInput {
  readonly number: number;
  readonly branch: string;
  readonly prNumber: number | null;
  readonly prUrl: string | null;
}

/** Row counts for `/health` and `/metrics`. */
export interface IssueRecordCounts {
  readonly issues: number;
  readonly pausedIssues: number;
  /** Issues holding a frozen plan (the original's `frozen_issue_plans`). */
  readonly plannedIssues: number;
}

/**
 * The `autocode_issues` table: processed versions and last outcome (the enqueue guard's memory),
 * the frozen plan per version, pauses, and the published branch/PR of each issue.
 */
export interface IssueRecordRepository {
  get(number: number): IssueRecord | undefined;
  /** True when this version (compared as an instant) is in the issue's processed history. */
  isVersionProcessed(number: number, version: string): boolean;
  lastOutcome(number: number): IssueOutcome | undefined;
  /** Adds the version to the processed history and sets the `last_*` columns. */
  recordOutcome(input: RecordOutcomeInput): IssueRecord;
  /** Freezes a plan for one issue version; throws STORE_ROW_INVALID for a plan that is not an IssuePlan. */
  savePlan(input: { readonly number: number; readonly version: string; readonly plan: IssuePlan }): void;
  /** The frozen plan of exactly this version; `undefined` if none, another version, or unreadable. */
  getPlan(number: number, version: string): IssuePlan | undefined;
  pause(number: number, reason: string): void;
  /** Lifts a pause; returns whether the issue was paused. */
  resume(number: number): boolean;
  isPaused(number: number): boolean;
  recordPublication(input: RecordPublicationInput): void;
  counts(): IssueRecordCounts;
}

interface IssueRow {
  number: number;
  processed_versions: string;
  last_outcome: string | null;
  last_outcome_version: string | null;
  last_outcome_at: number | null;
  last_summary: string | null;
  paused: number;
  pause_reason: string | null;
  paused_at: number | null;
  plan_version: string | null;
  plan_saved_at: number | null;
  branch: string | null;
  pr_number: number | null;
  pr_url: string | null;
  updated_at: number;
}

const TABLE = 'autocode_issues';
const COLUMNS =
  'number, processed_versions, last_outcome, last_outcome_version, last_outcome_at, last_summary, ' +
  'paused, pause_reason, paused_at, plan_version, plan_saved_at, branch, pr_number, pr_url, updated_at';
const VersionList = z.array(z.string());
const Outcome = z.enum(issueOutcomes).nullable();

/** Creates the issue record repository over autocode's migrated database. */
export function createIssueRecordRepository({
  db,
  clock,
}: {
  readonly db: Database;
  readonly clock: Clock;
}): IssueRecordRepository {
  // Every write is an upsert: the first thing recorded about an issue creates its row.
  const statements = {
    get: db.prepare<[number], IssueRow>(`SELECT ${COLUMNS} FROM ${TABLE} WHERE number = ?`),
    plan: db.prepare<[number], { plan_json: string | null; plan_version: string | null }>(
      `SELECT plan_json, plan_version FROM ${TABLE} WHERE number = ?`,
    ),
    paused: db.prepare<[number], number>(`SELECT paused FROM ${TABLE} WHERE number = ?`).pluck(),
    outcome: db.prepare(
      `INSERT INTO ${TABLE} (number, processed_versions, last_outcome, last_outcome_version,
         last_outcome_at, last_summary, updated_at)
       VALUES (@number, @processed_versions, @last_outcome, @last_outcome_version,
         @now, @last_summary, @now)
       ON CONFLICT (number) DO UPDATE SET
         processed_versions = excluded.processed_versions, last_outcome = excluded.last_outcome,
         last_outcome_version = excluded.last_outcome_version,
         last_outcome_at = excluded.last_outcome_at, last_summary = excluded.last_summary,
         updated_at = excluded.updated_at`,
    ),
    savePlan: db.prepare(
      `INSERT INTO ${TABLE} (number, plan_json, plan_version, plan_saved_at, updated_at)
       VALUES (@number, @plan_json, @plan_version, @now, @now)
       ON CONFLICT (number) DO UPDATE SET
         plan_json = excluded.plan_json, plan_version = excluded.plan_version,
         plan_saved_at = excluded.plan_saved_at, updated_at = excluded.updated_at`,
    ),
    pause: db.prepare(
      `INSERT INTO ${TABLE} (number, paused, pause_reason, paused_at, updated_at)
       VALUES (@number, 1, @reason, @now, @now)
       ON CONFLICT (number) DO UPDATE SET
         paused = 1, pause_reason = excluded.pause_reason, paused_at = excluded.paused_at,
         updated_at = excluded.updated_at`,
    ),
    resume: db.prepare(
      `UPDATE ${TABLE} SET paused = 0, pause_reason = NULL, paused_at = NULL, updated_at = @now
       WHERE number = @number AND paused = 1`,
    ),
    publication: db.prepare(
      `INSERT INTO ${TABLE} (number, branch, pr_number, pr_url, updated_at)
       VALUES (@number, @branch, @pr_number, @pr_url, @now)
       ON CONFLICT (number) DO UPDATE SET
         branch = excluded.branch, pr_number = excluded.pr_number, pr_url = excluded.pr_url,
         updated_at = excluded.updated_at`,
    ),
    counts: db.prepare<[], { issues: number; paused: number; planned: number }>(
      `SELECT COUNT(*) AS issues, COALESCE(SUM(paused), 0) AS paused, COUNT(plan_json) AS planned
       FROM ${TABLE}`,
    ),
  };

  const get = (number: number): IssueRecord | undefined => {
    const row = statements.get.get(number);
    return row === undefined ? undefined : toIssueRecord(row);
  };

  // Read-modify-write of the version history in one synchronous transaction.
  const recordOutcome = db.transaction((input: RecordOutcomeInput): IssueRecord => {
    const previous = get(input.number);
    const version = input.version.trim();
    statements.outcome.run({
      number: input.number,
      processed_versions: JSON.stringify(appendIssueVersion(previous?.processedVersions ?? [], version)),
      last_outcome: input.outcome,
      last_outcome_version: version === '' ? null : version,
      last_summary: input.summary ?? null,
      now: clock.now(),
    });
    const recorded = get(input.number);
    if (recorded === undefined) {
      throw new AppError(
        'INTERNAL_INVARIANT',
        `Issue #${input.number} vanished while its outcome was recorded.`,
      );
    }
    return recorded;
  });

  return {
    get,
    isVersionProcessed: (number, version) =>
      version.trim() !== '' &&
      (get(number)?.processedVersions.some((stored) => sameIssueVersion(stored, version)) ?? false),
    lastOutcome: (number) => get(number)?.lastOutcome ?? undefined,
    recordOutcome: (input) => recordOutcome.immediate(input),
    savePlan: ({ number, version, plan }) => {
      const checked = IssuePlanColumn.safeParse(plan);
      if (!checked.success) {
        throw new AppError(
          'STORE_ROW_INVALID',
          `The plan for issue #${number} is not a valid IssuePlan and was not saved: ` +
            `${z.prettifyError(checked.error)}`,
          { cause: checked.error },
        );
      }
      statements.savePlan.run({
        number,
        plan_json: JSON.stringify(checked.data),
        plan_version: version.trim(),
        now: clock.now(),
      });
    },
    getPlan: (number, version) => {
      const row = statements.plan.get(number);
      if (row === undefined || row.plan_json === null || row.plan_version === null) return undefined;
      if (!sameIssueVersion(row.plan_version, version)) return undefined;
      // An unreadable plan is simply re-planned; the caller decides whether to log it.
      return readIssuePlan(row.plan_json);
    },
    pause: (number, reason) => {
      statements.pause.run({ number, reason, now: clock.now() });
    },
    resume: (number) => statements.resume.run({ number, now: clock.now() }).changes === 1,
    isPaused: (number) => statements.paused.get(number) === 1,
    recordPublication: ({ number, branch, prNumber, prUrl }) => {
      statements.publication.run({ number, branch, pr_number: prNumber, pr_url: prUrl, now: clock.now() });
    },
    counts: () => {
      const row = statements.counts.get() ?? { issues: 0, paused: 0, planned: 0 };
      return { issues: row.issues, pausedIssues: row.paused, plannedIssues: row.planned };
    },
  };
}

function toIssueRecord(row: IssueRow): IssueRecord {
  const where = (column: string) => ({ table: TABLE, column, key: row.number });
  return {
    number: row.number,
    processedVersions: parseStoredJson(VersionList, row.processed_versions, where('processed_versions')),
    lastOutcome: parseStoredValue(Outcome, row.last_outcome, where('last_outcome')),
    lastOutcomeVersion: row.last_outcome_version,
    lastOutcomeAt: row.last_outcome_at,
    lastSummary: row.last_summary,
    paused: row.paused === 1,
    pauseReason: row.pause_reason,
    pausedAt: row.paused_at,
    planVersion: row.plan_version,
    planSavedAt: row.plan_saved_at,
    branch: row.branch,
    prNumber: row.pr_number,
    prUrl: row.pr_url,
    updatedAt: row.updated_at,
  };
}
