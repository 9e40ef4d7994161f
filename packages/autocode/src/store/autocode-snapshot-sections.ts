import type { SnapshotSection } from '@patchloop/core';
import { createTableSnapshotSection, JsonObject } from '@patchloop/core';
import { z } from 'zod';
import { backlogItemSources, backlogItemStatuses } from './backlog-item-repository.js';
import { FeedbackKindColumn, FeedbackStateColumn } from './feedback-ledger-repository.js';
import { issueOutcomes } from './issue-outcomes.js';
import { IssuePlanColumn, readIssuePlan } from './issue-plan-column.js';
import { maxRememberedVersions } from './issue-version.js';
import { pullRequestReviewStates, trackedPullRequestSources } from './pull-request-record.js';
import { runKinds } from './run-repository.js';
import { parseStoredJson } from './stored-json.js';

const epochMs = z.number().int().nonnegative();
const text = z.string().nullable();
const positive = z.number().int().positive();
const count = z.number().int().nonnegative();
const flag = z.union([z.literal(0), z.literal(1)]);
const strings = z.array(z.string());

const IssueSnapshotRow = z.strictObject({
  number: positive,
  processed_versions: z.array(z.string()).max(maxRememberedVersions),
  last_outcome: z.enum(issueOutcomes).nullable(),
  last_outcome_version: text,
  last_outcome_at: epochMs.nullable(),
  last_summary: text,
  paused: flag,
  pause_reason: text,
  paused_at: epochMs.nullable(),
  plan_json: IssuePlanColumn.nullable(),
  plan_version: text,
  plan_saved_at: epochMs.nullable(),
  branch: text,
  pr_number: positive.nullable(),
  pr_url: text,
  updated_at: epochMs,
});

const RunSnapshotRow = z.strictObject({
  run_id: z.string().min(1),
  kind: z.enum(runKinds),
  target_number: positive,
  task_id: positive.nullable(),
  status: z.string().min(1),
  branch: text,
  pr_number: positive.nullable(),
  pr_url: text,
  failure_code: text,
  failure_reason: text,
  details: JsonObject.nullable(),
  started_at: epochMs,
  finished_at: epochMs.nullable(),
});

const PullRequestSnapshotRow = z
  .strictObject({
    number: positive,
    issue_number: positive.nullable(),
    branch: z.string().min(1),
    base: z.string().min(1),
    head_sha: text,
    url: text,
    status: z.string().min(1),
    opened_at: epochMs.nullable(),
    updated_at: epochMs,
    author: text,
    source: z.enum(trackedPullRequestSources).nullable(),
    review_state: z.enum(pullRequestReviewStates).nullable(),
    last_summary: text,
    repair_count: count,
    feedback_cursor_at: text,
    feedback_cursor_ids: strings.nullable(),
    repair_paused: flag,
    pause_reason: text,
    paused_at: epochMs.nullable(),
    known_head_sha: text,
    handed_back_at: epochMs.nullable(),
    handback_code: text,
    rebase_failed_head_sha: text,
    rebase_failed_at: epochMs.nullable(),
    rebase_failure: text,
    base_failure_reported_sha: text,
    pr_updated_at: text,
  })
  .refine((row) => (row.feedback_cursor_at === null) === (row.feedback_cursor_ids === null), {
    message: 'feedback_cursor_at and feedback_cursor_ids are set together or both null',
    path: ['feedback_cursor_ids'],
  });

const FeedbackItemSnapshotRow = z.strictObject({
  pr_number: positive,
  fingerprint: z.string().min(1),
  item_id: z.string(),
  kind: FeedbackKindColumn,
  author: z.string(),
  summary: z.string(),
  state: FeedbackStateColumn,
  round: positive.nullable(),
  reason: text,
  first_seen_at: epochMs,
  updated_at: epochMs,
});

const RepairRoundSnapshotRow = z.strictObject({
  pr_number: positive,
  round: positive,
  commit_sha: z.string().min(1),
  feedback_key: z.string().min(1),
  open_before: count,
  addressed: strings,
  added_line_hashes: strings,
  removed_line_hashes: strings,
  created_at: epochMs,
});

const BacklogItemSnapshotRow = z.strictObject({
  item_key: z.string().min(1),
  source: z.enum(backlogItemSources),
  source_path: z.string(),
  line_number: count,
  title: z.string().min(1),
  issue_title: text,
  issue_number: positive.nullable(),
  issue_url: text,
  status: z.enum(backlogItemStatuses),
  reason: text,
  checked: flag,
  created_at: epochMs,
  updated_at: epochMs,
  last_issue_check_at: epochMs.nullable(),
});

/**
 * The `/state/snapshot` sections of autocode's own tables (JSON columns carried parsed), so a
 * restore keeps processed versions, frozen plans, pauses, runs, tracked pull requests with their
 * repair state, feedback ledgers, repair rounds and synced backlog items.
 * Runs restored as `running` have no process behind them: call `runs.recoverOrphaned` after a restore.
 */
export function createAutocodeSnapshotSections(): readonly SnapshotSection[] {
  return [
    issuesSection(),
    createTableSnapshotSection({
      name: 'autocode_runs',
      table: 'autocode_runs',
      rowSchema: RunSnapshotRow,
      jsonColumns: ['details'],
      orderBy: 'started_at, run_id',
    }),
    createTableSnapshotSection({
      name: 'autocode_pull_requests',
      table: 'autocode_pull_requests',
      rowSchema: PullRequestSnapshotRow,
      jsonColumns: ['feedback_cursor_ids'],
      orderBy: 'number',
    }),
    createTableSnapshotSection({
      name: 'autocode_feedback_items',
      table: 'autocode_feedback_items',
      rowSchema: FeedbackItemSnapshotRow,
      orderBy: 'pr_number, first_seen_at, rowid',
    }),
    createTableSnapshotSection({
      name: 'autocode_repair_rounds',
      table: 'autocode_repair_rounds',
      rowSchema: RepairRoundSnapshotRow,
      jsonColumns: ['addressed', 'added_line_hashes', 'removed_line_hashes'],
      orderBy: 'pr_number, round',
    }),
    createTableSnapshotSection({
      name: 'autocode_backlog_items',
      table: 'autocode_backlog_items',
      rowSchema: BacklogItemSnapshotRow,
      orderBy: 'item_key',
    }),
  ];
}

type IssueSnapshot = z.output<typeof IssueSnapshotRow>;

// The generic section would abort the whole export on an unreadable plan. A plan that cannot be
// read is re-planned anyway, so the export carries it as null instead.
function issuesSection(): SnapshotSection<IssueSnapshot> {
  const generic = createTableSnapshotSection({
    name: 'autocode_issues',
    table: 'autocode_issues',
    rowSchema: IssueSnapshotRow,
    jsonColumns: ['processed_versions', 'plan_json'],
    orderBy: 'number',
  });
  const columns = Object.keys(IssueSnapshotRow.shape).join(', ');
  return {
    ...generic,
    exportRows: (db) =>
      db
        .prepare<[], Record<string, unknown> & { number: number; processed_versions: string }>(
          `SELECT ${columns} FROM autocode_issues ORDER BY number`,
        )
        .all()
        .map((row) => ({
          ...row,
          processed_versions: parseStoredJson(z.array(z.string()), row.processed_versions, {
            table: 'autocode_issues',
            column: 'processed_versions',
            key: row.number,
          }),
          plan_json: typeof row['plan_json'] === 'string' ? (readIssuePlan(row['plan_json']) ?? null) : null,
        })) as IssueSnapshot[],
  };
}
