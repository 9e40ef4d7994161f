import type { SnapshotSection } from '@patchloop/core';
import { createTableSnapshotSection, JsonObject } from '@patchloop/core';
import { z } from 'zod';
import { issueOutcomes } from './issue-outcomes.js';
import { IssuePlanColumn, readIssuePlan } from './issue-plan-column.js';
import { maxRememberedVersions } from './issue-version.js';
import { runKinds } from './run-repository.js';
import { parseStoredJson } from './stored-json.js';

const epochMs = z.number().int().nonnegative();
const text = z.string().nullable();
const positive = z.number().int().positive();

const IssueSnapshotRow = z.strictObject({
  number: positive,
  processed_versions: z.array(z.string()).max(maxRememberedVersions),
  last_outcome: z.enum(issueOutcomes).nullable(),
  last_outcome_version: text,
  last_outcome_at: epochMs.nullable(),
  last_summary: text,
  paused: z.union([z.literal(0), z.literal(1)]),
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

const PullRequestSnapshotRow = z.strictObject({
  number: positive,
  issue_number: positive.nullable(),
  branch: z.string().min(1),
  base: z.string().min(1),
  head_sha: text,
  url: text,
  status: z.string().min(1),
  opened_at: epochMs.nullable(),
  updated_at: epochMs,
});

/**
 * The `/state/snapshot` sections of autocode's own tables (JSON columns carried parsed), so a
 * restore keeps processed versions, frozen plans, pauses, runs and tracked pull requests.
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
      orderBy: 'number',
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
