import type { Clock, Database } from '@patchloop/core';
import { AppError } from '@patchloop/core';
import type {
  PullRequestRecord,
  PullRequestReviewState,
  PullRequestRow,
  StoredFeedbackCursor,
  TrackedPullRequestSource,
} from './pull-request-record.js';
import { pullRequestColumns as COLUMNS, toPullRequestRecord } from './pull-request-record.js';

export type {
  PullRequestRecord,
  PullRequestReviewState,
  StoredFeedbackCursor,
  TrackedPullRequestSource,
} from './pull-request-record.js';

/** What is known about a pull request now; missing or null optional fields keep the stored value. */
export interface UpsertPullRequestInput {
  readonly number: number;
  readonly issueNumber?: number | null | undefined;
  readonly branch: string;
  readonly base: string;
  readonly headSha?: string | null | undefined;
  readonly url?: string | null | undefined;
  readonly status: string;
}

/** A tracking scan's view of a live pull request; missing or null optional fields keep the stored value. */
export interface TrackPullRequestInput {
  readonly number: number;
  readonly branch: string;
  readonly base: string;
  readonly headSha?: string | null | undefined;
  readonly url?: string | null | undefined;
  readonly author?: string | null | undefined;
  readonly source: TrackedPullRequestSource;
  /** GitHub's `updated_at` of the pull request. */
  readonly prUpdatedAt?: string | null | undefined;
  readonly status: string;
}

/** Row counts for `/health` and `/metrics`. */
export interface PullRequestCounts {
  readonly pullRequests: number;
  readonly openPullRequests: number;
}

/**
 * The `autocode_pull_requests` table, keyed by pull request number: links, live state and the
 * repair loop's bookkeeping. Repair-state writers throw INTERNAL_INVARIANT for an unknown pull request.
 */
export interface PullRequestRepository {
  upsert(input: UpsertPullRequestInput): PullRequestRecord;
  /** Records what a tracking scan saw; never touches the repair state (count, cursor, pause, hand-back). */
  track(input: TrackPullRequestInput): PullRequestRecord;
  get(number: number): PullRequestRecord | undefined;
  /** The pull request of a head branch: an open one first, else the most recently updated. */
  findByBranch(branch: string): PullRequestRecord | undefined;
  listByStatus(status: string): readonly PullRequestRecord[];
  /** Every recorded pull request (optionally of one status), first recorded first. */
  listTracked(filter?: { readonly status?: string | undefined }): readonly PullRequestRecord[];
  setReviewState(number: number, state: PullRequestReviewState, summary: string): PullRequestRecord;
  /** Moves the feedback cursor; null forgets it, so all current feedback is pending again. */
  setFeedbackCursor(number: number, cursor: StoredFeedbackCursor | null): PullRequestRecord;
  incrementRepairCount(number: number): PullRequestRecord;
  resetRepairCount(number: number): PullRequestRecord;
  /** Stops automatic repair until resumed; keeps the repair count. */
  pauseRepair(number: number, reason: string): PullRequestRecord;
  /**
   * Re-invites PatchLoop: lifts a pause and a hand-back and resets the repair count. Returns
   * whether the pull request was paused or handed back (false also for an unknown one).
   */
  resumeRepair(number: number): boolean;
  /** Records a head PatchLoop pushed or adopted. */
  setKnownHead(number: number, sha: string): PullRequestRecord;
  /** Records that the loop stopped and handed the pull request back to people, with a stop code. */
  markHandedBack(number: number, code: string): PullRequestRecord;
  recordRebaseFailure(number: number, headSha: string, reason: string): PullRequestRecord;
  clearRebaseFailure(number: number): PullRequestRecord;
  /** Remembers that check failures shared with the base were reported for this head. */
  markBaseFailureReported(number: number, sha: string): PullRequestRecord;
  counts(): PullRequestCounts;
}

const TABLE = 'autocode_pull_requests';

