import type { Clock, Database } from '@patchloop/core';
import { AppError } from '@patchloop/core';

/** A pull request PatchLoop opened or tracks, as recorded in `autocode_pull_requests`. */
export interface PullRequestRecord {
  readonly number: number;
  /** The issue the pull request implements, when known. */
  readonly issueNumber: number | null;
  readonly branch: string;
  readonly base: string;
  readonly headSha: string | null;
  readonly url: string | null;
  /** `open`, `closed`, or a tracking status added by the repair flow. */
  readonly status: string;
  /** Our clock, epoch ms, when the pull request was first recorded. */
  readonly openedAt: number | null;
  readonly updatedAt: number;
}

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

/** Row counts for `/health` and `/metrics`. */
export interface PullRequestCounts {
  readonly pullRequests: number;
  readonly openPullRequests: number;
}

/** The `autocode_pull_requests` table, keyed by pull request number. */
export interface PullRequestRepository {
  upsert(input: UpsertPullRequestInput): PullRequestRecord;
  get(number: number): PullRequestRecord | undefined;
  /** The pull request of a head branch: an open one first, else the most recently updated. */
  findByBranch(branch: string): PullRequestRecord | undefined;
  listByStatus(status: string): readonly PullRequestRecord[];
  counts(): PullRequestCounts;
}

interface PullRequestRow {
  number: number;
  issue_number: number | null;
  branch: string;
  base: string;
  head_sha: string | null;
  url: string | null;
  status: string;
  opened_at: number | null;
  updated_at: number;
}

const TABLE = 'autocode_pull_requests';
const COLUMNS = 'number, issue_number, branch, base, head_sha, url, status, opened_at, updated_at';

/** Creates the pull request repository over autocode's migrated database. */
export function createPullRequestRepository({
  db,
  clock,
}: {
  readonly db: Database;
  readonly clock: Clock;
}): PullRequestRepository {
  const statements = {
    get: db.prepare<[number], PullRequestRow>(`SELECT ${COLUMNS} FROM ${TABLE} WHERE number = ?`),
    // opened_at is set once; a webhook or poll that does not know a link never erases it.
    upsert: db.prepare(
      `INSERT INTO ${TABLE} (${COLUMNS})
       VALUES (@number, @issue_number, @branch, @base, @head_sha, @url, @status, @now, @now)
       ON CONFLICT (number) DO UPDATE SET
         issue_number = COALESCE(excluded.issue_number, issue_number),
         branch = excluded.branch, base = excluded.base,
         head_sha = COALESCE(excluded.head_sha, head_sha), url = COALESCE(excluded.url, url),
         status = excluded.status, updated_at = excluded.updated_at`,
    ),
    byBranch: db.prepare<[string], PullRequestRow>(
      `SELECT ${COLUMNS} FROM ${TABLE} WHERE branch = ?
       ORDER BY status = 'open' DESC, updated_at DESC, number DESC LIMIT 1`,
    ),
    byStatus: db.prepare<[string], PullRequestRow>(
      `SELECT ${COLUMNS} FROM ${TABLE} WHERE status = ? ORDER BY number`,
    ),
    counts: db.prepare<[], { total: number; open: number }>(
      `SELECT COUNT(*) AS total, COALESCE(SUM(status = 'open'), 0) AS open FROM ${TABLE}`,
    ),
  };

  const get = (number: number): PullRequestRecord | undefined => {
    const row = statements.get.get(number);
    return row === undefined ? undefined : toPullRequestRecord(row);
  };

  return {
    upsert: (input) => {
      if (input.branch.trim() === '' || input.base.trim() === '' || input.status.trim() === '') {
        throw new AppError(
          'INTERNAL_INVARIANT',
          `Pull request #${input.number} needs a branch, a base and a status to be recorded.`,
        );
      }
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
      const recorded = get(input.number);
      if (recorded === undefined) {
        throw new AppError('INTERNAL_INVARIANT', `Pull request #${input.number} vanished while recorded.`);
      }
      return recorded;
    },
    get,
    findByBranch: (branch) => {
      const row = statements.byBranch.get(branch);
      return row === undefined ? undefined : toPullRequestRecord(row);
    },
    listByStatus: (status) => statements.byStatus.all(status).map(toPullRequestRecord),
    counts: () => {
      const row = statements.counts.get() ?? { total: 0, open: 0 };
      return { pullRequests: row.total, openPullRequests: row.open };
    },
  };
}

function toPullRequestRecord(row: PullRequestRow): PullRequestRecord {
  return {
    number: row.number,
    issueNumber: row.issue_number,
    branch: row.branch,
    base: row.base,
    headSha: row.head_sha,
    url: row.url,
    status: row.status,
    openedAt: row.opened_at,
    updatedAt: row.updated_at,
  };
}
