// The order-action ledger (table order_actions): one row per idempotency key. Claiming the row is what lets exactly
// one request act; the row then holds the outcome a repeat is answered with, the approval state, and the amounts the
// compensation report sums.
import * as clock from "../clock";
import type { OrderAction, OrderActionKind, OrderActionStatus } from "../../../shared/schemas";
import { fromCents } from "../../../shared/rules/money";

export interface LedgerRow {
  id: string;
  kind: OrderActionKind;
  order_id: string | null;
  order_name: string | null;
  ticket_id: string | null;
  agent_id: string;
  agent_name: string;
  body_hash: string;
  body_json: string;
  status: OrderActionStatus;
  amount_cents: number | null;
  currency: string | null;
  reason: string | null;
  result_json: string | null;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_at: number | null;
  decline_reason: string | null;
  created_at: number;
  updated_at: number;
}

export type NewLedgerRow = Pick<
  LedgerRow,
  | "id"
  | "kind"
  | "order_id"
  | "order_name"
  | "ticket_id"
  | "agent_id"
  | "agent_name"
  | "body_hash"
  | "body_json"
  | "status"
  | "amount_cents"
  | "currency"
  | "reason"
>;

/** What the result column holds: the response body of a finished action, or the error of a refused one. */
export interface LedgerResult {
  summary: string;
  /** The store request as first prepared (refunds): a retry resends exactly this. */
  prepared?: unknown;
  /** An approved attempt never heard back from the store: the next approval is a retry (it may already be done). */
  uncertain?: boolean;
  percent?: number | null;
  response?: unknown;
  error?: { status: number; code: string; message: string; details?: unknown };
}

/** Inserts the row unless the key is taken; true when this request now owns the action. */
export async function claimAction(db: D1Database, workspaceId: string, r: NewLedgerRow, result: LedgerResult): Promise<boolean> {
  const now = clock.now();
  const row = await db
    .prepare(
      `INSERT INTO order_actions (workspace_id, id, kind, order_id, order_name, ticket_id, agent_id, agent_name, body_hash, body_json, status,
         amount_cents, currency, reason, result_json, created_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?16)
       ON CONFLICT DO NOTHING RETURNING id`,
    )
    .bind(
      workspaceId,
      r.id,
      r.kind,
      r.order_id,
      r.order_name,
      r.ticket_id,
      r.agent_id,
      r.agent_name,
      r.body_hash,
      r.body_json,
      r.status,
      r.amount_cents,
      r.currency,
      r.reason,
      JSON.stringify(result),
      now,
    )
    .first<{ id: string }>();
  return row !== null;
}

export async function getLedgerRow(db: D1Database, workspaceId: string, id: string): Promise<LedgerRow | null> {
  return db.prepare("SELECT * FROM order_actions WHERE workspace_id = ?1 AND id = ?2").bind(workspaceId, id).first<LedgerRow>();
}

/** A running action left behind by a request that died (no answer for `staleMs`): the next repeat may take it over. */
export async function takeOverStale(db: D1Database, workspaceId: string, id: string, staleMs: number): Promise<boolean> {
  const now = clock.now();
  const row = await db
    .prepare("UPDATE order_actions SET updated_at = ?3 WHERE workspace_id = ?1 AND id = ?2 AND status = 'running' AND updated_at < ?4 RETURNING id")
    .bind(workspaceId, id, now, now - staleMs)
    .first();
  return row !== null;
}

export async function finishAction(
  db: D1Database,
  workspaceId: string,
  id: string,
  status: "done" | "failed",
  result: LedgerResult,
  amountCents?: number | null,
) {
  await db
    .prepare(
      "UPDATE order_actions SET status = ?3, result_json = ?4, amount_cents = COALESCE(?5, amount_cents), updated_at = ?6 WHERE workspace_id = ?1 AND id = ?2",
    )
    .bind(workspaceId, id, status, JSON.stringify(result), amountCents ?? null, clock.now())
    .run();
}

/**
 * The store could not be reached, so whether it acted is unknown: the claim is released for the next attempt with the
 * same key (marked stale at once, or back in the approval queue), which resends the same prepared request.
 */
