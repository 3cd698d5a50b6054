// Order actions from a ticket: change a line's quantity, cancel an order — made in the store (Admin GraphQL API),
// then mirrored in D1; with a ticketId the change is noted in that ticket's thread.
import * as clock from "../clock";
import { CancelOrderBody, EditQuantityBody, type StoreOrder } from "../../../shared/schemas";
import { canCancel, canEditLine, canRefund } from "../../../shared/rules/order-actions";
import { needsApproval } from "../../../shared/rules/order-limits";
import { fromCents, toCents } from "../../../shared/rules/money";
import { IDEMPOTENCY_HEADER } from "../../../shared/schemas";
import { loadSettings } from "../db/settings";
import { audit } from "../db/audit-log";
import { claimAction } from "../db/order-actions";
import { answer, idempotencyKeyOf, performOrderAction } from "./order-action-runner";
import type { Env } from "../env";
import type { AgentContext } from "../http/auth";
import { agentRoute, type AppRouter } from "../http/agent-route";
import { HttpError, parseOr400, readJson } from "../http/errors";
import { markOrderCancelled } from "../db/orders";
import { cancelStoreOrder, setLineQuantity } from "../integrations/shopify-orders";
import { recordOrderActivity, storeOrder } from "../integrations/shopify-ingest";
import { legacyId } from "../integrations/shopify-map";
import { originOf, ticketStub, unwrap } from "./ticket-access";
import { orderIdParam, orderOr404, present, requireStore, storeWriteError, workspaceStore } from "./order-store";
import { dbFor, directory } from "../db/shards";
import { OrderCancelResponse, OrderEditResponse } from "../../../shared/schemas";
import { respond } from "../http/respond";

export function registerOrderActions(router: AppRouter) {
  router.post(
    "/api/orders/:id/edit-quantity",
    agentRoute(async (request, env, who) => {
      const body = parseOr400(EditQuantityBody, await readJson(request));
      const ws = who.workspace.id;
      const order = await orderOr404(env, ws, orderIdParam(request.params.id!));
      const { conn, shopDomain } = await workspaceStore(env, ws);
      const store = requireStore(conn);
      if (order.cancelledAt) throw new HttpError(409, "order_cancelled", `Order ${order.name} is cancelled; its lines can no longer be changed.`);
      const line = order.lineItems.find((li) => li.id === legacyId(body.lineItemId));
      if (!line) throw new HttpError(404, "not_found", `Order ${order.name} has no line item ${body.lineItemId}.`);
      if (line.quantity === body.quantity) throw new HttpError(400, "no_change", `“${line.title}” already has quantity ${body.quantity}.`);
      const editable = canEditLine(order, line);
      if (!editable.ok) throw new HttpError(409, "order_not_editable", editable.reason);
      const ticket = body.ticketId ? await ticketStub(env, who, body.ticketId) : null;

      const edited = await setLineQuantity(env, store, order, line, body).catch(storeWriteError);
      await storeOrder(env, ws, { ...edited, profileId: order.profileId }, null);
      const saved = await orderOr404(env, ws, order.id);
      const summary = `Changed “${line.title}” on order ${order.name} from ${line.quantity} to ${body.quantity}${body.notifyCustomer ? " (customer notified)" : ""}.`;
      const noted = await note(env, who, ticket, request, summary);
      await audit(dbFor(env, ws), ws, {
        actor: { id: who.agent.id, name: who.agent.name },
        action: "order.edit",
        target: order.name,
        summary,
        detail: { orderId: order.id },
      });
      return respond(OrderEditResponse, { order: present(shopDomain)(saved), source: "store", ...(ticket ? { noted } : {}) });
    }),
  );

  router.post(
    "/api/orders/:id/cancel",
    agentRoute(async (request, env, who) => {
      const body = parseOr400(CancelOrderBody, await readJson(request));
      const ws = who.workspace.id;
      const order = await orderOr404(env, ws, orderIdParam(request.params.id!));
      const { conn, shopDomain } = await workspaceStore(env, ws);
      const store = requireStore(conn);
      if (order.cancelledAt) throw new HttpError(409, "order_already_cancelled", `Order ${order.name} was already cancelled.`);
      const cancellable = canCancel(order);
      if (!cancellable.ok) throw new HttpError(409, "order_not_cancellable", cancellable.reason);
      const ticket = body.ticketId ? await ticketStub(env, who, body.ticketId) : null;
      // Cancelling with a refund gives money back: above the agent's refund limit it becomes a request (202).
      const refundCents = body.refund && canRefund(order).ok ? Math.max(0, toCents(order.totalPrice) - toCents(order.totalRefunded)) : null;
      const { settings } = await loadSettings(directory(env), ws);
      if (needsApproval(who.agent.role, settings.orders.limits, { kind: "cancel", amountCents: refundCents, percent: null })) {
        const key = request.headers.get(IDEMPOTENCY_HEADER) ? idempotencyKeyOf(request) : crypto.randomUUID();
        return answer(await performOrderAction(env, who, key, "cancel", order.id, body));
      }

      const { job } = await cancelStoreOrder(env, store, order, body).catch(storeWriteError);
      const at = clock.now();
      await markOrderCancelled(dbFor(env, ws), ws, order.id, at);
      const saved = await orderOr404(env, ws, order.id);
      if (saved.profileId) await recordOrderActivity(dbFor(env, ws), ws, saved.profileId, saved);
      const noted = await note(env, who, ticket, request, cancelNote(order, body));
      await recordDirectAction(env, who, {
        kind: "cancel",
        order,
        ticketId: body.ticketId ?? null,
        cents: refundCents,
        reason: body.reason,
        summary: cancelNote(order, body),
      });
      return respond(OrderCancelResponse, { order: present(shopDomain)(saved), job, source: "store", ...(ticket ? { noted } : {}) });
    }),
  );
}

