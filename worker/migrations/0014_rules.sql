-- Automation rules (docs/api.md §17): the definition is one JSON document parsed with the shared schema on every read;
-- `position` is the order rules run in on each event.
CREATE TABLE rules (
  workspace_id TEXT NOT NULL,
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  position INTEGER NOT NULL,
  enabled INTEGER NOT NULL DEFAULT 1,
  definition_json TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, id)
);
CREATE UNIQUE INDEX rules_by_name ON rules (workspace_id, name COLLATE NOCASE);

-- One row per rule that acted on a ticket for one event: written once (a redelivered timer adds nothing), counted for
-- the settings list ("fired N times in 7 days").
CREATE TABLE rule_runs (
  workspace_id TEXT NOT NULL,
  rule_id TEXT NOT NULL,
  ticket_id TEXT NOT NULL,
  event_key TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, rule_id, ticket_id, event_key)
);
CREATE INDEX rule_runs_recent ON rule_runs (workspace_id, at, rule_id);

-- "What would happen" picks a ticket by its display number.
CREATE INDEX tickets_number ON tickets (workspace_id, number);
