-- Items (comments, events, review feedback) that were already handled, keyed by kind and item key.
CREATE TABLE processed_items (
  kind TEXT NOT NULL,
  item_key TEXT NOT NULL,
  processed_at INTEGER NOT NULL,
  note TEXT,
  PRIMARY KEY (kind, item_key)
) STRICT, WITHOUT ROWID;

CREATE INDEX processed_items_by_time ON processed_items (processed_at);
