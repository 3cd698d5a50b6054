-- Counts for the inbox views, kept by triggers in the same statement as each row change (so inside the projection's
-- batch): GET /api/tickets/counts reads a handful of rows instead of scanning the workspace. Counter names:
--   all · status:<status> · open_channel:<channel> · open_assignee:<agent id, '' when unassigned> · open_tag:<tag>
--   (tags are stored with their ancestors, so a parent counts its sub-tags) · unread:<agent id> · favorites:<agent id>
CREATE TABLE ticket_counters (
  workspace_id TEXT NOT NULL,
  name TEXT NOT NULL,
  n INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (workspace_id, name)
) WITHOUT ROWID;

-- Existing rows, counted once.
INSERT INTO ticket_counters (workspace_id, name, n) SELECT workspace_id, 'all', COUNT(*) FROM tickets GROUP BY workspace_id;
INSERT INTO ticket_counters (workspace_id, name, n) SELECT workspace_id, 'status:' || status, COUNT(*) FROM tickets GROUP BY workspace_id, status;
INSERT INTO ticket_counters (workspace_id, name, n)
  SELECT workspace_id, 'open_channel:' || channel, COUNT(*) FROM tickets WHERE status = 'open' GROUP BY workspace_id, channel;
INSERT INTO ticket_counters (workspace_id, name, n)
  SELECT workspace_id, 'open_assignee:' || COALESCE(assignee_id, ''), COUNT(*) FROM tickets WHERE status = 'open' GROUP BY workspace_id, assignee_id;
INSERT INTO ticket_counters (workspace_id, name, n)
  SELECT tt.workspace_id, 'open_tag:' || tt.tag, COUNT(*) FROM ticket_tags tt JOIN tickets t ON t.id = tt.ticket_id
  WHERE t.status = 'open' GROUP BY tt.workspace_id, tt.tag;
INSERT INTO ticket_counters (workspace_id, name, n) SELECT workspace_id, 'unread:' || agent_id, COUNT(*) FROM ticket_unread GROUP BY workspace_id, agent_id;
INSERT INTO ticket_counters (workspace_id, name, n) SELECT workspace_id, 'favorites:' || agent_id, COUNT(*) FROM ticket_favorites GROUP BY workspace_id, agent_id;

-- A ticket counts in 'all' and its status; an open one also by channel, assignee and each of its tags.
CREATE TRIGGER tickets_counted_insert AFTER INSERT ON tickets BEGIN
  INSERT INTO ticket_counters (workspace_id, name, n)
    SELECT NEW.workspace_id, name, 1 FROM (
      SELECT 'all' AS name UNION ALL SELECT 'status:' || NEW.status
      UNION ALL SELECT 'open_channel:' || NEW.channel WHERE NEW.status = 'open'
      UNION ALL SELECT 'open_assignee:' || COALESCE(NEW.assignee_id, '') WHERE NEW.status = 'open'
      UNION ALL SELECT 'open_tag:' || tag FROM ticket_tags WHERE ticket_id = NEW.id AND NEW.status = 'open')
    WHERE 1 ON CONFLICT (workspace_id, name) DO UPDATE SET n = ticket_counters.n + excluded.n;
END;

CREATE TRIGGER tickets_counted_delete AFTER DELETE ON tickets BEGIN
  INSERT INTO ticket_counters (workspace_id, name, n)
    SELECT OLD.workspace_id, name, -1 FROM (
      SELECT 'all' AS name UNION ALL SELECT 'status:' || OLD.status
      UNION ALL SELECT 'open_channel:' || OLD.channel WHERE OLD.status = 'open'
      UNION ALL SELECT 'open_assignee:' || COALESCE(OLD.assignee_id, '') WHERE OLD.status = 'open'
      UNION ALL SELECT 'open_tag:' || tag FROM ticket_tags WHERE ticket_id = OLD.id AND OLD.status = 'open')
    WHERE 1 ON CONFLICT (workspace_id, name) DO UPDATE SET n = ticket_counters.n + excluded.n;
END;

