-- Quick replies (per workspace, managed by owners/admins) and saved custom views (per agent, optionally shared).
CREATE TABLE quick_replies (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL,
  title TEXT NOT NULL,
  text TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX quick_replies_by_title ON quick_replies (workspace_id, title COLLATE NOCASE);

CREATE TABLE saved_views (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL,
  agent_id TEXT NOT NULL,
  name TEXT NOT NULL,
  filter_json TEXT NOT NULL,
  shared INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);
CREATE INDEX saved_views_by_agent ON saved_views (workspace_id, agent_id);
CREATE INDEX saved_views_shared ON saved_views (workspace_id, shared);
