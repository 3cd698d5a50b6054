// The inbox views (docs/api.md §9 Inbox views and counts) as indexed D1 queries with keyset pagination, newest activity first.
import type { TicketFilter, TicketPage, TicketSummary } from "../../../shared/schemas";
import { TicketSummary as SummarySchema } from "../../../shared/schemas";
import { HttpError } from "../http/errors";
import { searchClause } from "./ticket-search";

export interface Viewer {
  workspaceId: string;
  agentId: string;
  operator: boolean;
  /** The workspace's country, to read a phone number typed in national format (search). */
  country?: string;
  /** SLA filter: until when a due target counts as "breaching soon", and now (both from the worker's clock). */
  sla?: { soonUntil: number; now: number };
}

interface SummaryRow {
  id: string;
  number: number | null;
  channel: string;
  status: string;
  snoozed_until: number | null;
  assignee_id: string | null;
  tags_json: string;
  last_text: string | null;
  last_at: number;
  last_direction: string | null;
  customer_text: string | null;
  customer_at: number | null;
  waiting_since: number | null;
  sla_policy: string | null;
  sla_target: string | null;
  sla_due_at: number | null;
  sla_breached: number;
  attributed_type: string | null;
  attributed_name: string | null;
  created_at: number;
  updated_at: number;
  profile_id: string;
  p_name: string | null;
  p_phone: string | null;
  p_email: string | null;
  unread: number;
  favorite: number;
}

/** Where rows come from and in which order: a per-agent or per-tag table walks its own (…, last_at, id) index. */
interface Source {
  from: string;
  at: string;
  id: string;
}

/** Builds the source and `WHERE` clauses for a filter; parameters are numbered from ?1 = workspace, ?2 = viewer. */
export function filterSql(f: TicketFilter, v: Viewer): { source: Source; where: string[]; params: unknown[] } {
  const params: unknown[] = [v.workspaceId, v.agentId];
  const p = (value: unknown) => `?${params.push(value)}`;
  const where = ["t.workspace_id = ?1"];
  const drive = (table: string, key: string): Source => {
    where.push("d.workspace_id = ?1", key);
    return { from: `${table} d JOIN tickets t ON t.id = d.ticket_id`, at: "d.last_at", id: "d.ticket_id" };
  };
  let source: Source = { from: "tickets t", at: "t.last_at", id: "t.id" };
  const defaultOpen = f.view === "mine" || f.view === "unassigned" || f.view === "sessions";
  const status = f.status ?? (defaultOpen ? "open" : undefined);
  if (status) where.push(`t.status = ${p(status)}`);
  switch (f.view) {
    case "mine":
      // Pinned: with workspace statistics SQLite may start from a tag filter's rows and sort them (a temp B-tree);
      // my open tickets in activity order, each tag checked by primary key, stays cheap at any size.
      source = { ...source, from: "tickets t INDEXED BY tickets_assignee" };
      where.push("t.assignee_id = ?2");
      break;
    case "unassigned":
      where.push("t.assignee_id IS NULL");
      break;
    case "unread":
      source = drive("ticket_unread", "d.agent_id = ?2");
      break;
    case "favorites":
      source = drive("ticket_favorites", "d.agent_id = ?2");
      break;
    case "sessions":
      where.push(
        `(t.assignee_id = ?2 OR t.id IN (SELECT ticket_id FROM ticket_followers WHERE workspace_id = ?1 AND agent_id = ?2)${v.operator ? " OR t.assignee_id IS NULL" : ""})`,
      );
      break;
    case "all":
      break;
  }
  if (f.channel) where.push(`t.channel = ${p(f.channel)}`);
  if (f.assignee) where.push(f.assignee === "none" ? "t.assignee_id IS NULL" : `t.assignee_id = ${p(f.assignee)}`);
  if (f.tag) {
    // A tag drives the walk unless a narrower index (mine, unread, favorites) already does.
    if (source.from === "tickets t") source = drive("ticket_tags", `d.tag = ${p(f.tag)}`);
    // One primary-key lookup per row walked: `IN (SELECT …)` would first list every ticket that has the tag.
    else where.push(`EXISTS (SELECT 1 FROM ticket_tags tt WHERE tt.workspace_id = ?1 AND tt.tag = ${p(f.tag)} AND tt.ticket_id = t.id)`);
  }
  if (f.sla) {
    // Few tickets are due at any moment: the partial index on sla_due_at finds them, then they are sorted by activity.
    if (source.from === "tickets t") source = { ...source, from: "tickets t INDEXED BY tickets_sla_due" };
    const until = f.sla === "breached" ? (v.sla?.now ?? 0) : (v.sla?.soonUntil ?? 0);
    where.push("t.status != 'closed'", `t.sla_due_at <= ${p(until)}`);
  }
  if (f.flow) where.push(`t.attributed_type = 'flow' AND t.attributed_name = ${p(f.flow)}`);
  if (f.campaign) where.push(`t.attributed_type = 'campaign' AND t.attributed_name = ${p(f.campaign)}`);
  if (f.q) {
    const clause = searchClause(f.q, v.country ?? "US", p);
    if (clause) where.push(clause);
  }
  return { source, where, params };
}

