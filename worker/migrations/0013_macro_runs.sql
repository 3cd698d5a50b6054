-- One row per applied macro, keyed by the request's Idempotency-Key: a repeat (double click, retry) is answered with
-- the steps the first application took instead of applying the macro again.
CREATE TABLE macro_runs (
  workspace_id TEXT NOT NULL,
  id TEXT NOT NULL,
  ticket_id TEXT NOT NULL,
  macro_id TEXT NOT NULL,
  agent_id TEXT NOT NULL,
  status TEXT NOT NULL,
  steps_json TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, id)
);