CREATE TRIGGER tickets_counted_update AFTER UPDATE OF status, assignee_id, channel ON tickets
WHEN OLD.status IS NOT NEW.status OR OLD.assignee_id IS NOT NEW.assignee_id OR OLD.channel IS NOT NEW.channel BEGIN
  INSERT INTO ticket_counters (workspace_id, name, n)
    SELECT OLD.workspace_id, name, -1 FROM (
      SELECT 'status:' || OLD.status AS name
      UNION ALL SELECT 'open_channel:' || OLD.channel WHERE OLD.status = 'open'
      UNION ALL SELECT 'open_assignee:' || COALESCE(OLD.assignee_id, '') WHERE OLD.status = 'open'
      UNION ALL SELECT 'open_tag:' || tag FROM ticket_tags WHERE ticket_id = OLD.id AND OLD.status = 'open')
    WHERE 1 ON CONFLICT (workspace_id, name) DO UPDATE SET n = ticket_counters.n + excluded.n;
  INSERT INTO ticket_counters (workspace_id, name, n)
    SELECT NEW.workspace_id, name, 1 FROM (
      SELECT 'status:' || NEW.status AS name
      UNION ALL SELECT 'open_channel:' || NEW.channel WHERE NEW.status = 'open'
      UNION ALL SELECT 'open_assignee:' || COALESCE(NEW.assignee_id, '') WHERE NEW.status = 'open'
      UNION ALL SELECT 'open_tag:' || tag FROM ticket_tags WHERE ticket_id = NEW.id AND NEW.status = 'open')
    WHERE 1 ON CONFLICT (workspace_id, name) DO UPDATE SET n = ticket_counters.n + excluded.n;
END;

CREATE TRIGGER ticket_tags_counted_insert AFTER INSERT ON ticket_tags BEGIN
  INSERT INTO ticket_counters (workspace_id, name, n)
    SELECT NEW.workspace_id, 'open_tag:' || NEW.tag, 1 FROM tickets WHERE id = NEW.ticket_id AND status = 'open'
    ON CONFLICT (workspace_id, name) DO UPDATE SET n = ticket_counters.n + excluded.n;
END;

CREATE TRIGGER ticket_tags_counted_delete AFTER DELETE ON ticket_tags BEGIN
  INSERT INTO ticket_counters (workspace_id, name, n)
    SELECT OLD.workspace_id, 'open_tag:' || OLD.tag, -1 FROM tickets WHERE id = OLD.ticket_id AND status = 'open'
    ON CONFLICT (workspace_id, name) DO UPDATE SET n = ticket_counters.n + excluded.n;
END;

CREATE TRIGGER ticket_unread_counted_insert AFTER INSERT ON ticket_unread BEGIN
  INSERT INTO ticket_counters (workspace_id, name, n) VALUES (NEW.workspace_id, 'unread:' || NEW.agent_id, 1)
    ON CONFLICT (workspace_id, name) DO UPDATE SET n = ticket_counters.n + excluded.n;
END;

CREATE TRIGGER ticket_unread_counted_delete AFTER DELETE ON ticket_unread BEGIN
  INSERT INTO ticket_counters (workspace_id, name, n) VALUES (OLD.workspace_id, 'unread:' || OLD.agent_id, -1)
    ON CONFLICT (workspace_id, name) DO UPDATE SET n = ticket_counters.n + excluded.n;
END;

CREATE TRIGGER ticket_favorites_counted_insert AFTER INSERT ON ticket_favorites BEGIN
  INSERT INTO ticket_counters (workspace_id, name, n) VALUES (NEW.workspace_id, 'favorites:' || NEW.agent_id, 1)
    ON CONFLICT (workspace_id, name) DO UPDATE SET n = ticket_counters.n + excluded.n;
END;

CREATE TRIGGER ticket_favorites_counted_delete AFTER DELETE ON ticket_favorites BEGIN
  INSERT INTO ticket_counters (workspace_id, name, n) VALUES (OLD.workspace_id, 'favorites:' || OLD.agent_id, -1)
    ON CONFLICT (workspace_id, name) DO UPDATE SET n = ticket_counters.n + excluded.n;
END;
