// Counts for every view, status, channel, tag and operator (GET /api/tickets/counts), read from the counters that the
// triggers of migrations 0006 and 0007 keep in step with every row change: one primary-key range, whatever the size.
import type { Agent, TicketCounts } from "../../../shared/schemas";
import { INBOX_ROLES } from "../../../shared/schemas";

export interface CountsViewer {
  workspaceId: string;
  agentId: string;
  operator: boolean;
}

/** The one statement counts runs (exported for the query-plan tests). */
export const COUNTERS_SQL = "SELECT name, n FROM ticket_counters WHERE workspace_id = ?1 AND n > 0";

/** Tickets with an SLA target due by ?2, from the partial index of running targets (closed tickets have none). */
export const SLA_DUE_SQL = "SELECT COUNT(*) AS n FROM tickets INDEXED BY tickets_sla_due WHERE workspace_id = ?1 AND sla_due_at <= ?2";

export async function ticketCounts(
  db: D1Database,
  v: CountsViewer,
  agents: Agent[],
  online: string[],
  sla: { now: number; soonUntil: number },
): Promise<TicketCounts> {
  const [counters, breaching, breached] = await db.batch<{ name: string; n: number }>([
    db.prepare(COUNTERS_SQL).bind(v.workspaceId),
    db.prepare(SLA_DUE_SQL).bind(v.workspaceId, sla.soonUntil),
    db.prepare(SLA_DUE_SQL).bind(v.workspaceId, sla.now),
  ]);
  const results = counters?.results ?? [];
  const count = new Map(results.map((r) => [r.name, r.n]));
  const n = (name: string) => count.get(name) ?? 0;
  const withPrefix = (prefix: string) =>
    Object.fromEntries([...count].filter(([name]) => name.startsWith(prefix)).map(([name, value]) => [name.slice(prefix.length), value]));
  const mine = n(`open_assignee:${v.agentId}`);
  const unassigned = n("open_assignee:");
  const people = agents
    .filter((a) => INBOX_ROLES.includes(a.role))
    .map((a) => ({
      agentId: a.id,
      name: a.name,
      operator: a.operator,
      online: online.includes(a.id),
      open: n(`open_assignee:${a.id}`),
    }));
  return {
    views: {
      mine,
      unassigned,
      all: n("all"),
      unread: n(`unread:${v.agentId}`),
      favorites: n(`favorites:${v.agentId}`),
      // My sessions: my open tickets, open ones I follow assigned to others, and the unassigned ones I follow — or, in
      // operator mode, every unassigned one.
      sessions: mine + n(`followed_other:${v.agentId}`) + (v.operator ? unassigned : n(`followed_unassigned:${v.agentId}`)),
    },
    statuses: { open: n("status:open"), snoozed: n("status:snoozed"), closed: n("status:closed") },
    channels: { sms: n("open_channel:sms"), webchat: n("open_channel:webchat"), email: n("open_channel:email") },
    tags: withPrefix("open_tag:"),
    operators: people.filter((p) => p.operator),
    nonOperators: people.filter((p) => !p.operator),
    sla: { breaching: breaching?.results[0]?.n ?? 0, breached: breached?.results[0]?.n ?? 0 },
  };
}
