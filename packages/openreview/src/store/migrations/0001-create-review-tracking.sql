-- openreview's memory of what it answered. Times we take from our clock are epoch ms (INTEGER);
-- times copied from GitHub stay ISO-8601 TEXT. `activity_at` is derived from the GitHub times
-- by the repository (parsed as instants) so selections can filter and order in SQL.

-- One row per issue openreview replied to (the original's `issues` section).
CREATE TABLE review_tracked_issues (
  number INTEGER PRIMARY KEY,
  processed_at INTEGER NOT NULL,
  created_at TEXT,
  updated_at TEXT,
  source TEXT NOT NULL,
  last_processed_key TEXT NOT NULL,
  -- JSON array of the most recent processing keys (primary + aliases), oldest first, at most 32.
  processed_keys TEXT NOT NULL,
  activity_at INTEGER
) STRICT;

CREATE INDEX review_tracked_issues_by_activity ON review_tracked_issues (activity_at);

-- One row per pull request openreview observed or reviewed (the original's `pull_requests` section).
CREATE TABLE review_tracked_pull_requests (
  number INTEGER PRIMARY KEY,
  created_at TEXT,
  updated_at TEXT,
  last_seen_head_sha TEXT,
  last_seen_ci_state TEXT,
  last_seen_at INTEGER,
  -- Reset whenever a different head is observed: the anchor of the re-review debounce.
  head_sha_first_seen_at INTEGER,
  last_processed_head_sha TEXT,
  last_processed_review_key TEXT,
  -- JSON array of the most recent review keys (primary + aliases), oldest first, at most 32.
  processed_review_keys TEXT NOT NULL,
  last_processed_updated_at TEXT,
  last_processed_at INTEGER,
  last_processed_source TEXT,
  -- JSON object {baseRef, titleHash, bodyHash, discussionHash, digest}: explains key changes in logs.
  last_processed_review_metadata TEXT,
  -- Newest review-submission time seen by a completed scan (GitHub time); the follow-up cutoff.
  last_review_submission_cursor_at TEXT,
  last_review_scan_at INTEGER,
  last_blocked_head_sha TEXT,
  last_blocked_at INTEGER,
  last_blocked_reason TEXT,
  last_blocked_source TEXT,
  last_blocked_notified_head_sha TEXT,
  last_blocked_notified_reason TEXT,
  last_blocked_notified_at INTEGER,
  unreachable_count INTEGER NOT NULL DEFAULT 0,
  unreachable_at INTEGER,
  activity_at INTEGER
) STRICT;

CREATE INDEX review_tracked_pull_requests_by_activity ON review_tracked_pull_requests (activity_at);
