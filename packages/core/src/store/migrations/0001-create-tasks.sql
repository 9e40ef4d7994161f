-- The durable task queue. Status changes are written only by core/queue/task-queue.ts,
-- one guarded transition per statement. Times are epoch milliseconds from the injected clock.
CREATE TABLE tasks (
  id INTEGER PRIMARY KEY,
  task_type TEXT NOT NULL,
  dedupe_key TEXT NOT NULL,
  -- The thing the task works on ('issue:12', 'pr:5'); tasks of one type never run concurrently per target.
  target_key TEXT,
  status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'retry_waiting', 'done', 'dead_letter')),
  priority TEXT NOT NULL CHECK (priority IN ('urgent', 'normal', 'background')),
  -- Derived so the claim index can order by urgency without a CASE expression per row.
  priority_rank INTEGER GENERATED ALWAYS AS (
    CASE priority WHEN 'urgent' THEN 0 WHEN 'normal' THEN 1 ELSE 2 END
  ) VIRTUAL,
  payload TEXT NOT NULL,
  source TEXT NOT NULL,
  attempt_count INTEGER NOT NULL DEFAULT 0 CHECK (attempt_count >= 0),
  max_attempts INTEGER NOT NULL CHECK (max_attempts >= 1),
  available_at INTEGER NOT NULL,
  lease_owner TEXT,
  locked_until INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  last_started_at INTEGER,
  last_finished_at INTEGER,
  last_error TEXT,
  result TEXT,
  permanent_failure INTEGER NOT NULL DEFAULT 0 CHECK (permanent_failure IN (0, 1)),
  UNIQUE (task_type, dedupe_key)
) STRICT;

-- Claim order: the partial index holds only claimable rows, already sorted the way claimNext wants them.
CREATE INDEX tasks_claim_order ON tasks (priority_rank, available_at, created_at, id)
  WHERE status IN ('queued', 'retry_waiting');

-- Per-target serialization: finds the waiting task of one type for one target. Not partial on
-- status on purpose: claiming then leaves this index alone (one page less to write per claim).
CREATE INDEX tasks_by_target ON tasks (task_type, target_key) WHERE target_key IS NOT NULL;

-- Running tasks of one type for one target (claim skips busy targets). Also serves lease
-- recovery: running rows are few (about one per worker), so scanning them all is cheap.
CREATE INDEX tasks_running ON tasks (task_type, target_key, locked_until) WHERE status = 'running';

-- No index on status alone: every transition would have to rewrite it, while admin listings
-- and summaries can afford a scan. Partial indexes are written only while a row is in their subset.
