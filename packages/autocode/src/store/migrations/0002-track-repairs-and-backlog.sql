-- State for keeping pull requests moving (the repair loop) and for syncing the Markdown backlog,
-- plan files and idle findings into issues. Same conventions as 0001: our clock's times are epoch
-- ms (INTEGER), GitHub's times stay ISO-8601 TEXT, and value lists are checked by the repositories.

-- Repair bookkeeping on the tracked pull requests (the rest of the original's
-- `tracked_pull_requests` and its `paused_tracked_prs` section).
ALTER TABLE autocode_pull_requests ADD COLUMN author TEXT;
-- Why the pull request is tracked: `autocode_branch` or `author_allowlist`; NULL for rows written
-- before the first tracking scan saw them.
ALTER TABLE autocode_pull_requests ADD COLUMN source TEXT;
ALTER TABLE autocode_pull_requests ADD COLUMN review_state TEXT;
ALTER TABLE autocode_pull_requests ADD COLUMN last_summary TEXT;
-- Repair rounds spent (pushes and failed attempts) since the last reset.
ALTER TABLE autocode_pull_requests ADD COLUMN repair_count INTEGER NOT NULL DEFAULT 0;
-- The feedback cursor: the newest feedback time handled (GitHub ISO-8601) and the JSON array of
-- item ids seen at exactly that time. Both NULL when feedback has never been handled.
ALTER TABLE autocode_pull_requests ADD COLUMN feedback_cursor_at TEXT;
ALTER TABLE autocode_pull_requests ADD COLUMN feedback_cursor_ids TEXT;
ALTER TABLE autocode_pull_requests ADD COLUMN repair_paused INTEGER NOT NULL DEFAULT 0 CHECK (repair_paused IN (0, 1));
ALTER TABLE autocode_pull_requests ADD COLUMN pause_reason TEXT;
ALTER TABLE autocode_pull_requests ADD COLUMN paused_at INTEGER;
-- The last head PatchLoop pushed or adopted; a different live head means someone else pushed.
ALTER TABLE autocode_pull_requests ADD COLUMN known_head_sha TEXT;
ALTER TABLE autocode_pull_requests ADD COLUMN handed_back_at INTEGER;
ALTER TABLE autocode_pull_requests ADD COLUMN handback_code TEXT;
-- A rebase that failed is not retried until the head changes.
ALTER TABLE autocode_pull_requests ADD COLUMN rebase_failed_head_sha TEXT;
ALTER TABLE autocode_pull_requests ADD COLUMN rebase_failed_at INTEGER;
ALTER TABLE autocode_pull_requests ADD COLUMN rebase_failure TEXT;
-- The head whose failing checks were reported as also failing on the base (reported once per head).
ALTER TABLE autocode_pull_requests ADD COLUMN base_failure_reported_sha TEXT;
-- GitHub's `updated_at` of the pull request when last tracked.
ALTER TABLE autocode_pull_requests ADD COLUMN pr_updated_at TEXT;

-- Rows written by 0001 were only ever recorded when PatchLoop published its own commit, so their
-- head is one PatchLoop pushed: adopting it keeps those pull requests repairable after the upgrade.
UPDATE autocode_pull_requests SET known_head_sha = head_sha WHERE head_sha IS NOT NULL;

CREATE INDEX autocode_pull_requests_by_opened ON autocode_pull_requests (opened_at, number);

-- The feedback ledger: every feedback item seen on a pull request, keyed by its fingerprint, and
-- where it stands (`open`, `addressed`, `declined`, `handed_back`). It is what lets the loop stop
-- when rounds no longer reduce the open items, and what a hand-back comment summarises.
CREATE TABLE autocode_feedback_items (
  pr_number INTEGER NOT NULL,
  fingerprint TEXT NOT NULL,
  item_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  author TEXT NOT NULL,
  -- First line of the item, at most 120 characters.
  summary TEXT NOT NULL,
  state TEXT NOT NULL,
  -- The repair round that addressed or declined the item.
  round INTEGER,
  -- Why an item was declined or handed back.
  reason TEXT,
  first_seen_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (pr_number, fingerprint)
) STRICT;

-- One row per repair round pushed to a pull request; the line hashes let a later round be
-- recognised as reverting an earlier one.
CREATE TABLE autocode_repair_rounds (
  pr_number INTEGER NOT NULL,
  round INTEGER NOT NULL,
  commit_sha TEXT NOT NULL,
  feedback_key TEXT NOT NULL,
  -- Open ledger items before the round.
  open_before INTEGER NOT NULL,
  -- JSON arrays of strings: addressed fingerprints and 16-hex digests of added/removed lines.
  addressed TEXT NOT NULL DEFAULT '[]',
  added_line_hashes TEXT NOT NULL DEFAULT '[]',
  removed_line_hashes TEXT NOT NULL DEFAULT '[]',
  created_at INTEGER NOT NULL,
  PRIMARY KEY (pr_number, round)
) STRICT;

CREATE INDEX autocode_repair_rounds_by_feedback_key ON autocode_repair_rounds (pr_number, feedback_key);

-- One row per Markdown backlog/plan item or idle finding synced to an issue (the original's
-- `backlog_items`). The issue link is the item's identity once it exists: a closed issue is
-- recorded as `closed_upstream`, never replaced.
CREATE TABLE autocode_backlog_items (
  item_key TEXT PRIMARY KEY,
  -- `backlog`, `plan` or `idle`.
  source TEXT NOT NULL,
  source_path TEXT NOT NULL,
  line_number INTEGER NOT NULL,
  -- The item's own title; `issue_title` is the title of the issue drafted from it.
  title TEXT NOT NULL,
  issue_title TEXT,
  issue_number INTEGER,
  issue_url TEXT,
  -- `created`, `skipped`, `dry_run`, `closed_upstream` or `closed_by_tick`.
  status TEXT NOT NULL,
  reason TEXT,
  -- The item is ticked (`[x]`) in its Markdown file.
  checked INTEGER NOT NULL DEFAULT 0 CHECK (checked IN (0, 1)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  last_issue_check_at INTEGER
) STRICT;

CREATE INDEX autocode_backlog_items_by_issue ON autocode_backlog_items (issue_number)
  WHERE issue_number IS NOT NULL;
CREATE INDEX autocode_backlog_items_by_source ON autocode_backlog_items (source, status);
