// The plans of actions that give money away: refunds (prepared from Shopify's suggestion, kept for retries), discount
// codes, replacement orders, and cancellations with a refund.
import { canCancel, canRefund, canReplace } from "../../../shared/rules/order-actions";
import { toCents } from "../../../shared/rules/money";
import type { CancelOrderBody, StoreOrder } from "../../../shared/schemas";
import type { DiscountBody, RefundBody, ReplacementBody } from "../../../shared/schemas/order-actions";
import { HttpError } from "../http/errors";
import { getProfile } from "../db/profiles";
import { dbFor } from "../db/shards";
import { createDiscount, createReplacement, replacementCents } from "../integrations/shopify-compensation";
import { createRefund, prepareRefund, suggestRefund, type PreparedRefund } from "../integrations/shopify-refunds";
import type { StoreConnection } from "../integrations/shopify-admin";
import { recordOrderActivity } from "../integrations/shopify-ingest";
import { cancelStoreOrder } from "../integrations/shopify-orders";
import { markOrderCancelled } from "../db/orders";
import * as clock from "../clock";
import { orderOr404, requireStore, storeWriteError, workspaceStore } from "./order-store";
import { mirror, moneyParams, refuseUnless, storeAndOrder, type Plan, type PlanContext } from "./order-plan-kit";

export async function planRefund(ctx: PlanContext, orderId: string | null, body: RefundBody): Promise<Plan> {
  const { order, conn, show } = await storeAndOrder(ctx, orderId ?? "");
  // On a retry the first attempt may have refunded already: the store's idempotency key, not the state, decides.
  if (!ctx.retry) refuseUnless(canRefund(order), "order_not_refundable");
  const prepared = (ctx.prepared as PreparedRefund | undefined) ?? (await prepare(ctx, conn, order, body));
  const currency = prepared.currency;
  const money = moneyParams(prepared.amountCents, currency);
  return {
    kind: "refund",
    order,
    ticketId: body.ticketId ?? null,
    amountCents: prepared.amountCents,
    currency,
    percent: null,
    reason: body.reason,
    summary: `Refund of ${money.amount} on ${order.name}`,
    params: { kind: "refund", order: order.name, ...money },
    prepared,
    async execute() {
      const done = await createRefund(ctx.env, conn, prepared, ctx.key);
      return {
        order: await mirror(ctx, done.order, order.profileId, show),
        amountCents: done.refundedCents,
        activity: { key: "refunded", params: { order: order.name, reason: body.reason, ...moneyParams(done.refundedCents, currency) } },
      };
    },
  };
}

async function prepare(ctx: PlanContext, conn: StoreConnection, order: StoreOrder, body: RefundBody): Promise<PreparedRefund> {
  const suggestion = await suggestRefund(ctx.env, conn, order, body.plan, body.restock).catch(storeWriteError);
  const max = toCents(suggestion.preview.maximumRefundable);
  if (suggestion.amountCents > max)
    throw new HttpError(
      422,
      "amount_too_high",
      `At most ${suggestion.preview.maximumRefundable} ${suggestion.preview.currency} of ${order.name} can be refunded.`,
    );
  if (suggestion.amountCents === 0 && suggestion.preview.lines.length === 0)
    throw new HttpError(422, "nothing_to_refund", `Nothing chosen on ${order.name} can be refunded.`);
  try {
    return prepareRefund(order, body, suggestion);
  } catch (err) {
    return storeWriteError(err);
  }
}

async function shopCurrency(ctx: PlanContext, profileId: string | null): Promise<string> {
  const row = await dbFor(ctx.env, ctx.workspaceId)
    .prepare("SELECT currency FROM orders WHERE workspace_id = ?1 AND (?2 IS NULL OR profile_id = ?2) ORDER BY created_at DESC LIMIT 1")
    .bind(ctx.workspaceId, profileId)
    .first<{ currency: string }>();
  return row?.currency ?? "USD";
}

