import { randomBytes } from 'node:crypto';
import type { Clock, Database } from '@patchloop/core';
import { AppError, JsonObject } from '@patchloop/core';
import { z } from 'zod';
import { parseStoredJson, parseStoredValue } from './stored-json.js';

/** What a run executes: an issue, or a round of review-feedback repair on a pull request. */
export const runKinds = ['issue', 'review_feedback'] as const;
/** One of {@link runKinds}. */
export type RunKind = (typeof runKinds)[number];

/** Failure code of a run found `running` after a restart: its process died mid-run. */
export const orphanedRunFailureCode = 'orphaned_on_restart';

/** One execution attempt, as recorded in `autocode_runs`. */
export interface RunRecord {
  /** `<issue|feedback>-<target number>-<10 hex>`. */
  readonly runId: string;
  readonly kind: RunKind;
  /** The issue number, or the pull request number for review feedback. */
  readonly targetNumber: number;
  readonly taskId: number | null;
  /** `running` until finished, then the final outcome (e.g. an IssueOutcome). */
  readonly status: string;
  readonly branch: string | null;
  readonly prNumber: number | null;
  readonly prUrl: string | null;
  /** A stable machine code; decisions match on it, never on `failureReason`. */
  readonly failureCode: string | null;
  readonly failureReason: string | null;
  readonly details: JsonObject | null;
  /** Our clock, epoch ms. */
  readonly startedAt: number;
  readonly finishedAt: number | null;
}

/** Starts a run. */
export interface StartRunInput {
  readonly kind: RunKind;
  readonly targetNumber: number;
  readonly taskId?: number | undefined;
  readonly branch?: string | undefined;
}

/** Finishes a run; omitted `branch`, `prNumber` and `prUrl` keep what the run already has. */
export interface FinishRunInput {
  /** The final outcome; never `running`. */
  readonly status: string;
  readonly failureCode?: string | undefined;
  readonly failureReason?: string | undefined;
  readonly branch?: string | undefined;
  readonly prNumber?: number | undefined;
  readonly prUrl?: string | undefined;
  readonly details?: JsonObject | undefined;
}

/** Row counts for `/health` and `/metrics`. */
export interface RunCounts {
  readonly runs: number;
  readonly runningRuns: number;
}

/** The `autocode_runs` table: one row per execution, its outcome, and what it published. */
export interface RunRepository {
  start(input: StartRunInput): RunRecord;
  /** Throws INTERNAL_INVARIANT for an unknown run or one that already finished. */
  finish(runId: string, input: FinishRunInput): RunRecord;
  get(runId: string): RunRecord | undefined;
  /** The most recently started run of a target. */
  latest(kind: RunKind, targetNumber: number): RunRecord | undefined;
  /** Reasons of the latest `limit` failed runs that have one, oldest first (repair notes for the next try). */
  recentFailureReasons(kind: RunKind, targetNumber: number, limit: number): readonly string[];
  /** Marks runs still `running` that started before `startedBefore` as failed `orphaned_on_restart`. */
  recoverOrphaned(startedBefore: number): number;
  /** Deletes finished runs that ended before `cutoff` (epoch ms); running runs are kept. */
  pruneFinishedBefore(cutoff: number): number;
  counts(): RunCounts;
}

/** Dependencies; `randomHex` returns the 10 lowercase hex characters ending a run id. */
export interface RunRepositoryDeps {
  readonly db: Database;
  readonly clock: Clock;
  readonly randomHex?: (() => string) | undefined;
}

interface RunRow {
  run_id: string;
  kind: string;
  target_number: number;
  task_id: number | null;
  status: string;
  branch: string | null;
  pr_number: number | null;
  pr_url: string | null;
  failure_code: string | null;
  failure_reason: string | null;
  details: string | null;
  started_at: number;
  finished_at: number | null;
}

const TABLE = 'autocode_runs';
const COLUMNS =
  'run_id, kind, target_number, task_id, status, branch, pr_number, pr_url, failure_code, ' +
  'failure_reason, details, started_at, finished_at';
const RUN_ID_PREFIX: Readonly<Record<RunKind, string>> = { issue: 'issue', review_feedback: 'feedback' };
const Kind = z.enum(runKinds);
const ORPHANED_REASON =
  'The run was still marked running when PatchLoop restarted: its process stopped before finishing.';

