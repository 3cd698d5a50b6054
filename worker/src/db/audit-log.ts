// The workspace's audit log (owners read it): append-only lines of who did what — order actions, approvals, macro
// and limit changes — newest first, paged by time.
import * as clock from "../clock";
import type { AuditEntry } from "../../../shared/schemas/order-actions";

export interface AuditInput {
  actor: { id: string | null; name: string };
  action: string;
  target?: string | null;
  summary: string;
  detail?: Record<string, unknown> | null;
  /** A stable id makes a repeated write (a retried step) land once. */
  id?: string;
}

export function auditStmt(db: D1Database, workspaceId: string, e: AuditInput): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO audit_log (workspace_id, id, at, actor_id, actor_name, action, target, summary, detail_json)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT DO NOTHING`,
    )
    .bind(
      workspaceId,
      e.id ?? crypto.randomUUID(),
      clock.now(),
      e.actor.id,
      e.actor.name,
      e.action,
      e.target ?? null,
      e.summary,
      e.detail ? JSON.stringify(e.detail) : null,
    );
}

export async function audit(db: D1Database, workspaceId: string, e: AuditInput): Promise<void> {
  await auditStmt(db, workspaceId, e).run();
}

interface AuditRow {
  seq: number;
  id: string;
  at: number;
  actor_id: string | null;
  actor_name: string;
  action: string;
  target: string | null;
  summary: string;
  detail_json: string | null;
}

/** Newest first, in the order written (rowid), so entries of the same millisecond keep their order; `before` is a cursor. */
export async function listAudit(db: D1Database, workspaceId: string, before: number | null, limit: number) {
  const { results } = await db
    .prepare(
      `SELECT rowid AS seq, id, at, actor_id, actor_name, action, target, summary, detail_json FROM audit_log
       WHERE workspace_id = ?1 AND rowid < ?2 ORDER BY rowid DESC LIMIT ?3`,
    )
    .bind(workspaceId, before ?? Number.MAX_SAFE_INTEGER, limit)
    .all<AuditRow>();
  const entries = results.map(
    (r): AuditEntry => ({
      id: r.id,
      at: new Date(r.at).toISOString(),
      actor: { id: r.actor_id, name: r.actor_name },
      action: r.action,
      target: r.target,
      summary: r.summary,
      detail: r.detail_json ? (JSON.parse(r.detail_json) as Record<string, unknown>) : null,
    }),
  );
  return { entries, nextCursor: results.length === limit ? String(results.at(-1)!.seq) : null };
}