export async function planDiscount(ctx: PlanContext, _orderId: string | null, body: DiscountBody): Promise<Plan> {
  const { conn } = await workspaceStore(ctx.env, ctx.workspaceId);
  const store = requireStore(conn);
  const profile = body.profileId ? await getProfile(dbFor(ctx.env, ctx.workspaceId), ctx.workspaceId, body.profileId) : null;
  if (body.profileId && !profile) throw new HttpError(404, "not_found", "No such profile.");
  const currency = await shopCurrency(ctx, profile?.id ?? null);
  const fixed = body.kind === "fixed";
  const cents = fixed ? toCents(body.value) : null;
  const money = cents === null ? null : moneyParams(cents, currency);
  const value = money ? money.amount : `${body.value}%`;
  return {
    kind: "discount",
    order: null,
    ticketId: body.ticketId ?? null,
    amountCents: cents,
    currency,
    percent: fixed ? null : body.value,
    reason: body.reason,
    summary: `Discount code of ${value}`,
    params: { kind: "discount", ...(money ?? { percent: String(body.value) }), discount: value },
    async execute() {
      const discount = await createDiscount(ctx.env, store, body, profile?.storeCustomerId ?? null, currency, ctx.key);
      const shown = money ?? { percent: String(body.value) };
      return { discount, activity: { key: "discountCreated", params: { code: discount.code, discount: value, reason: body.reason, ...shown } } };
    },
  };
}

export async function planReplacement(ctx: PlanContext, orderId: string | null, body: ReplacementBody): Promise<Plan> {
  const { order, conn, show } = await storeAndOrder(ctx, orderId ?? "");
  refuseUnless(canReplace(order), "order_not_replaceable");
  for (const l of body.lines) {
    const line = order.lineItems.find((li) => li.id === l.lineItemId);
    if (!line) throw new HttpError(404, "not_found", `Order ${order.name} has no line item ${l.lineItemId}.`);
    if (l.quantity > Math.max(line.quantity, 1)) throw new HttpError(422, "quantity_too_high", `${order.name} has ${line.quantity} of “${line.title}”.`);
  }
  const cents = replacementCents(order, body);
  const money = moneyParams(cents, order.currency);
  return {
    kind: "replacement",
    order,
    ticketId: body.ticketId ?? null,
    amountCents: cents,
    currency: order.currency,
    percent: null,
    reason: body.reason,
    summary: `Replacement for ${order.name} worth ${money.amount}`,
    params: { kind: "replacement", order: order.name, ...money },
    async execute() {
      const placed = await createReplacement(ctx.env, conn, order, body, ctx.key);
      const replacement = await mirror(ctx, placed, order.profileId, show);
      return {
        order: show(order),
        replacement,
        activity: { key: "replacementCreated", params: { order: order.name, replacement: replacement.name, reason: body.reason, ...money } },
      };
    },
  };
}

/** Cancelling (with a refund, it gives back what is left of the payment: that amount counts against the refund limit). */
export async function planCancel(ctx: PlanContext, orderId: string | null, body: CancelOrderBody): Promise<Plan> {
  const { order, conn, show } = await storeAndOrder(ctx, orderId ?? "");
  // Cancelling has no store idempotency key: on a retry, an order already cancelled is the first attempt's work.
  const doneBefore = ctx.retry === true && order.cancelledAt !== null;
  if (!doneBefore) refuseUnless(canCancel(order), "order_not_cancellable");
  const paid = canRefund(order).ok || doneBefore;
  const cents = body.refund && paid ? Math.max(0, toCents(order.totalPrice) - toCents(order.totalRefunded)) : null;
  const money = cents === null ? null : moneyParams(cents, order.currency);
  return {
    kind: "cancel",
    order,
    ticketId: body.ticketId ?? null,
    amountCents: cents,
    currency: order.currency,
    percent: null,
    reason: body.staffNote ?? body.reason,
    summary: `Cancel ${order.name}${money ? ` and refund ${money.amount}` : ""}`,
    params: { kind: "cancel", order: order.name, ...(money ?? {}) },
    async execute() {
      if (!doneBefore) await cancelStoreOrder(ctx.env, conn, order, body);
      await markOrderCancelled(dbFor(ctx.env, ctx.workspaceId), ctx.workspaceId, order.id, clock.now());
      const saved = await orderOr404(ctx.env, ctx.workspaceId, order.id);
      if (saved.profileId) await recordOrderActivity(dbFor(ctx.env, ctx.workspaceId), ctx.workspaceId, saved.profileId, saved);
      return { order: show(saved), activity: { key: "orderCancelled", params: { order: order.name, reason: body.reason, ...(money ?? { amount: "—" }) } } };
    },
  };
}
