import type { Clock, Database } from '@patchloop/core';
import { AppError } from '@patchloop/core';
import { z } from 'zod';
import { parseStoredValue } from './stored-json.js';

/** Where a synced item comes from: a Markdown backlog, a Markdown plan, or the idle scan. */
export const backlogItemSources = ['backlog', 'plan', 'idle'] as const;
/** One of {@link backlogItemSources}. */
export type BacklogItemSource = (typeof backlogItemSources)[number];

/**
 * Where an item's sync stands: an issue was `created` (or adopted), the item was `skipped` as not
 * actionable, a `dry_run` drafted it, or its issue was closed on GitHub (`closed_upstream`) or by
 * ticking the item (`closed_by_tick`).
 */
export const backlogItemStatuses = [
  'created',
  'skipped',
  'dry_run',
  'closed_upstream',
  'closed_by_tick',
] as const;
/** One of {@link backlogItemStatuses}. */
export type BacklogItemStatus = (typeof backlogItemStatuses)[number];

/** One backlog/plan item or idle finding and the issue it was synced to (`autocode_backlog_items`). */
export interface BacklogItemRecord {
  readonly itemKey: string;
  readonly source: BacklogItemSource;
  readonly sourcePath: string;
  readonly lineNumber: number;
  /** The item's own title. */
  readonly title: string;
  /** The title of the issue drafted from it. */
  readonly issueTitle: string | null;
  readonly issueNumber: number | null;
  readonly issueUrl: string | null;
  readonly status: BacklogItemStatus;
  readonly reason: string | null;
  /** The item is ticked (`[x]`) in its Markdown file. */
  readonly checked: boolean;
  /** Our clock, epoch ms. */
  readonly createdAt: number;
  readonly updatedAt: number;
  /** When the linked issue was last looked up (the lookups are throttled). */
  readonly lastIssueCheckAt: number | null;
}

/**
 * What a sync learned about an item. Missing or null issue fields keep the stored link, a missing
 * `checked` keeps the stored tick, and `reason` always goes with `status` (missing clears it).
 */
export interface UpsertBacklogItemInput {
  readonly itemKey: string;
  readonly source: BacklogItemSource;
  readonly sourcePath: string;
  readonly lineNumber: number;
  readonly title: string;
  readonly issueTitle?: string | null | undefined;
  readonly issueNumber?: number | null | undefined;
  readonly issueUrl?: string | null | undefined;
  readonly status: BacklogItemStatus;
  readonly reason?: string | null | undefined;
  readonly checked?: boolean | undefined;
}

/** Item counts for `/health` and `/metrics`. */
export interface BacklogItemCounts {
  readonly total: number;
  readonly byStatus: Readonly<Record<BacklogItemStatus, number>>;
}

/** The `autocode_backlog_items` table, keyed by item key. Writers for an unknown key throw INTERNAL_INVARIANT. */
export interface BacklogItemRepository {
  get(itemKey: string): BacklogItemRecord | undefined;
  /** The item synced to an issue (the most recently updated one if several adopted it). */
  findByIssue(issueNumber: number): BacklogItemRecord | undefined;
  /** Records an item; the first write stamps `created_at`. */
  upsert(input: UpsertBacklogItemInput): BacklogItemRecord;
  setStatus(itemKey: string, status: BacklogItemStatus, reason?: string): BacklogItemRecord;
  /** Records that the item was ticked in its file. */
  markChecked(itemKey: string): BacklogItemRecord;
  /** Records a lookup of the linked issue now, for the lookup throttle. */
  recordIssueCheck(itemKey: string): BacklogItemRecord;
  /** Items of one source and/or status, by file and line. */
  list(filter?: {
    readonly source?: BacklogItemSource | undefined;
    readonly status?: BacklogItemStatus | undefined;
  }): readonly BacklogItemRecord[];
  counts(): BacklogItemCounts;
}

interface BacklogItemRow {
  item_key: string;
  source: string;
  source_path: string;
  line_number: number;
  title: string;
  issue_title: string | null;
  issue_number: number | null;
  issue_url: string | null;
  status: string;
  reason: string | null;
  checked: number;
  created_at: number;
  updated_at: number;
  last_issue_check_at: number | null;
}

const TABLE = 'autocode_backlog_items';
const COLUMNS =
  'item_key, source, source_path, line_number, title, issue_title, issue_number, issue_url, status, ' +
  'reason, checked, created_at, updated_at, last_issue_check_at';
const ORDER = 'ORDER BY source_path, line_number, item_key';
const Source = z.enum(backlogItemSources);
const Status = z.enum(backlogItemStatuses);

