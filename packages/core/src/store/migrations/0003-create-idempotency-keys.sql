-- "Record the intent before the remote write": a pending row means a write may have happened,
-- so the caller must look on GitHub (e.g. for its marker) before writing again.
CREATE TABLE idempotency_keys (
  key TEXT PRIMARY KEY,
  state TEXT NOT NULL CHECK (state IN ('pending', 'done')),
  result TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