export async function releaseAction(db: D1Database, workspaceId: string, id: string, backTo: "retry" | "pending_approval") {
  if (backTo === "retry")
    await db.prepare("UPDATE order_actions SET updated_at = 0 WHERE workspace_id = ?1 AND id = ?2 AND status = 'running'").bind(workspaceId, id).run();
  else
    await db
      .prepare(
        `UPDATE order_actions SET status = 'pending_approval', decided_by = NULL, decided_by_name = NULL, decided_at = NULL,
           result_json = json_set(COALESCE(result_json, '{}'), '$.uncertain', json('true'))
         WHERE workspace_id = ?1 AND id = ?2 AND status = 'running'`,
      )
      .bind(workspaceId, id)
      .run();
}

/** Moves a pending request to `running` (approved) or `declined`, once: of two admins deciding at once, one wins. */
export async function decideAction(
  db: D1Database,
  workspaceId: string,
  id: string,
  to: "running" | "declined",
  by: { id: string; name: string },
  declineReason: string | null,
): Promise<LedgerRow | null> {
  const now = clock.now();
  return db
    .prepare(
      `UPDATE order_actions SET status = ?3, decided_by = ?4, decided_by_name = ?5, decided_at = ?6, decline_reason = ?7, updated_at = ?6
       WHERE workspace_id = ?1 AND id = ?2 AND status = 'pending_approval' RETURNING *`,
    )
    .bind(workspaceId, id, to, by.id, by.name, now, declineReason)
    .first<LedgerRow>();
}

export async function listActions(db: D1Database, workspaceId: string, status: OrderActionStatus, limit = 100): Promise<LedgerRow[]> {
  const { results } = await db
    .prepare("SELECT * FROM order_actions WHERE workspace_id = ?1 AND status = ?2 ORDER BY created_at DESC LIMIT ?3")
    .bind(workspaceId, status, limit)
    .all<LedgerRow>();
  return results;
}

export const ledgerResult = (r: LedgerRow): LedgerResult | null => (r.result_json ? (JSON.parse(r.result_json) as LedgerResult) : null);

export function toOrderAction(r: LedgerRow): OrderAction {
  const result = r.result_json ? (JSON.parse(r.result_json) as LedgerResult) : null;
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    orderId: r.order_id,
    orderName: r.order_name,
    ticketId: r.ticket_id,
    agent: { id: r.agent_id, name: r.agent_name },
    amount: r.amount_cents === null ? null : fromCents(r.amount_cents),
    currency: r.currency,
    percent: result?.percent ?? null,
    reason: r.reason,
    summary: result?.summary ?? r.kind,
    decidedBy: r.decided_by ? { id: r.decided_by, name: r.decided_by_name ?? "" } : null,
    decidedAt: r.decided_at === null ? null : new Date(r.decided_at).toISOString(),
    declineReason: r.decline_reason,
    error: result?.error?.message ?? null,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

/** Money given away (refunds, fixed discounts, replacements) per agent, kind and reason, in [from, to). */
export async function compensationTotals(db: D1Database, workspaceId: string, from: number, to: number) {
  const { results } = await db
    .prepare(
      `SELECT agent_id, agent_name, CASE kind WHEN 'cancel' THEN 'refund' ELSE kind END AS kind, COALESCE(reason, '') AS reason, currency,
         COUNT(*) AS actions, SUM(COALESCE(amount_cents, 0)) AS cents
       FROM order_actions WHERE workspace_id = ?1 AND status = 'done' AND (kind IN ('refund', 'discount', 'replacement') OR (kind = 'cancel' AND amount_cents > 0))
         AND created_at >= ?2 AND created_at < ?3
       GROUP BY agent_id, 3, reason, currency ORDER BY cents DESC`,
    )
    .bind(workspaceId, from, to)
    .all<{
      agent_id: string;
      agent_name: string;
      kind: "refund" | "discount" | "replacement";
      reason: string;
      currency: string | null;
      actions: number;
      cents: number;
    }>();
  return results;
}
