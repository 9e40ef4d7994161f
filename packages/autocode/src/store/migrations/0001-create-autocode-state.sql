-- autocode's memory of progress, next to core's tables (tasks, poll_cursors, processed_items,
-- idempotency_keys, events). Times from our clock are epoch ms (INTEGER); times copied from
-- GitHub (issue versions = the issue's `updated_at`) stay ISO-8601 TEXT. Value lists such as
-- outcomes and statuses are checked by the repositories, not by CHECK constraints, so a later
-- release can add a value without rebuilding the table.

-- One row per issue autocode has seen an outcome, plan, pause or publication for
-- (the original's `issues`, `issue_plans` and `paused_issues` sections in one place).
CREATE TABLE autocode_issues (
  number INTEGER PRIMARY KEY,
  -- JSON array of processed issue versions (GitHub `updated_at`), most recent last, deduped, at most 16.
  processed_versions TEXT NOT NULL DEFAULT '[]',
  last_outcome TEXT,
  last_outcome_version TEXT,
  last_outcome_at INTEGER,
  last_summary TEXT,
  paused INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
  pause_reason TEXT,
  paused_at INTEGER,
  -- The frozen IssuePlan (camelCase JSON), reused while the issue version is unchanged.
  plan_json TEXT,
  plan_version TEXT,
  plan_saved_at INTEGER,
  branch TEXT,
  pr_number INTEGER,
  pr_url TEXT,
  updated_at INTEGER NOT NULL
) STRICT;

-- Paused issues are few; the partial index keeps the pause count and listing off a full scan.
CREATE INDEX autocode_issues_paused ON autocode_issues (number) WHERE paused = 1;

-- One row per execution of an issue or a review-feedback repair (the original's `runs`).
CREATE TABLE autocode_runs (
  run_id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  target_number INTEGER NOT NULL,
  task_id INTEGER,
  -- `running` until finished, then the final outcome.
  status TEXT NOT NULL,
  branch TEXT,
  pr_number INTEGER,
  pr_url TEXT,
  -- A stable machine code (e.g. `orphaned_on_restart`); decisions never match on the reason's prose.
  failure_code TEXT,
  failure_reason TEXT,
  -- JSON object with run specifics (validation summary, inspection findings, ...), or NULL.
  details TEXT,
  started_at INTEGER NOT NULL,
  finished_at INTEGER
) STRICT;

-- Latest run and recent failures of one target.
CREATE INDEX autocode_runs_by_target ON autocode_runs (kind, target_number, started_at);

-- Running runs are few (about one per worker): orphan recovery and counts read only this subset.
CREATE INDEX autocode_runs_running ON autocode_runs (started_at) WHERE status = 'running';

-- Retention deletes finished runs by age.
CREATE INDEX autocode_runs_by_finish ON autocode_runs (finished_at) WHERE finished_at IS NOT NULL;

-- Pull requests PatchLoop opened or tracks (the original's `tracked_pull_requests`, minimal;
-- repair bookkeeping arrives in a later migration).
CREATE TABLE autocode_pull_requests (
  number INTEGER PRIMARY KEY,
  issue_number INTEGER,
  branch TEXT NOT NULL,
  base TEXT NOT NULL,
  head_sha TEXT,
  url TEXT,
  status TEXT NOT NULL,
  opened_at INTEGER,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE INDEX autocode_pull_requests_by_branch ON autocode_pull_requests (branch);
CREATE INDEX autocode_pull_requests_by_status ON autocode_pull_requests (status);
