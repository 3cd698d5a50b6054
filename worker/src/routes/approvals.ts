// The approval queue (owners and admins) and one action's state (its requester or an approver), plus the audit log
// (owners). Approving runs the stored request as its requester asked it, recorded with the approver's name.
import { MyOrderLimits, OrderActionResponse } from "../../../shared/schemas";
import { ApprovalDecision, ApprovalList, AuditList } from "../../../shared/schemas/order-actions";
import { limitFor } from "../../../shared/rules/order-limits";
import { fromCents } from "../../../shared/rules/money";
import { agentRoute, type AppRouter } from "../http/agent-route";
import { forbidden, HttpError, notFound, parseOr400, readJson } from "../http/errors";
import { OWNER, OWNER_ADMIN, requireRole } from "../http/auth";
import { respond } from "../http/respond";
import { dbFor, directory } from "../db/shards";
import { loadSettings } from "../db/settings";
import { listAudit } from "../db/audit-log";
import { decideAction, getLedgerRow, ledgerResult, listActions, toOrderAction } from "../db/order-actions";
import { PLANNERS, type Plan } from "./order-action-plans";
import { announce, answer, endPlanning, rowParams, run } from "./order-action-runner";

const ACTION_ID = /^[A-Za-z0-9_-]{16,64}$/;

export function registerApprovalRoutes(router: AppRouter) {
  router.get(
    "/api/approvals",
    agentRoute(async (_request, env, who) => {
      requireRole(who, OWNER_ADMIN, "see approval requests");
      const rows = await listActions(dbFor(env, who.workspace.id), who.workspace.id, "pending_approval");
      return respond(ApprovalList, { approvals: rows.map(toOrderAction) });
    }),
  );

  // The caller's own limits, so the panel can say before confirming that an amount will need approval.
  router.get(
    "/api/order-limits",
    agentRoute(async (_request, env, who) => {
      const { settings } = await loadSettings(directory(env), who.workspace.id);
      const role = who.agent.role;
      const mine = role === "owner" || role === "analyst" ? { refund: null, discount: null, discountPercent: null } : settings.orders.limits[role];
      return respond(MyOrderLimits, { role, limits: mine });
    }),
  );

  router.get(
    "/api/order-actions/:id",
    agentRoute(async (request, env, who) => {
      const row = ACTION_ID.test(request.params.id!) ? await getLedgerRow(dbFor(env, who.workspace.id), who.workspace.id, request.params.id!) : null;
      if (!row || (row.agent_id !== who.agent.id && !OWNER_ADMIN.includes(who.agent.role))) throw notFound("order action");
      return respond(OrderActionResponse, { action: toOrderAction(row) });
    }),
  );

  router.post(
    "/api/approvals/:id/approve",
    agentRoute(async (request, env, who) => {
      requireRole(who, OWNER_ADMIN, "approve requests");
      const ws = who.workspace.id;
      const db = dbFor(env, ws);
      const pending = await pendingOr404(db, ws, request.params.id!);
      if (pending.agent_id === who.agent.id) throw forbidden("Another admin or the owner must approve your own request.");
      const { settings } = await loadSettings(directory(env), ws);
      const mine = limitFor(who.agent.role, settings.orders.limits, {
        kind: pending.kind,
        amountCents: pending.amount_cents,
        percent: toOrderAction(pending).percent,
      });
      const over = mine !== null && (toOrderAction(pending).percent ?? (pending.amount_cents ?? 0) / 100) > mine;
      if (over) throw forbidden(`This is above your own limit (${fromCents(Math.round(mine * 100))}); the owner must approve it.`);
      const row = await decideAction(db, ws, pending.id, "running", { id: who.agent.id, name: who.agent.name }, null);
      if (!row) throw new HttpError(409, "already_decided", "Someone already decided this request.");
      const approver = { id: who.agent.id, name: who.agent.name };
      let plan: Plan;
      try {
        plan = await PLANNERS[row.kind].plan(
          { env, workspaceId: ws, key: row.id, prepared: ledgerResult(row)?.prepared, retry: ledgerResult(row)?.uncertain === true },
          row.order_id,
          JSON.parse(row.body_json) as never,
        );
      } catch (err) {
        // The store out of reach: the request goes back to the queue. The order changed since (refunded meanwhile,
        // shipped…): the request ends refused, and says why.
        await endPlanning(env, ws, row, err, approver);
        throw err;
      }
      await announce(env, ws, row, plan, { key: "approvalApproved", who: row.agent_name, approver, auditAction: "approval.approved" });
      return answer(await run(env, ws, row, plan, approver));
    }),
  );

  router.post(
    "/api/approvals/:id/decline",
    agentRoute(async (request, env, who) => {
      requireRole(who, OWNER_ADMIN, "decline requests");
      const { reason } = parseOr400(ApprovalDecision, await readJson(request));
      const ws = who.workspace.id;
      const db = dbFor(env, ws);
      await pendingOr404(db, ws, request.params.id!);
      const approver = { id: who.agent.id, name: who.agent.name };
      const row = await decideAction(db, ws, request.params.id!, "declined", approver, reason ?? null);
      if (!row) throw new HttpError(409, "already_decided", "Someone already decided this request.");
      const summary = toOrderAction(row).summary;
      await announce(
        env,
        ws,
        row,
        { summary, params: rowParams(row) },
        { key: "approvalDeclined", who: row.agent_name, approver, reason: reason ?? "—", auditAction: "approval.declined" },
      );
      return respond(OrderActionResponse, { action: toOrderAction(row) });
    }),
  );

  router.get(
    "/api/audit",
    agentRoute(async (request, env, who) => {
      requireRole(who, OWNER, "read the audit log");
      const url = new URL(request.url);
      const cursor = url.searchParams.get("cursor");
      if (cursor !== null && !/^\d{1,15}$/.test(cursor)) throw new HttpError(400, "invalid_request", "cursor must be the nextCursor of an earlier page.");
      const limit = Math.min(200, Math.max(1, Number(url.searchParams.get("limit")) || 50));
      const page = await listAudit(dbFor(env, who.workspace.id), who.workspace.id, cursor === null ? null : Number(cursor), limit);
      return respond(AuditList, page);
    }),
  );
}

async function pendingOr404(db: D1Database, ws: string, id: string) {
  const row = ACTION_ID.test(id) ? await getLedgerRow(db, ws, id) : null;
  if (!row) throw notFound("approval request");
  if (row.status !== "pending_approval") throw new HttpError(409, "already_decided", `This request is already ${row.status.replace("_", " ")}.`);
  return row;
}
