-- Orders keep their shipments (tracking), shipping address, shipping and refunded amounts, note and tags as one JSON
-- document (StoreOrder's OrderDetails); NULL for orders stored before this migration until the store sends them again.
ALTER TABLE orders ADD COLUMN details_json TEXT;

-- Every order action an agent asks for (refund, discount, address, note, replacement, cancel, edit), keyed by the
-- client's idempotency key: a retry or a concurrent duplicate finds this row instead of acting twice. It is also the
-- approval queue (status pending_approval) and the source of the compensation report.
CREATE TABLE order_actions (
  workspace_id TEXT NOT NULL,
  id TEXT NOT NULL,
  kind TEXT NOT NULL,
  order_id TEXT,
  order_name TEXT,
  ticket_id TEXT,
  agent_id TEXT NOT NULL,
  agent_name TEXT NOT NULL,
  body_hash TEXT NOT NULL,
  body_json TEXT NOT NULL,
  status TEXT NOT NULL,
  amount_cents INTEGER,
  currency TEXT,
  reason TEXT,
  result_json TEXT,
  decided_by TEXT,
  decided_by_name TEXT,
  decided_at INTEGER,
  decline_reason TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, id)
);
CREATE INDEX order_actions_by_status ON order_actions (workspace_id, status, created_at DESC);

-- Who did what, for owners: order actions, approvals, macro and limit changes. Append-only.
CREATE TABLE audit_log (
  workspace_id TEXT NOT NULL,
  id TEXT NOT NULL,
  at INTEGER NOT NULL,
  actor_id TEXT,
  actor_name TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT,
  summary TEXT NOT NULL,
  detail_json TEXT,
  PRIMARY KEY (workspace_id, id)
);
CREATE INDEX audit_log_by_time ON audit_log (workspace_id, at DESC);

-- Macros: named bundles of reply/note text, tag changes, assignment, status and one order action.
CREATE TABLE macros (
  workspace_id TEXT NOT NULL,
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  definition_json TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, id)
);
CREATE UNIQUE INDEX macros_by_name ON macros (workspace_id, name COLLATE NOCASE);
