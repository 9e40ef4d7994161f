-- Where each poller stopped reading: an ISO timestamp or an id, plus the ETag of the last answer.
CREATE TABLE poll_cursors (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  etag TEXT,
  updated_at INTEGER NOT NULL
) STRICT;
