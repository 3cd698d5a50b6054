// Counts for every view, status, channel, tag and operator (GET /api/tickets/counts).
import type { Agent, TicketCounts } from "../../../shared/schemas";
import { INBOX_ROLES } from "../../../shared/schemas";

export async function ticketCounts(db: D1Database, v: { workspaceId: string; agentId: string; operator: boolean }, agents: Agent[], online: string[]): Promise<TicketCounts> {
  const one = (sql: string) => db.prepare(sql).bind(v.workspaceId, v.agentId);
  const [views, statuses, channels, tags, operators] = await db.batch<Record<string, unknown>>([
    one(`SELECT
        (SELECT COUNT(*) FROM tickets WHERE workspace_id = ?1 AND assignee_id = ?2 AND status = 'open') AS mine,
        (SELECT COUNT(*) FROM tickets WHERE workspace_id = ?1 AND assignee_id IS NULL AND status = 'open') AS unassigned,
        (SELECT COUNT(*) FROM tickets WHERE workspace_id = ?1) AS "all",
        (SELECT COUNT(*) FROM ticket_unread WHERE workspace_id = ?1 AND agent_id = ?2) AS unread,
        (SELECT COUNT(*) FROM ticket_favorites WHERE workspace_id = ?1 AND agent_id = ?2) AS favorites,
        (SELECT COUNT(*) FROM tickets t WHERE t.workspace_id = ?1 AND t.status = 'open' AND (t.assignee_id = ?2
           OR t.id IN (SELECT ticket_id FROM ticket_followers WHERE workspace_id = ?1 AND agent_id = ?2)
           ${v.operator ? "OR t.assignee_id IS NULL" : ""})) AS sessions`),
    one("SELECT status AS k, COUNT(*) AS n FROM tickets WHERE workspace_id = ?1 AND ?2 IS NOT NULL GROUP BY status"),
    one("SELECT channel AS k, COUNT(*) AS n FROM tickets WHERE workspace_id = ?1 AND ?2 IS NOT NULL AND status = 'open' GROUP BY channel"),
    one(`SELECT tt.tag AS k, COUNT(*) AS n FROM ticket_tags tt JOIN tickets t ON t.id = tt.ticket_id
         WHERE tt.workspace_id = ?1 AND ?2 IS NOT NULL AND t.status = 'open' GROUP BY tt.tag`),
    one("SELECT assignee_id AS k, COUNT(*) AS n FROM tickets WHERE workspace_id = ?1 AND ?2 IS NOT NULL AND status = 'open' AND assignee_id IS NOT NULL GROUP BY assignee_id"),
  ]);
  const byKey = (r: D1Result<Record<string, unknown>> | undefined) =>
    Object.fromEntries((r?.results ?? []).map((row) => [String(row.k), Number(row.n)]));
  const openByAgent = byKey(operators);
  const people = agents.filter((a) => INBOX_ROLES.includes(a.role)).map((a) => ({
    agentId: a.id, name: a.name, operator: a.operator, online: online.includes(a.id), open: openByAgent[a.id] ?? 0,
  }));
  const v0 = (views?.results[0] ?? {}) as Record<string, number>;
  return {
    views: { mine: v0.mine ?? 0, unassigned: v0.unassigned ?? 0, all: v0.all ?? 0, unread: v0.unread ?? 0, favorites: v0.favorites ?? 0, sessions: v0.sessions ?? 0 },
    statuses: { open: 0, snoozed: 0, closed: 0, ...byKey(statuses) },
    channels: { sms: 0, webchat: 0, email: 0, ...byKey(channels) },
    tags: byKey(tags),
    operators: people.filter((p) => p.operator),
    nonOperators: people.filter((p) => !p.operator),
  };
}