/** Creates the run repository over autocode's migrated database. */
export function createRunRepository({
  db,
  clock,
  randomHex = () => randomBytes(5).toString('hex'),
}: RunRepositoryDeps): RunRepository {
  const statements = {
    get: db.prepare<[string], RunRow>(`SELECT ${COLUMNS} FROM ${TABLE} WHERE run_id = ?`),
    insert: db.prepare(
      `INSERT INTO ${TABLE} (run_id, kind, target_number, task_id, status, branch, started_at)
       VALUES (@run_id, @kind, @target_number, @task_id, 'running', @branch, @now)`,
    ),
    finish: db.prepare(
      `UPDATE ${TABLE} SET status = @status, failure_code = @failure_code,
         failure_reason = @failure_reason, branch = @branch, pr_number = @pr_number, pr_url = @pr_url,
         details = @details, finished_at = @now
       WHERE run_id = @run_id AND status = 'running'`,
    ),
    latest: db.prepare<[string, number], RunRow>(
      `SELECT ${COLUMNS} FROM ${TABLE} WHERE kind = ? AND target_number = ?
       ORDER BY started_at DESC, rowid DESC LIMIT 1`,
    ),
    failureReasons: db
      .prepare<[string, number, number], string>(
        `SELECT failure_reason FROM ${TABLE}
         WHERE kind = ? AND target_number = ? AND status = 'failed'
           AND failure_reason IS NOT NULL AND trim(failure_reason) <> ''
         ORDER BY finished_at DESC, started_at DESC, rowid DESC LIMIT ?`,
      )
      .pluck(),
    recover: db.prepare<[string, string, number, number]>(
      `UPDATE ${TABLE} SET status = 'failed', failure_code = ?, failure_reason = ?, finished_at = ?
       WHERE status = 'running' AND started_at < ?`,
    ),
    prune: db.prepare<[number]>(`DELETE FROM ${TABLE} WHERE finished_at IS NOT NULL AND finished_at < ?`),
    counts: db.prepare<[], { runs: number; running: number }>(
      `SELECT COUNT(*) AS runs, COALESCE(SUM(status = 'running'), 0) AS running FROM ${TABLE}`,
    ),
  };

  const get = (runId: string): RunRecord | undefined => {
    const row = statements.get.get(runId);
    return row === undefined ? undefined : toRunRecord(row);
  };
  const mustGet = (runId: string): RunRecord => {
    const run = get(runId);
    if (run === undefined) throw new AppError('INTERNAL_INVARIANT', `No run with id ${runId} was recorded.`);
    return run;
  };

  const finish = db.transaction((runId: string, input: FinishRunInput): RunRecord => {
    if (input.status === 'running' || input.status.trim() === '') {
      throw new AppError('INTERNAL_INVARIANT', `Run ${runId} cannot finish with status "${input.status}".`);
    }
    const run = mustGet(runId);
    if (run.status !== 'running') {
      throw new AppError(
        'INTERNAL_INVARIANT',
        `Run ${runId} already finished as "${run.status}" and cannot finish again.`,
      );
    }
    statements.finish.run({
      run_id: runId,
      status: input.status,
      failure_code: input.failureCode ?? null,
      failure_reason: input.failureReason ?? null,
      branch: input.branch ?? run.branch,
      pr_number: input.prNumber ?? run.prNumber,
      pr_url: input.prUrl ?? run.prUrl,
      details: input.details === undefined ? null : JSON.stringify(input.details),
      now: clock.now(),
    });
    return mustGet(runId);
  });

  return {
    start: ({ kind, targetNumber, taskId, branch }) => {
      const runId = `${RUN_ID_PREFIX[kind]}-${targetNumber}-${randomHex()}`;
      statements.insert.run({
        run_id: runId,
        kind,
        target_number: targetNumber,
        task_id: taskId ?? null,
        branch: branch ?? null,
        now: clock.now(),
      });
      return mustGet(runId);
    },
    finish: (runId, input) => finish.immediate(runId, input),
    get,
    latest: (kind, targetNumber) => {
      const row = statements.latest.get(kind, targetNumber);
      return row === undefined ? undefined : toRunRecord(row);
    },
    recentFailureReasons: (kind, targetNumber, limit) =>
      limit <= 0 ? [] : statements.failureReasons.all(kind, targetNumber, limit).reverse(),
    recoverOrphaned: (startedBefore) =>
      statements.recover.run(orphanedRunFailureCode, ORPHANED_REASON, clock.now(), startedBefore).changes,
    pruneFinishedBefore: (cutoff) => statements.prune.run(cutoff).changes,
    counts: () => {
      const row = statements.counts.get() ?? { runs: 0, running: 0 };
      return { runs: row.runs, runningRuns: row.running };
    },
  };
}

function toRunRecord(row: RunRow): RunRecord {
  const where = (column: string) => ({ table: TABLE, column, key: row.run_id });
  return {
    runId: row.run_id,
    kind: parseStoredValue(Kind, row.kind, where('kind')),
    targetNumber: row.target_number,
    taskId: row.task_id,
    status: row.status,
    branch: row.branch,
    prNumber: row.pr_number,
    prUrl: row.pr_url,
    failureCode: row.failure_code,
    failureReason: row.failure_reason,
    details: row.details === null ? null : parseStoredJson(JsonObject, row.details, where('details')),
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}