/** Creates the pull request repository over autocode's migrated database. */
export function createPullRequestRepository({
  db,
  clock,
}: {
  readonly db: Database;
  readonly clock: Clock;
}): PullRequestRepository {
  // One UPDATE per repair-state writer; each also stamps updated_at.
  const setter = (assignments: string) =>
    db.prepare(`UPDATE ${TABLE} SET ${assignments}, updated_at = @now WHERE number = @number`);
  const statements = {
    get: db.prepare<[number], PullRequestRow>(`SELECT ${COLUMNS} FROM ${TABLE} WHERE number = ?`),
    // opened_at is set once; a webhook or poll that does not know a link never erases it.
    upsert: db.prepare(
      `INSERT INTO ${TABLE} (number, issue_number, branch, base, head_sha, url, status, opened_at, updated_at)
       VALUES (@number, @issue_number, @branch, @base, @head_sha, @url, @status, @now, @now)
       ON CONFLICT (number) DO UPDATE SET
         issue_number = COALESCE(excluded.issue_number, issue_number),
         branch = excluded.branch, base = excluded.base,
         head_sha = COALESCE(excluded.head_sha, head_sha), url = COALESCE(excluded.url, url),
         status = excluded.status, updated_at = excluded.updated_at`,
    ),
    // Only the columns a scan observes: the repair state survives every re-scan.
    track: db.prepare(
      `INSERT INTO ${TABLE} (number, branch, base, head_sha, url, author, source, pr_updated_at, status,
         opened_at, updated_at)
       VALUES (@number, @branch, @base, @head_sha, @url, @author, @source, @pr_updated_at, @status, @now, @now)
       ON CONFLICT (number) DO UPDATE SET
         branch = excluded.branch, base = excluded.base,
         head_sha = COALESCE(excluded.head_sha, head_sha), url = COALESCE(excluded.url, url),
         author = COALESCE(excluded.author, author), source = excluded.source,
         pr_updated_at = COALESCE(excluded.pr_updated_at, pr_updated_at),
         status = excluded.status, updated_at = excluded.updated_at`,
    ),
    byBranch: db.prepare<[string], PullRequestRow>(
      `SELECT ${COLUMNS} FROM ${TABLE} WHERE branch = ?
       ORDER BY status = 'open' DESC, updated_at DESC, number DESC LIMIT 1`,
    ),
    byStatus: db.prepare<[string], PullRequestRow>(
      `SELECT ${COLUMNS} FROM ${TABLE} WHERE status = ? ORDER BY number`,
    ),
    all: db.prepare<[], PullRequestRow>(`SELECT ${COLUMNS} FROM ${TABLE} ORDER BY opened_at, number`),
    allOfStatus: db.prepare<[string], PullRequestRow>(
      `SELECT ${COLUMNS} FROM ${TABLE} WHERE status = ? ORDER BY opened_at, number`,
    ),
    counts: db.prepare<[], { total: number; open: number }>(
      `SELECT COUNT(*) AS total, COALESCE(SUM(status = 'open'), 0) AS open FROM ${TABLE}`,
    ),
    reviewState: setter('review_state = @state, last_summary = @summary'),
    cursor: setter('feedback_cursor_at = @at, feedback_cursor_ids = @ids'),
    increment: setter('repair_count = repair_count + 1'),
    reset: setter('repair_count = 0'),
    pause: setter('repair_paused = 1, pause_reason = @reason, paused_at = @now'),
    resume: db.prepare(
      `UPDATE ${TABLE} SET repair_paused = 0, pause_reason = NULL, paused_at = NULL, repair_count = 0,
         handed_back_at = NULL, handback_code = NULL, updated_at = @now
       WHERE number = @number AND (repair_paused = 1 OR handed_back_at IS NOT NULL)`,
    ),
    knownHead: setter('known_head_sha = @sha'),
    handBack: setter('handed_back_at = @now, handback_code = @code'),
    rebaseFailure: setter('rebase_failed_head_sha = @sha, rebase_failed_at = @now, rebase_failure = @reason'),
    clearRebase: setter('rebase_failed_head_sha = NULL, rebase_failed_at = NULL, rebase_failure = NULL'),
    baseFailure: setter('base_failure_reported_sha = @sha'),
  };

  const get = (number: number): PullRequestRecord | undefined => {
    const row = statements.get.get(number);
    return row === undefined ? undefined : toPullRequestRecord(row);
  };
  const mustGet = (number: number, action: string): PullRequestRecord => {
    const recorded = get(number);
    if (recorded === undefined) {
      throw new AppError('INTERNAL_INVARIANT', `Pull request #${number} vanished while ${action}.`);
    }
    return recorded;
  };
  const requireFields = (number: number, fields: readonly string[]) => {
    if (fields.some((field) => field.trim() === '')) {
      throw new AppError(
        'INTERNAL_INVARIANT',
        `Pull request #${number} needs a branch, a base and a status to be recorded.`,
      );
    }
  };
  // Repair state only exists for recorded pull requests: writing it for an unknown one is a bug.
  const change = (
    statement: ReturnType<typeof setter>,
    number: number,
    action: string,
    params: Record<string, unknown> = {},
  ): PullRequestRecord => {
    const { changes } = statement.run({ ...params, number, now: clock.now() });
    if (changes === 0) {
      throw new AppError(
        'INTERNAL_INVARIANT',
        `Pull request #${number} is not tracked, so PatchLoop cannot ${action}; track it first.`,
      );
    }
    return mustGet(number, action);
  };

  return {
    upsert: (input) => {
      requireFields(input.number, [input.branch, input.base, input.status]);
      statements.upsert.run({
        number: input.number,
        issue_number: input.issueNumber ?? null,
        branch: input.branch,
        base: input.base,
        head_sha: input.headSha ?? null,
        url: input.url ?? null,
        status: input.status,
        now: clock.now(),
      });
      return mustGet(input.number, 'being recorded');
    },
    track: (input) => {
      requireFields(input.number, [input.branch, input.base, input.status]);
      statements.track.run({
        number: input.number,
        branch: input.branch,
        base: input.base,
        head_sha: input.headSha ?? null,
        url: input.url ?? null,
        author: input.author ?? null,
        source: input.source,
        pr_updated_at: input.prUpdatedAt ?? null,
        status: input.status,
        now: clock.now(),
      });
      return mustGet(input.number, 'being tracked');
    },
    get,
    findByBranch: (branch) => {
      const row = statements.byBranch.get(branch);
      return row === undefined ? undefined : toPullRequestRecord(row);
    },
    listByStatus: (status) => statements.byStatus.all(status).map(toPullRequestRecord),
    listTracked: (filter = {}) =>
      (filter.status === undefined ? statements.all.all() : statements.allOfStatus.all(filter.status)).map(
        toPullRequestRecord,
      ),
    setReviewState: (number, state, summary) =>
      change(statements.reviewState, number, 'record its review state', { state, summary }),
    setFeedbackCursor: (number, cursor) =>
      change(statements.cursor, number, 'move its feedback cursor', {
        at: cursor?.at ?? null,
        ids: cursor === null ? null : JSON.stringify([...cursor.ids]),
      }),
    incrementRepairCount: (number) => change(statements.increment, number, 'count a repair round'),
    resetRepairCount: (number) => change(statements.reset, number, 'reset its repair count'),
    pauseRepair: (number, reason) => change(statements.pause, number, 'pause its repair', { reason }),
    resumeRepair: (number) => statements.resume.run({ number, now: clock.now() }).changes === 1,
    setKnownHead: (number, sha) => change(statements.knownHead, number, 'record its known head', { sha }),
    markHandedBack: (number, code) => change(statements.handBack, number, 'hand it back', { code }),
    recordRebaseFailure: (number, headSha, reason) =>
      change(statements.rebaseFailure, number, 'record a rebase failure', { sha: headSha, reason }),
    clearRebaseFailure: (number) => change(statements.clearRebase, number, 'clear its rebase failure'),
    markBaseFailureReported: (number, sha) =>
      change(statements.baseFailure, number, 'record a base failure report', { sha }),
    counts: () => {
      const row = statements.counts.get() ?? { total: 0, open: 0 };
      return { pullRequests: row.total, openPullRequests: row.open };
    },
  };
}