/** Creates the backlog item repository over autocode's migrated database. */
export function createBacklogItemRepository({
  db,
  clock,
}: {
  readonly db: Database;
  readonly clock: Clock;
}): BacklogItemRepository {
  const setter = (assignments: string) =>
    db.prepare(`UPDATE ${TABLE} SET ${assignments}, updated_at = @now WHERE item_key = @item_key`);
  const statements = {
    get: db.prepare<[string], BacklogItemRow>(`SELECT ${COLUMNS} FROM ${TABLE} WHERE item_key = ?`),
    byIssue: db.prepare<[number], BacklogItemRow>(
      `SELECT ${COLUMNS} FROM ${TABLE} WHERE issue_number = ? ORDER BY updated_at DESC, item_key LIMIT 1`,
    ),
    // The item may have moved in its file (path and line follow it); an issue link, once known, stays.
    upsert: db.prepare(
      `INSERT INTO ${TABLE} (item_key, source, source_path, line_number, title, issue_title, issue_number,
         issue_url, status, reason, checked, created_at, updated_at)
       VALUES (@item_key, @source, @source_path, @line_number, @title, @issue_title, @issue_number,
         @issue_url, @status, @reason, COALESCE(@checked, 0), @now, @now)
       ON CONFLICT (item_key) DO UPDATE SET
         source = excluded.source, source_path = excluded.source_path,
         line_number = excluded.line_number, title = excluded.title,
         issue_title = COALESCE(excluded.issue_title, issue_title),
         issue_number = COALESCE(excluded.issue_number, issue_number),
         issue_url = COALESCE(excluded.issue_url, issue_url),
         status = excluded.status, reason = excluded.reason,
         checked = COALESCE(@checked, checked), updated_at = excluded.updated_at`,
    ),
    status: setter('status = @status, reason = @reason'),
    checked: setter('checked = 1'),
    issueCheck: setter('last_issue_check_at = @now'),
    all: db.prepare<[], BacklogItemRow>(`SELECT ${COLUMNS} FROM ${TABLE} ${ORDER}`),
    filtered: db.prepare<[{ source: string | null; status: string | null }], BacklogItemRow>(
      `SELECT ${COLUMNS} FROM ${TABLE}
       WHERE (@source IS NULL OR source = @source) AND (@status IS NULL OR status = @status) ${ORDER}`,
    ),
    counts: db.prepare<[], { status: string; count: number }>(
      `SELECT status, COUNT(*) AS count FROM ${TABLE} GROUP BY status`,
    ),
  };

  const get = (itemKey: string): BacklogItemRecord | undefined => {
    const row = statements.get.get(itemKey);
    return row === undefined ? undefined : toBacklogItem(row);
  };
  const mustGet = (itemKey: string, action: string): BacklogItemRecord => {
    const item = get(itemKey);
    if (item === undefined) {
      throw new AppError('INTERNAL_INVARIANT', `Backlog item ${itemKey} vanished while ${action}.`);
    }
    return item;
  };
  const change = (
    statement: ReturnType<typeof setter>,
    itemKey: string,
    action: string,
    params: Record<string, unknown> = {},
  ): BacklogItemRecord => {
    const { changes } = statement.run({ ...params, item_key: itemKey, now: clock.now() });
    if (changes === 0) {
      throw new AppError(
        'INTERNAL_INVARIANT',
        `Backlog item ${itemKey} is not recorded, so PatchLoop cannot ${action}; record it first.`,
      );
    }
    return mustGet(itemKey, action);
  };

  return {
    get,
    findByIssue: (issueNumber) => {
      const row = statements.byIssue.get(issueNumber);
      return row === undefined ? undefined : toBacklogItem(row);
    },
    upsert: (input) => {
      if (input.itemKey.trim() === '' || input.title.trim() === '') {
        throw new AppError('INTERNAL_INVARIANT', 'A backlog item needs a key and a title to be recorded.');
      }
      statements.upsert.run({
        item_key: input.itemKey,
        source: input.source,
        source_path: input.sourcePath,
        line_number: input.lineNumber,
        title: input.title,
        issue_title: input.issueTitle ?? null,
        issue_number: input.issueNumber ?? null,
        issue_url: input.issueUrl ?? null,
        status: input.status,
        reason: input.reason ?? null,
        checked: input.checked === undefined ? null : Number(input.checked),
        now: clock.now(),
      });
      return mustGet(input.itemKey, 'being recorded');
    },
    setStatus: (itemKey, status, reason) =>
      change(statements.status, itemKey, 'record its status', { status, reason: reason ?? null }),
    markChecked: (itemKey) => change(statements.checked, itemKey, 'record its tick'),
    recordIssueCheck: (itemKey) => change(statements.issueCheck, itemKey, 'record an issue lookup'),
    list: (filter = {}) =>
      (filter.source === undefined && filter.status === undefined
        ? statements.all.all()
        : statements.filtered.all({ source: filter.source ?? null, status: filter.status ?? null })
      ).map(toBacklogItem),
    counts: () => {
      const byStatus = Object.fromEntries(backlogItemStatuses.map((status) => [status, 0])) as Record<
        BacklogItemStatus,
        number
      >;
      let total = 0;
      for (const row of statements.counts.all()) {
        total += row.count;
        const status = Status.safeParse(row.status);
        if (status.success) byStatus[status.data] = row.count;
      }
      return { total, byStatus };
    },
  };
}

function toBacklogItem(row: BacklogItemRow): BacklogItemRecord {
  const where = (column: string) => ({ table: TABLE, column, key: row.item_key });
  return {
    itemKey: row.item_key,
    source: parseStoredValue(Source, row.source, where('source')),
    sourcePath: row.source_path,
    lineNumber: row.line_number,
    title: row.title,
    issueTitle: row.issue_title,
    issueNumber: row.issue_number,
    issueUrl: row.issue_url,
    status: parseStoredValue(Status, row.status, where('status')),
    reason: row.reason,
    checked: row.checked === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastIssueCheckAt: row.last_issue_check_at,
  };
}
