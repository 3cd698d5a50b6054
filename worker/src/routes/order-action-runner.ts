// Runs an order action exactly once per idempotency key. The first request claims the key in the ledger and either
// acts (within its role's limit) or files a request for approval; a repeat — a double click, a retry, a concurrent
// duplicate — waits for that outcome and answers with it. A store that cannot be reached releases the claim, so the
// retry acts again (the store deduplicates by the same key).
import { needsApproval } from "../../../shared/rules/order-limits";
import { activityLine } from "../../../shared/rules/activity";
import { OrderActionResponse, type OrderAction, type OrderActionKind } from "../../../shared/schemas";
import { IdempotencyKey } from "../../../shared/schemas/order-actions";
import { IDEMPOTENCY_HEADER } from "../../../shared/schemas";
import type { Env } from "../env";
import type { AgentContext } from "../http/auth";
import { HttpError, parseOr400 } from "../http/errors";
import { respond } from "../http/respond";
import { loadSettings } from "../db/settings";
import { dbFor, directory } from "../db/shards";
import { audit } from "../db/audit-log";
import { claimAction, finishAction, getLedgerRow, releaseAction, takeOverStale, toOrderAction, type LedgerResult, type LedgerRow } from "../db/order-actions";
import { StoreUnavailable } from "../integrations/shopify-admin";
import { StoreRefused } from "../integrations/shopify-orders";
import { moneyParams, PLANNERS, type Plan, type PlanContext } from "./order-action-plans";
import { storeWriteError } from "./order-store";
import { ticketStub } from "./ticket-access";

export interface Person {
  id: string;
  name: string;
}
const STALE_MS = 60_000;
const REPEAT_POLL_MS = 150;
const REPEAT_POLLS = 140; // ~21 s: longer than a store write may take (15 s)

export function idempotencyKeyOf(request: Request): string {
  const raw = request.headers.get(IDEMPOTENCY_HEADER);
  if (!raw)
    throw new HttpError(400, "idempotency_key_required", `Send an ${IDEMPOTENCY_HEADER} header (a UUID made once per action) so a retry cannot act twice.`);
  return parseOr400(IdempotencyKey, raw, `${IDEMPOTENCY_HEADER} header`);
}

async function bodyHash(kind: OrderActionKind, orderId: string | null, body: unknown): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify([kind, orderId, body]));
  return [...new Uint8Array(await crypto.subtle.digest("SHA-256", bytes))].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** An action's outcome: done (200), or filed for approval (202). */
export interface ActionAnswer {
  status: 200 | 202;
  body: OrderActionResponse;
}
export const answer = (a: ActionAnswer) => respond(OrderActionResponse, a.body, { status: a.status });

/** POST /api/orders/:id/<action> and POST /api/discounts. */
export async function requestOrderAction(env: Env, who: AgentContext, request: Request, kind: OrderActionKind, orderId: string | null, raw: unknown) {
  return answer(await performOrderAction(env, who, idempotencyKeyOf(request), kind, orderId, raw));
}

/** The action itself, also used by macros (with a key derived from the macro's). */
export async function performOrderAction(
  env: Env,
  who: AgentContext,
  key: string,
  kind: OrderActionKind,
  orderId: string | null,
  raw: unknown,
): Promise<ActionAnswer> {
  const planner = PLANNERS[kind];
  const body = parseOr400(planner.body, raw) as { ticketId?: string };
  const ws = who.workspace.id;
  const db = dbFor(env, ws);
  const hash = await bodyHash(kind, orderId, body);
  if (await getLedgerRow(db, ws, key)) return answerRepeat(env, ws, key, hash, who);
  if (body.ticketId) await ticketStub(env, who, body.ticketId); // the ticket must be the agent's own workspace's
  const ctx: PlanContext = { env, workspaceId: ws, key };
  const plan = await planner.plan(ctx, orderId, body as never);
  const { settings } = await loadSettings(directory(env), ws);
  const approval = needsApproval(who.agent.role, settings.orders.limits, plan);
  const requester = { id: who.agent.id, name: who.agent.name };
  const claimed = await claimAction(
    db,
    ws,
    {
      id: key,
      kind,
      order_id: plan.order?.id ?? null,
      order_name: plan.order?.name ?? null,
      ticket_id: plan.ticketId,
      agent_id: requester.id,
      agent_name: requester.name,
      body_hash: hash,
      body_json: JSON.stringify(body),
      status: approval ? "pending_approval" : "running",
      amount_cents: plan.amountCents,
      currency: plan.currency,
      reason: plan.reason,
    },
    { summary: plan.summary, percent: plan.percent, prepared: plan.prepared },
  );
  if (!claimed) return answerRepeat(env, ws, key, hash, who); // a concurrent duplicate claimed it first
  const row = await getLedgerRow(db, ws, key);
  if (!row) throw new HttpError(409, "action_in_progress", "The action is being recorded; try again in a moment.");
  if (approval) {
    await announce(env, ws, row, plan, { key: "approvalRequested", who: requester.name, auditAction: "approval.requested" });
    return { status: 202, body: { action: toOrderAction(row) } };
  }
  return run(env, ws, row, plan, null);
}

