-- What an agent scanning the list needs to see: the customer's last message (not an auto-reply or activity line
-- that came after it) and since when the customer has been waiting for an agent's answer (null when answered).
ALTER TABLE tickets ADD COLUMN customer_text TEXT;
ALTER TABLE tickets ADD COLUMN customer_at INTEGER;
ALTER TABLE tickets ADD COLUMN waiting_since INTEGER;

-- Description #hashtags, so search finds them (kept by the projection like ticket_tags; lower case, without '#').
CREATE TABLE ticket_hashtags (
  workspace_id TEXT NOT NULL,
  tag TEXT NOT NULL,
  ticket_id TEXT NOT NULL,
  PRIMARY KEY (workspace_id, tag, ticket_id)
) WITHOUT ROWID;
CREATE INDEX ticket_hashtags_by_ticket ON ticket_hashtags (ticket_id);