/** A cancellation done at once still goes in the ledger (its refund counts in reports) and the audit log. */
async function recordDirectAction(
  env: Env,
  who: AgentContext,
  a: { kind: "cancel"; order: StoreOrder; ticketId: string | null; cents: number | null; reason: string; summary: string },
) {
  const ws = who.workspace.id;
  const id = crypto.randomUUID();
  await claimAction(
    dbFor(env, ws),
    ws,
    {
      id,
      kind: a.kind,
      order_id: a.order.id,
      order_name: a.order.name,
      ticket_id: a.ticketId,
      agent_id: who.agent.id,
      agent_name: who.agent.name,
      body_hash: "",
      body_json: "{}",
      status: "done",
      amount_cents: a.cents,
      currency: a.order.currency,
      reason: a.reason,
    },
    { summary: a.summary },
  );
  const amount = a.cents === null ? null : fromCents(a.cents);
  await audit(dbFor(env, ws), ws, {
    id,
    actor: { id: who.agent.id, name: who.agent.name },
    action: `order.${a.kind}`,
    target: a.order.name,
    summary: a.summary,
    detail: { actionId: id, amount },
  });
}

function cancelNote(order: StoreOrder, body: CancelOrderBody): string {
  const how = [
    body.refund ? "refunded" : "not refunded",
    body.restock ? "restocked" : "not restocked",
    body.notifyCustomer ? "customer notified" : "customer not notified",
  ];
  return `Cancelled order ${order.name} in the store (reason: ${body.reason}; ${how.join(", ")}).`;
}

/** An internal note on the ticket; the store change already happened, so a failure here is reported, not thrown. */
async function note(env: Env, who: AgentContext, ticket: Awaited<ReturnType<typeof ticketStub>> | null, request: Request, text: string) {
  if (!ticket) return false;
  try {
    unwrap(await ticket.postAgentMessage(who.workspace.id, { id: who.agent.id, name: who.agent.name }, { kind: "note", text }, originOf(env, request)));
    return true;
  } catch (err) {
    console.error("order note on ticket failed:", err instanceof Error ? err.message : err);
    return false;
  }
}
