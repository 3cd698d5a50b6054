-- My sessions without walking follower rows: per agent, how many open tickets they follow that are assigned to someone
-- else (followed_other:<agent>) or to no one (followed_unassigned:<agent>). Kept by triggers like migration 0006's;
-- counts adds them to the agent's own open tickets (and, in operator mode, all unassigned ones instead of the latter).
INSERT INTO ticket_counters (workspace_id, name, n)
  SELECT f.workspace_id, CASE WHEN t.assignee_id IS NULL THEN 'followed_unassigned:' ELSE 'followed_other:' END || f.agent_id, COUNT(*)
  FROM ticket_followers f JOIN tickets t ON t.id = f.ticket_id
  WHERE t.status = 'open' AND (t.assignee_id IS NULL OR t.assignee_id != f.agent_id)
  GROUP BY f.workspace_id, t.assignee_id IS NULL, f.agent_id
  ON CONFLICT (workspace_id, name) DO UPDATE SET n = ticket_counters.n + excluded.n;

CREATE TRIGGER ticket_followers_counted_insert AFTER INSERT ON ticket_followers BEGIN
  INSERT INTO ticket_counters (workspace_id, name, n)
    SELECT NEW.workspace_id, CASE WHEN t.assignee_id IS NULL THEN 'followed_unassigned:' ELSE 'followed_other:' END || NEW.agent_id, 1
    FROM tickets t WHERE t.id = NEW.ticket_id AND t.status = 'open' AND (t.assignee_id IS NULL OR t.assignee_id != NEW.agent_id)
    ON CONFLICT (workspace_id, name) DO UPDATE SET n = ticket_counters.n + excluded.n;
END;

CREATE TRIGGER ticket_followers_counted_delete AFTER DELETE ON ticket_followers BEGIN
  INSERT INTO ticket_counters (workspace_id, name, n)
    SELECT OLD.workspace_id, CASE WHEN t.assignee_id IS NULL THEN 'followed_unassigned:' ELSE 'followed_other:' END || OLD.agent_id, -1
    FROM tickets t WHERE t.id = OLD.ticket_id AND t.status = 'open' AND (t.assignee_id IS NULL OR t.assignee_id != OLD.agent_id)
    ON CONFLICT (workspace_id, name) DO UPDATE SET n = ticket_counters.n + excluded.n;
END;

-- A ticket's status or assignee changes: each follower's contribution moves from the old row's to the new row's.
CREATE TRIGGER tickets_followed_counted_update AFTER UPDATE OF status, assignee_id ON tickets
WHEN OLD.status IS NOT NEW.status OR OLD.assignee_id IS NOT NEW.assignee_id BEGIN
  INSERT INTO ticket_counters (workspace_id, name, n)
    SELECT OLD.workspace_id, CASE WHEN OLD.assignee_id IS NULL THEN 'followed_unassigned:' ELSE 'followed_other:' END || f.agent_id, -1
    FROM ticket_followers f WHERE f.ticket_id = OLD.id AND OLD.status = 'open' AND (OLD.assignee_id IS NULL OR OLD.assignee_id != f.agent_id)
    ON CONFLICT (workspace_id, name) DO UPDATE SET n = ticket_counters.n + excluded.n;
  INSERT INTO ticket_counters (workspace_id, name, n)
    SELECT NEW.workspace_id, CASE WHEN NEW.assignee_id IS NULL THEN 'followed_unassigned:' ELSE 'followed_other:' END || f.agent_id, 1
    FROM ticket_followers f WHERE f.ticket_id = NEW.id AND NEW.status = 'open' AND (NEW.assignee_id IS NULL OR NEW.assignee_id != f.agent_id)
    ON CONFLICT (workspace_id, name) DO UPDATE SET n = ticket_counters.n + excluded.n;
END;

-- A ticket that goes (permanent delete) takes its followers' contributions with it, whichever rows go first.
CREATE TRIGGER tickets_followed_counted_delete AFTER DELETE ON tickets BEGIN
  INSERT INTO ticket_counters (workspace_id, name, n)
    SELECT OLD.workspace_id, CASE WHEN OLD.assignee_id IS NULL THEN 'followed_unassigned:' ELSE 'followed_other:' END || f.agent_id, -1
    FROM ticket_followers f WHERE f.ticket_id = OLD.id AND OLD.status = 'open' AND (OLD.assignee_id IS NULL OR OLD.assignee_id != f.agent_id)
    ON CONFLICT (workspace_id, name) DO UPDATE SET n = ticket_counters.n + excluded.n;
END;
