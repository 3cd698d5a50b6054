-- Reporting (SPEC 4): when each ticket got its first agent reply (and from whom), when its current open period began,
-- and when it was last closed (NULL while unresolved). Rows projected before this migration keep NULLs until their
-- ticket changes again; reports treat a NULL period start as created_at.
ALTER TABLE tickets ADD COLUMN first_response_at INTEGER;
ALTER TABLE tickets ADD COLUMN first_responder_id TEXT;
ALTER TABLE tickets ADD COLUMN period_started_at INTEGER;
ALTER TABLE tickets ADD COLUMN closed_at INTEGER;
-- Reports select the tickets created, or closed, in a date range of one workspace.
CREATE INDEX tickets_created ON tickets (workspace_id, created_at);
CREATE INDEX tickets_closed ON tickets (workspace_id, closed_at);
