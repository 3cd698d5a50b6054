-- Satisfaction surveys (docs/api.md §19): one per ticket and closed period, made when it is sent; its id (with a
-- signature) is the customer's link. The answer is kept on the row; the reports count sent, answered and satisfied.
CREATE TABLE csat_surveys (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL,
  ticket_id TEXT NOT NULL,
  period_started_at INTEGER NOT NULL,
  channel TEXT NOT NULL,
  agent_id TEXT,
  tags_json TEXT NOT NULL DEFAULT '[]',
  sent_at INTEGER NOT NULL,
  score INTEGER,
  comment TEXT,
  answered_at INTEGER
);
CREATE UNIQUE INDEX csat_surveys_period ON csat_surveys (workspace_id, ticket_id, period_started_at);
CREATE INDEX csat_surveys_sent ON csat_surveys (workspace_id, sent_at);