/** Executes a claimed action (status running): the store change, then the ledger, the ticket's activity line and the audit log. */
export async function run(env: Env, ws: string, row: LedgerRow, plan: Plan, approver: Person | null): Promise<ActionAnswer> {
  const db = dbFor(env, ws);
  const who = row.agent_name;
  let executed: Awaited<ReturnType<Plan["execute"]>>;
  try {
    executed = await plan.execute();
  } catch (err) {
    if (err instanceof StoreRefused) {
      const error = { status: 422, code: "store_refused", message: `The store refused: ${err.message}` };
      await finishAction(db, ws, row.id, "failed", { summary: plan.summary, percent: plan.percent, error });
      const failed = (await getLedgerRow(db, ws, row.id)) ?? row;
      await announce(env, ws, failed, plan, { key: "actionFailed", who, error: err.message, auditAction: `order.${row.kind}.failed`, approver });
    } else if (err instanceof StoreUnavailable) {
      await releaseAction(db, ws, row.id, approver ? "pending_approval" : "retry");
    }
    return storeWriteError(err);
  }
  const { activity, amountCents, ...response } = executed;
  await finishAction(db, ws, row.id, "done", { summary: plan.summary, percent: plan.percent, response }, amountCents);
  const done = (await getLedgerRow(db, ws, row.id)) ?? row;
  const line = activityLine(activity.key, { who, ...activity.params });
  await noteOnTicket(env, ws, done.ticket_id, `${row.id}:done`, line);
  await audit(db, ws, {
    id: `${row.id}:done`,
    actor: { id: row.agent_id, name: who },
    action: `order.${row.kind}`,
    target: row.order_name,
    summary: line.text + (approver ? ` (approved by ${approver.name})` : ""),
    detail: {
      actionId: row.id,
      amount: toOrderAction(done).amount,
      currency: done.currency,
      reason: done.reason,
      ...(approver ? { approvedBy: approver } : {}),
    },
  });
  if (approver) await publishAction(env, ws, done);
  return {
    status: 200,
    body: {
      action: toOrderAction(done),
      ...response,
      ...(response.order || response.replacement ? { source: "store" as const } : {}),
    },
  };
}

/**
 * Planning a claimed action again failed. The store out of reach: the claim is released for the next attempt (back in
 * the approval queue when an admin approved it). Anything else (the order changed, nothing left to refund): the action
 * ends refused, with the reason on the ticket.
 */
export async function endPlanning(env: Env, ws: string, row: LedgerRow, err: unknown, approver: Person | null) {
  const db = dbFor(env, ws);
  if (err instanceof HttpError && (err.status === 502 || err.status === 503)) {
    await releaseAction(db, ws, row.id, approver ? "pending_approval" : "retry");
    return;
  }
  const message = err instanceof Error ? err.message : "The action is no longer possible.";
  const summary = toOrderAction(row).summary;
  const status = err instanceof HttpError ? err.status : 409;
  const code = err instanceof HttpError ? err.code : "no_longer_possible";
  await finishAction(db, ws, row.id, "failed", { summary, error: { status, code, message } });
  const failed = (await getLedgerRow(db, ws, row.id)) ?? row;
  await announce(
    env,
    ws,
    failed,
    { summary, params: rowParams(row) },
    { key: "actionFailed", who: row.agent_name, error: message, auditAction: `order.${row.kind}.failed`, approver },
  );
}

