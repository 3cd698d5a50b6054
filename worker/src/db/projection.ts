// Projects a TicketObject's state into D1 listings in one batch (a transaction).
// Every write is guarded by `version`, so a late, older projection never overwrites a newer one.
import { INBOX_ROLES } from "../../../shared/schemas";
import { hashtagKey, hashtagsIn } from "../../../shared/rules/hashtags";
import { expandTags } from "../../../shared/rules/tags";

export interface TicketProjection {
  id: string;
  workspaceId: string;
  /** null for a ticket not yet numbered: the batch allocates the next workspace number with the first insert. */
  number: number | null;
  channel: string;
  status: string;
  snoozedUntil: number | null;
  assigneeId: string | null;
  profileId: string;
  tags: string[];
  /** The description, for its #hashtags (migration 0008). */
  description: string;
  followers: string[];
  favoriteOf: string[];
  /** Agents for whom the ticket is read (read up to the last inbound message and not marked unread). */
  readBy: string[];
  markedUnreadBy: string[];
  last: { text: string; at: number; direction: string } | null;
  /** The customer's last message and since when they wait for an agent (migration 0008). */
  customer: { text: string; at: number } | null;
  waitingSince: number | null;
  attribution: { type: string; name: string } | null;
  /** Searchable messages not yet indexed, with their seq. */
  newMessages: { seq: number; text: string }[];
  indexedSeq: number;
  version: number;
  createdAt: number;
  updatedAt: number;
  /** Reporting (migration 0005): null until an agent replies / while unresolved; period start defaults to createdAt. */
  firstResponseAt: number | null;
  firstResponderId: string | null;
  periodStartedAt: number;
  closedAt: number | null;
  /** The SLA target due first (migration 0015); null without one. */
  sla: { policy: string; target: string; dueAt: number; breached: boolean } | null;
}

const ROLES = JSON.stringify(INBOX_ROLES);