/** The listing query for a filter and page; exported so tests can check its plan with EXPLAIN QUERY PLAN. */
export function listingSql(f: TicketFilter, v: Viewer, cursor: string | undefined, limit: number): { sql: string; params: unknown[] } {
  const { source, where, params } = filterSql(f, v);
  if (cursor) {
    const c = decodeCursor(cursor);
    const at = `?${params.push(c.at)}`;
    const id = `?${params.push(c.id)}`;
    where.push(`(${source.at} < ${at} OR (${source.at} = ${at} AND ${source.id} < ${id}))`);
  }
  const sql = `SELECT t.id, t.number, t.channel, t.status, t.snoozed_until, t.assignee_id, t.tags_json, t.last_text, t.last_at, t.last_direction,
      t.customer_text, t.customer_at, t.waiting_since, t.sla_policy, t.sla_target, t.sla_due_at, t.sla_breached, t.attributed_type, t.attributed_name, t.created_at, t.updated_at, t.profile_id, p.name AS p_name, p.phone AS p_phone, p.email AS p_email,
      EXISTS (SELECT 1 FROM ticket_unread u WHERE u.workspace_id = ?1 AND u.agent_id = ?2 AND u.ticket_id = t.id) AS unread,
      EXISTS (SELECT 1 FROM ticket_favorites f WHERE f.workspace_id = ?1 AND f.agent_id = ?2 AND f.ticket_id = t.id) AS favorite
    FROM ${source.from} JOIN profiles p ON p.id = t.profile_id
    WHERE ${where.join(" AND ")} ORDER BY ${source.at} DESC, ${source.id} DESC LIMIT ?${params.push(limit + 1)}`;
  return { sql, params };
}

export async function listTickets(db: D1Database, f: TicketFilter, v: Viewer, cursor: string | undefined, limit: number): Promise<TicketPage> {
  const { sql, params } = listingSql(f, v, cursor, limit);
  const { results } = await db
    .prepare(sql)
    .bind(...params)
    .all<SummaryRow>();
  const page = results.slice(0, limit);
  const last = page[page.length - 1];
  return { tickets: page.map(toSummary), nextCursor: results.length > limit && last ? encodeCursor(last.last_at, last.id) : null };
}

/** Ids of every ticket matching a filter (bulk actions), capped. */
export async function matchingIds(db: D1Database, f: TicketFilter, v: Viewer, cap: number): Promise<string[]> {
  const { source, where, params } = filterSql(f, v);
  const { results } = await db
    .prepare(`SELECT t.id FROM ${source.from} WHERE ${where.join(" AND ")} ORDER BY ${source.at} DESC, ${source.id} DESC LIMIT ?${params.push(cap)}`)
    .bind(...params)
    .all<{ id: string }>();
  return results.map((r) => r.id);
}

export async function ticketWorkspace(db: D1Database, ticketId: string): Promise<string | null> {
  return (await db.prepare("SELECT workspace_id FROM tickets WHERE id = ?1").bind(ticketId).first<{ workspace_id: string }>())?.workspace_id ?? null;
}

export function toSummary(r: SummaryRow): TicketSummary {
  return SummarySchema.parse({
    id: r.id,
    number: r.number,
    channel: r.channel,
    status: r.status,
    snoozedUntil: r.snoozed_until === null ? null : new Date(r.snoozed_until).toISOString(),
    assigneeId: r.assignee_id,
    tags: JSON.parse(r.tags_json),
    unread: r.unread === 1,
    favorite: r.favorite === 1,
    profile: { id: r.profile_id, name: r.p_name, phone: r.p_phone, email: r.p_email },
    lastMessage: r.last_text === null ? null : { text: r.last_text, at: new Date(r.last_at).toISOString(), direction: r.last_direction ?? "inbound" },
    attribution: r.attributed_type ? { type: r.attributed_type, name: r.attributed_name } : null,
    lastCustomerMessage: r.customer_text === null || r.customer_at === null ? null : { text: r.customer_text, at: new Date(r.customer_at).toISOString() },
    waitingSince: r.waiting_since === null ? null : new Date(r.waiting_since).toISOString(),
    sla:
      r.sla_due_at === null || r.sla_policy === null
        ? null
        : { policy: r.sla_policy, target: r.sla_target, dueAt: new Date(r.sla_due_at).toISOString(), breached: r.sla_breached === 1 },
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  });
}

const encodeCursor = (at: number, id: string) => btoa(`${at}:${id}`).replace(/=+$/, "");

function decodeCursor(cursor: string): { at: number; id: string } {
  try {
    const [at, ...rest] = atob(cursor).split(":");
    const id = rest.join(":");
    if (!at || !/^\d+$/.test(at) || !id) throw new Error("shape");
    return { at: Number(at), id };
  } catch {
    throw new HttpError(400, "invalid_cursor", "The cursor is not one this API gave out.");
  }
}