/** An activity line for a request's life (asked, approved, declined, refused), its audit entry, and the live event. */
export async function announce(
  env: Env,
  ws: string,
  row: LedgerRow,
  plan: Pick<Plan, "summary" | "params">,
  e: {
    key: "approvalRequested" | "approvalApproved" | "approvalDeclined" | "actionFailed";
    who: string;
    auditAction: string;
    approver?: Person | null;
    reason?: string;
    error?: string;
  },
) {
  const line = activityLine(e.key, {
    who: e.who,
    action: plan.summary,
    ...plan.params,
    ...(e.approver ? { approver: e.approver.name } : {}),
    ...(e.reason !== undefined ? { reason: e.reason } : {}),
    ...(e.error !== undefined ? { error: e.error } : {}),
  });
  await noteOnTicket(env, ws, row.ticket_id, `${row.id}:${e.key}`, line);
  const actor = e.approver ?? { id: row.agent_id, name: row.agent_name };
  await audit(dbFor(env, ws), ws, {
    id: `${row.id}:${e.key}`,
    actor,
    action: e.auditAction,
    target: row.order_name,
    summary: line.text,
    detail: { actionId: row.id },
  });
  await publishAction(env, ws, row);
}

/** An action's summary parameters from its ledger row (the panel names the action in the agent's language from these). */
export function rowParams(row: LedgerRow): Record<string, string> {
  const a = toOrderAction(row);
  return {
    kind: row.kind,
    order: row.order_name ?? "",
    ...(row.amount_cents !== null && row.currency ? moneyParams(row.amount_cents, row.currency) : {}),
    ...(a.percent !== null ? { percent: String(a.percent), discount: `${a.percent}%` } : {}),
  };
}

export async function publishAction(env: Env, ws: string, row: LedgerRow) {
  await env.INBOX.get(env.INBOX.idFromName(ws)).publish(ws, [{ type: "approval.changed", action: toOrderAction(row) }]);
}

/** The ticket's activity line; the store change already happened, so a failure here is logged, not thrown. */
async function noteOnTicket(env: Env, ws: string, ticketId: string | null, key: string, line: ReturnType<typeof activityLine>) {
  if (!ticketId) return;
  try {
    const outcome = await env.TICKETS.get(env.TICKETS.idFromString(ticketId)).recordActivity(ws, key, line);
    if (!outcome.ok) console.error("order activity on ticket refused:", outcome.message);
  } catch (err) {
    console.error("order activity on ticket failed:", err instanceof Error ? err.message : err);
  }
}

/** A repeated key: the same request gets the first one's outcome (waiting while it runs); another body is refused. */
async function answerRepeat(env: Env, ws: string, key: string, hash: string, who: AgentContext): Promise<ActionAnswer> {
  const db = dbFor(env, ws);
  for (let i = 0; i < REPEAT_POLLS; i++) {
    const row = await getLedgerRow(db, ws, key);
    if (!row) throw new HttpError(409, "action_in_progress", "The first attempt of this action is still being recorded; try again.");
    if (row.body_hash !== hash || row.agent_id !== who.agent.id)
      throw new HttpError(422, "idempotency_key_reused", `${IDEMPOTENCY_HEADER} ${key} was already used for a different request.`);
    const result = row.result_json ? (JSON.parse(row.result_json) as LedgerResult) : null;
    const action: OrderAction = toOrderAction(row);
    if (row.status === "done") return { status: 200, body: { action, ...(result?.response as object) } };
    if (row.status === "failed" && result?.error) throw new HttpError(result.error.status, result.error.code, result.error.message);
    if (row.status === "pending_approval") return { status: 202, body: { action } };
    if (row.status === "declined" || row.status === "failed") return { status: 200, body: { action } };
    if (await takeOverStale(db, ws, key, STALE_MS)) {
      const approver = row.decided_by ? { id: row.decided_by, name: row.decided_by_name ?? "" } : null;
      let plan: Plan;
      try {
        plan = await PLANNERS[row.kind].plan(
          { env, workspaceId: ws, key, prepared: result?.prepared, retry: true },
          row.order_id,
          JSON.parse(row.body_json) as never,
        );
      } catch (err) {
        await endPlanning(env, ws, row, err, approver);
        throw err;
      }
      return run(env, ws, row, plan, approver);
    }
    await scheduler.wait(REPEAT_POLL_MS);
  }
  throw new HttpError(409, "action_in_progress", "This action is still running; its outcome will show on the ticket.");
}
