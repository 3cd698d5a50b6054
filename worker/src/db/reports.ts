// D1 reads behind GET /api/reports: the tickets created, or closed, in a range of one workspace (indexed on
// (workspace_id, created_at) / (workspace_id, closed_at), migration 0005), each with its tags and their ancestors.
import type { Channel } from "../../../shared/schemas";

export interface CreatedRow {
  id: string;
  channel: Channel;
  assignee_id: string | null;
  created_at: number;
  first_response_at: number | null;
  first_responder_id: string | null;
  tags: string;
}
export interface ResolvedRow {
  id: string;
  channel: Channel;
  assignee_id: string | null;
  closed_at: number;
  started_at: number;
  tags: string;
}
export interface ReportRows {
  created: CreatedRow[];
  resolved: ResolvedRow[];
  openNow: number;
}

// ticket_tags already holds every ancestor (`shipping/delayed` is also `shipping`), so parents count their sub-tags.
const TAGS = "(SELECT json_group_array(tt.tag) FROM ticket_tags tt WHERE tt.ticket_id = t.id AND tt.workspace_id = ?1) AS tags";
// The unary `+` keeps the planner on the time index: a channel is a coarse filter, the range is the narrow one.
const channelTerm = (channel: Channel | null) => (channel ? " AND +t.channel = ?4" : "");

/** SQL of the three report reads; exported so tests can check their plans with EXPLAIN QUERY PLAN. */
export function reportSql(channel: Channel | null) {
  return {
    created: `SELECT t.id, t.channel, t.assignee_id, t.created_at, t.first_response_at, t.first_responder_id, ${TAGS}
      FROM tickets t WHERE t.workspace_id = ?1 AND t.created_at >= ?2 AND t.created_at < ?3${channelTerm(channel)}`,
    resolved: `SELECT t.id, t.channel, t.assignee_id, t.closed_at, COALESCE(t.period_started_at, t.created_at) AS started_at, ${TAGS}
      FROM tickets t WHERE t.workspace_id = ?1 AND t.closed_at >= ?2 AND t.closed_at < ?3${channelTerm(channel)}`,
    openNow: `SELECT COUNT(*) AS n FROM tickets t WHERE t.workspace_id = ?1 AND t.status = 'open'${channel ? " AND t.channel = ?2" : ""}`,
  };
}

export async function reportRows(db: D1Database, workspaceId: string, from: number, to: number, channel: Channel | null): Promise<ReportRows> {
  const sql = reportSql(channel);
  const ranged = [workspaceId, from, to, ...(channel ? [channel] : [])];
  const [created, resolved, open] = await Promise.all([
    db
      .prepare(sql.created)
      .bind(...ranged)
      .all<CreatedRow>(),
    db
      .prepare(sql.resolved)
      .bind(...ranged)
      .all<ResolvedRow>(),
    db
      .prepare(sql.openNow)
      .bind(workspaceId, ...(channel ? [channel] : []))
      .first<{ n: number }>(),
  ]);
  return { created: created.results, resolved: resolved.results, openNow: open?.n ?? 0 };
}
