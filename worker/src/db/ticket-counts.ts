// Counts for every view, status, channel, tag and operator (GET /api/tickets/counts), read from the counters that the
// triggers of migration 0006 keep in step with every row change: a few index lookups, whatever the workspace's size.
import type { Agent, TicketCounts } from "../../../shared/schemas";
import { INBOX_ROLES } from "../../../shared/schemas";

export interface CountsViewer { workspaceId: string; agentId: string; operator: boolean }

/** The two statements counts run (exported for the query-plan tests). */
export function countsSql() {
  return {
    counters: "SELECT name, n FROM ticket_counters WHERE workspace_id = ?1 AND n > 0",
    // My sessions beyond my own open tickets: open ones I follow but am not assigned (unassigned ones are already
    // counted when I am in operator mode). Walks my follower rows, one ticket lookup each.
    followed: `SELECT COUNT(*) AS n FROM ticket_followers f JOIN tickets t ON t.id = f.ticket_id
      WHERE f.workspace_id = ?1 AND f.agent_id = ?2 AND t.status = 'open' AND t.assignee_id IS NOT ?2 AND (?3 = 0 OR t.assignee_id IS NOT NULL)`,
  };
}

export async function ticketCounts(db: D1Database, v: CountsViewer, agents: Agent[], online: string[]): Promise<TicketCounts> {
  const sql = countsSql();
  const [counters, followed] = await db.batch<Record<string, unknown>>([
    db.prepare(sql.counters).bind(v.workspaceId),
    db.prepare(sql.followed).bind(v.workspaceId, v.agentId, v.operator ? 1 : 0),
  ]);
  const count = new Map((counters?.results ?? []).map((r) => [String(r.name), Number(r.n)]));
  const n = (name: string) => count.get(name) ?? 0;
  const withPrefix = (prefix: string) =>
    Object.fromEntries([...count].filter(([name]) => name.startsWith(prefix)).map(([name, value]) => [name.slice(prefix.length), value]));
  const mine = n(`open_assignee:${v.agentId}`);
  const unassigned = n("open_assignee:");
  const people = agents.filter((a) => INBOX_ROLES.includes(a.role)).map((a) => ({
    agentId: a.id, name: a.name, operator: a.operator, online: online.includes(a.id), open: n(`open_assignee:${a.id}`),
  }));
  return {
    views: {
      mine, unassigned, all: n("all"), unread: n(`unread:${v.agentId}`), favorites: n(`favorites:${v.agentId}`),
      sessions: mine + Number(followed?.results[0]?.n ?? 0) + (v.operator ? unassigned : 0),
    },
    statuses: { open: n("status:open"), snoozed: n("status:snoozed"), closed: n("status:closed") },
    channels: { sms: n("open_channel:sms"), webchat: n("open_channel:webchat"), email: n("open_channel:email") },
    tags: withPrefix("open_tag:"),
    operators: people.filter((p) => p.operator),
    nonOperators: people.filter((p) => !p.operator),
  };
}