export function projectionStatements(db: D1Database, p: TicketProjection): D1PreparedStatement[] {
  const ours = "(SELECT version FROM tickets WHERE id = ?1) = ?2"; // only if our version is the one now stored
  const stmts: D1PreparedStatement[] = [];
  // Numbering in the same transaction: the counter moves only when the row does not exist yet, so a retried batch
  // after a lost answer keeps the number it got.
  if (p.number === null) {
    stmts.push(
      db
        .prepare("UPDATE workspaces SET next_ticket_number = next_ticket_number + 1 WHERE id = ?2 AND NOT EXISTS (SELECT 1 FROM tickets WHERE id = ?1)")
        .bind(p.id, p.workspaceId),
    );
  }
  for (const m of p.newMessages) {
    stmts.push(
      db
        .prepare(
          "INSERT INTO messages_fts (text, ticket_id, workspace_id) SELECT ?3, ?1, ?2 WHERE ?4 > COALESCE((SELECT indexed_seq FROM tickets WHERE id = ?1), 0)",
        )
        .bind(p.id, p.workspaceId, m.text, m.seq),
    );
  }
  stmts.push(
    db
      .prepare(
        `INSERT INTO tickets (id, workspace_id, number, channel, status, snoozed_until, assignee_id, profile_id, tags_json, last_text, last_at, last_direction,
       attributed_type, attributed_name, indexed_seq, version, created_at, updated_at, first_response_at, first_responder_id, period_started_at, closed_at,
       customer_text, customer_at, waiting_since, sla_policy, sla_target, sla_due_at, sla_breached)
     VALUES (?1, ?2, COALESCE(?3, (SELECT next_ticket_number FROM workspaces WHERE id = ?2)), ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22,
       ?23, ?24, ?25, ?26, ?27, ?28, ?29)
     ON CONFLICT(id) DO UPDATE SET number = COALESCE(tickets.number, excluded.number), status = excluded.status, snoozed_until = excluded.snoozed_until,
       assignee_id = excluded.assignee_id, profile_id = excluded.profile_id, tags_json = excluded.tags_json, last_text = excluded.last_text,
       last_at = excluded.last_at, last_direction = excluded.last_direction, attributed_type = excluded.attributed_type,
       attributed_name = excluded.attributed_name, indexed_seq = MAX(tickets.indexed_seq, excluded.indexed_seq), version = excluded.version,
       updated_at = excluded.updated_at, first_response_at = excluded.first_response_at, first_responder_id = excluded.first_responder_id,
       period_started_at = excluded.period_started_at, closed_at = excluded.closed_at, customer_text = excluded.customer_text,
       customer_at = excluded.customer_at, waiting_since = excluded.waiting_since, sla_policy = excluded.sla_policy,
       sla_target = excluded.sla_target, sla_due_at = excluded.sla_due_at, sla_breached = excluded.sla_breached
     WHERE excluded.version > tickets.version`,
      )
      .bind(
        p.id,
        p.workspaceId,
        p.number,
        p.channel,
        p.status,
        p.snoozedUntil,
        p.assigneeId,
        p.profileId,
        JSON.stringify(p.tags),
        p.last?.text ?? null,
        p.last?.at ?? p.createdAt,
        p.last?.direction ?? null,
        p.attribution?.type ?? null,
        p.attribution?.name ?? null,
        p.indexedSeq,
        p.version,
        p.createdAt,
        p.updatedAt,
        p.firstResponseAt,
        p.firstResponderId,
        p.periodStartedAt,
        p.closedAt,
        p.customer?.text ?? null,
        p.customer?.at ?? null,
        p.waitingSince,
        p.sla?.policy ?? null,
        p.sla?.target ?? null,
        p.sla?.dueAt ?? null,
        p.sla?.breached ? 1 : 0,
      ),
  );
  const lastAt = p.last?.at ?? p.createdAt;
  const replace = (table: string, column: string, values: string[], withLastAt: boolean) => {
    stmts.push(db.prepare(`DELETE FROM ${table} WHERE ticket_id = ?1 AND ${ours}`).bind(p.id, p.version));
    stmts.push(
      db
        .prepare(
          withLastAt
            ? `INSERT OR IGNORE INTO ${table} (workspace_id, ${column}, ticket_id, last_at) SELECT ?3, value, ?1, ?5 FROM json_each(?4) WHERE ${ours}`
            : `INSERT OR IGNORE INTO ${table} (workspace_id, ${column}, ticket_id) SELECT ?3, value, ?1 FROM json_each(?4) WHERE ${ours}`,
        )
        .bind(p.id, p.version, p.workspaceId, JSON.stringify(values), ...(withLastAt ? [lastAt] : [])),
    );
  };
  replace("ticket_tags", "tag", expandTags(p.tags), true);
  replace("ticket_followers", "agent_id", p.followers, false);
  replace("ticket_hashtags", "tag", [...new Set(hashtagsIn(p.description).map(hashtagKey))], false);
  replace("ticket_favorites", "agent_id", p.favoriteOf, true);
  stmts.push(db.prepare(`DELETE FROM ticket_unread WHERE ticket_id = ?1 AND ${ours}`).bind(p.id, p.version));
  stmts.push(
    db
      .prepare(
        `INSERT OR IGNORE INTO ticket_unread (workspace_id, agent_id, ticket_id, last_at)
     SELECT ?3, a.id, ?1, ?7 FROM agents a WHERE a.workspace_id = ?3 AND a.role IN (SELECT value FROM json_each(?4))
       AND (a.id IN (SELECT value FROM json_each(?5)) OR a.id NOT IN (SELECT value FROM json_each(?6))) AND ${ours}`,
      )
      .bind(p.id, p.version, p.workspaceId, ROLES, JSON.stringify(p.markedUnreadBy), JSON.stringify(p.readBy), lastAt),
  );
  stmts.push(db.prepare("SELECT number FROM tickets WHERE id = ?1").bind(p.id)); // last: the number this ticket has
  return stmts;
}

/** The ticket's number from the results of `projectionStatements` (its last statement). */
export const projectedNumber = (results: D1Result[]): number | null => (results.at(-1)?.results[0] as { number: number | null } | undefined)?.number ?? null;

/** Permanent delete: every D1 row of the ticket goes. */
export function deleteTicketStatements(db: D1Database, workspaceId: string, ticketId: string): D1PreparedStatement[] {
  return ["tickets", "ticket_tags", "ticket_hashtags", "ticket_followers", "ticket_favorites", "ticket_unread", "messages_fts", "short_links"].map((table) =>
    db.prepare(`DELETE FROM ${table} WHERE ${table === "tickets" ? "id" : "ticket_id"} = ?1 AND workspace_id = ?2`).bind(ticketId, workspaceId),
  );
}
