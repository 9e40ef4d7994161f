-- A bounded operator-facing event log (the repository keeps only the newest rows).
CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  category TEXT NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('debug', 'info', 'warn', 'error')),
  message TEXT NOT NULL,
  data TEXT
) STRICT;

CREATE INDEX events_by_category ON events (category, id);
