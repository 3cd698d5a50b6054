// SLA targets that ended (table sla_results): one row per ticket, target and start, written once (a retried timer
// adds nothing); the reports count them by channel, agent and policy over a date range.
import type { FinishedTarget } from "../../../shared/rules/sla";
import type { SlaTargetKind } from "../../../shared/schemas/sla";

/** A finished target (shared/rules/sla.ts) with the ticket's channel and the agent it counts for. */
export type SlaResult = FinishedTarget & { channel: string; agentId: string | null };

export async function recordSlaResults(db: D1Database, workspaceId: string, ticketId: string, r: SlaResult): Promise<void> {
  await db
    .prepare(
      `INSERT OR IGNORE INTO sla_results (workspace_id, ticket_id, target, started_at, policy, channel, agent_id, due_at, done_at, breached)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)`,
    )
    .bind(workspaceId, ticketId, r.kind, r.startedAt, r.policy, r.channel, r.agentId, r.dueAt, r.doneAt, r.breached ? 1 : 0)
    .run();
}

export interface SlaCount {
  key: string;
  target: SlaTargetKind;
  achieved: number;
  breached: number;
}

/** Achieved and breached targets ended in [from, to), grouped by `by` (channel, agent_id or policy). */
export async function slaCounts(
  db: D1Database,
  workspaceId: string,
  from: number,
  to: number,
  channel: string | null,
): Promise<{ channel: SlaCount[]; agent: SlaCount[]; policy: SlaCount[] }> {
  const by = (column: "channel" | "agent_id" | "policy") =>
    db
      .prepare(
        `SELECT COALESCE(${column}, '') AS key, target, SUM(1 - breached) AS achieved, SUM(breached) AS breached
         FROM sla_results WHERE workspace_id = ?1 AND done_at >= ?2 AND done_at < ?3 AND (?4 IS NULL OR channel = ?4)
         GROUP BY key, target ORDER BY key, target`,
      )
      .bind(workspaceId, from, to, channel);
  const [c, a, p] = await db.batch<SlaCount>([by("channel"), by("agent_id"), by("policy")]);
  return { channel: c?.results ?? [], agent: a?.results ?? [], policy: p?.results ?? [] };
}
