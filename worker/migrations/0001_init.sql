-- Sidedesk D1: tenancy, agents, profiles and the ticket listings the inbox views read.
-- Times are integer milliseconds since the epoch. Every query filters by workspace_id first.

CREATE TABLE workspaces (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  timezone TEXT NOT NULL DEFAULT 'UTC',
  next_ticket_number INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);

CREATE TABLE agents (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces(id),
  name TEXT NOT NULL,
  email TEXT NOT NULL,
  role TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  operator INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  UNIQUE (workspace_id, email)
);

CREATE TABLE settings (
  workspace_id TEXT PRIMARY KEY REFERENCES workspaces(id),
  settings_json TEXT NOT NULL,
  secrets_ciphertext TEXT,
  updated_at INTEGER NOT NULL
);

CREATE TABLE profiles (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces(id),
  name TEXT,
  email TEXT,
  phone TEXT,
  timezone TEXT,
  location TEXT,
  sms_consent TEXT,
  blocked INTEGER NOT NULL DEFAULT 0,
  store_customer_id TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX profiles_phone ON profiles (workspace_id, phone) WHERE phone IS NOT NULL;
CREATE UNIQUE INDEX profiles_email ON profiles (workspace_id, email) WHERE email IS NOT NULL;

-- Text search over profile name, phone and email (external content, kept in sync by triggers).
CREATE VIRTUAL TABLE profiles_fts USING fts5(name, phone, email, content='profiles', content_rowid='rowid');
CREATE TRIGGER profiles_ai AFTER INSERT ON profiles BEGIN
  INSERT INTO profiles_fts(rowid, name, phone, email) VALUES (new.rowid, new.name, new.phone, new.email);
END;
CREATE TRIGGER profiles_ad AFTER DELETE ON profiles BEGIN
  INSERT INTO profiles_fts(profiles_fts, rowid, name, phone, email) VALUES ('delete', old.rowid, old.name, old.phone, old.email);
END;
CREATE TRIGGER profiles_au AFTER UPDATE OF name, phone, email ON profiles
  WHEN old.name IS NOT new.name OR old.phone IS NOT new.phone OR old.email IS NOT new.email BEGIN
  INSERT INTO profiles_fts(profiles_fts, rowid, name, phone, email) VALUES ('delete', old.rowid, old.name, old.phone, old.email);
  INSERT INTO profiles_fts(rowid, name, phone, email) VALUES (new.rowid, new.name, new.phone, new.email);
END;

CREATE TABLE profile_events (
  id TEXT NOT NULL,
  workspace_id TEXT NOT NULL,
  profile_id TEXT NOT NULL,
  metric TEXT NOT NULL,
  properties_json TEXT NOT NULL DEFAULT '{}',
  at INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, id)
);
CREATE INDEX profile_events_by_profile ON profile_events (workspace_id, profile_id, at DESC);

-- Ticket summaries, projected from each TicketObject (version guards against out-of-order writes).
CREATE TABLE tickets (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL,
  number INTEGER,
  channel TEXT NOT NULL,
  status TEXT NOT NULL,
  snoozed_until INTEGER,
  assignee_id TEXT,
  profile_id TEXT NOT NULL,
  tags_json TEXT NOT NULL DEFAULT '[]',
  last_text TEXT,
  last_at INTEGER NOT NULL,
  last_direction TEXT,
  attributed_type TEXT,
  attributed_name TEXT,
  indexed_seq INTEGER NOT NULL DEFAULT 0,
  version INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX tickets_all ON tickets (workspace_id, last_at DESC, id DESC);
CREATE INDEX tickets_status ON tickets (workspace_id, status, last_at DESC, id DESC);
CREATE INDEX tickets_assignee ON tickets (workspace_id, assignee_id, status, last_at DESC, id DESC);
CREATE INDEX tickets_channel ON tickets (workspace_id, channel, last_at DESC, id DESC);
CREATE INDEX tickets_profile ON tickets (workspace_id, profile_id);
CREATE INDEX tickets_attribution ON tickets (workspace_id, attributed_type, attributed_name, last_at DESC);

-- Tags with their ancestors (`shipping/delayed` is also stored as `shipping`), so a parent tag matches its sub-tags.
-- The per-tag and per-agent tables carry the ticket's last_at, so a tag, unread or favorites view walks its own
-- index in activity order instead of sorting every match.
CREATE TABLE ticket_tags (
  workspace_id TEXT NOT NULL,
  tag TEXT NOT NULL,
  ticket_id TEXT NOT NULL,
  last_at INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (workspace_id, tag, ticket_id)
) WITHOUT ROWID;
CREATE INDEX ticket_tags_by_ticket ON ticket_tags (ticket_id);
CREATE INDEX ticket_tags_recent ON ticket_tags (workspace_id, tag, last_at DESC, ticket_id DESC);

CREATE TABLE ticket_followers (
  workspace_id TEXT NOT NULL,
  agent_id TEXT NOT NULL,
  ticket_id TEXT NOT NULL,
  PRIMARY KEY (workspace_id, agent_id, ticket_id)
) WITHOUT ROWID;
CREATE INDEX ticket_followers_by_ticket ON ticket_followers (ticket_id);

CREATE TABLE ticket_favorites (
  workspace_id TEXT NOT NULL,
  agent_id TEXT NOT NULL,
  ticket_id TEXT NOT NULL,
  last_at INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (workspace_id, agent_id, ticket_id)
) WITHOUT ROWID;
CREATE INDEX ticket_favorites_recent ON ticket_favorites (workspace_id, agent_id, last_at DESC, ticket_id DESC);
CREATE INDEX ticket_favorites_by_ticket ON ticket_favorites (ticket_id);

-- One row per (agent, ticket) that is unread for that agent.
CREATE TABLE ticket_unread (
  workspace_id TEXT NOT NULL,
  agent_id TEXT NOT NULL,
  ticket_id TEXT NOT NULL,
  last_at INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (workspace_id, agent_id, ticket_id)
) WITHOUT ROWID;
CREATE INDEX ticket_unread_recent ON ticket_unread (workspace_id, agent_id, last_at DESC, ticket_id DESC);
CREATE INDEX ticket_unread_by_ticket ON ticket_unread (ticket_id);

-- Message text for search; inserted once per message (guarded by tickets.indexed_seq).
CREATE VIRTUAL TABLE messages_fts USING fts5(text, ticket_id UNINDEXED, workspace_id UNINDEXED);

-- Short links in outbound SMS.
CREATE TABLE short_links (
  code TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL,
  ticket_id TEXT,
  url TEXT NOT NULL,
  clicks INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);

-- Local outbox: what the worker would have sent when no provider credentials are set.
CREATE TABLE outbox (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL,
  channel TEXT NOT NULL,
  to_address TEXT NOT NULL,
  from_address TEXT,
  subject TEXT,
  body TEXT NOT NULL,
  media_json TEXT NOT NULL DEFAULT '[]',
  ticket_id TEXT,
  created_at INTEGER NOT NULL
);
CREATE INDEX outbox_by_workspace ON outbox (workspace_id, created_at DESC);
