-- SLA (docs/api.md §18): each listed ticket's next due target, for the countdown and the "Breaching soon" view (a
-- partial index holds only tickets with a running target), and every target that ended, for the reports.
ALTER TABLE tickets ADD COLUMN sla_policy TEXT;
ALTER TABLE tickets ADD COLUMN sla_target TEXT;
ALTER TABLE tickets ADD COLUMN sla_due_at INTEGER;
ALTER TABLE tickets ADD COLUMN sla_breached INTEGER NOT NULL DEFAULT 0;
CREATE INDEX tickets_sla_due ON tickets (workspace_id, sla_due_at) WHERE sla_due_at IS NOT NULL;

CREATE TABLE sla_results (
  workspace_id TEXT NOT NULL,
  ticket_id TEXT NOT NULL,
  target TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  policy TEXT NOT NULL,
  channel TEXT NOT NULL,
  agent_id TEXT,
  due_at INTEGER NOT NULL,
  done_at INTEGER NOT NULL,
  breached INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, ticket_id, target, started_at)
);
CREATE INDEX sla_results_done ON sla_results (workspace_id, done_at);
