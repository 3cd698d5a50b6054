// What each order action is before it runs: its order, the money it gives away (for limits, the ledger and reports),
// an English summary, and the one step that changes the store. The runner (order-action-runner.ts) decides whether
// it runs now or waits for an admin; an approved request is planned again from its stored body.
import type { ZodTypeAny } from "zod";
import { postcodeValidator, postcodeValidatorExistsForCountry } from "postcode-validator";
import type { ActivityKey } from "../../../shared/rules/activity";
import { canCancel, canChangeAddress, canRefund, canReplace, type Allowed } from "../../../shared/rules/order-actions";
import { fromCents, toCents } from "../../../shared/rules/money";
import { CancelOrderBody, type Discount, type MailingAddress, type OrderActionKind, type StoreOrder } from "../../../shared/schemas";
import { AddressBody, DiscountBody, OrderNoteBody, RefundBody, ReplacementBody } from "../../../shared/schemas/order-actions";
import type { Env } from "../env";
import { HttpError } from "../http/errors";
import { getProfile } from "../db/profiles";
import { dbFor } from "../db/shards";
import {
  createDiscount,
  createRefund,
  createReplacement,
  prepareRefund,
  replacementCents,
  suggestRefund,
  updateOrder,
  type PreparedRefund,
} from "../integrations/shopify-compensation";
import { readTimeout, type StoreConnection } from "../integrations/shopify-admin";
import { fetchStoreOrder } from "../integrations/shopify-orders";
import { recordOrderActivity, storeOrder } from "../integrations/shopify-ingest";
import { cancelStoreOrder } from "../integrations/shopify-orders";
import { markOrderCancelled } from "../db/orders";
import * as clock from "../clock";
import { orderOr404, present, requireStore, storeWriteError, workspaceStore } from "./order-store";

export interface PlanContext {
  env: Env;
  workspaceId: string;
  key: string;
  /** What an earlier attempt of this action prepared for the store (kept in the ledger), to resend unchanged. */
  prepared?: unknown;
  /** A retry after an attempt whose outcome is unknown (lost answer): the store may already have done it. */
  retry?: boolean;
}

export interface Executed {
  order?: StoreOrder;
  discount?: Discount;
  replacement?: StoreOrder;
  /** The activity line on the ticket (who is filled in by the runner). */
  activity: { key: ActivityKey; params: Record<string, string> };
  /** The money actually given, when the store says it differs from the plan. */
  amountCents?: number;
}

export interface Plan {
  kind: OrderActionKind;
  order: StoreOrder | null;
  ticketId: string | null;
  amountCents: number | null;
  currency: string | null;
  percent: number | null;
  reason: string | null;
  /** "Refund of $80.00 on #1001" — English; the panel renders its own from `params`. */
  summary: string;
  params: Record<string, string>;
  /** The store request as prepared now, kept with the action so a retry after a lost answer repeats it exactly. */
  prepared?: unknown;
  execute(): Promise<Executed>;
}

/** "$80.00" in English, with the raw value and currency kept for the panel to format in the agent's language. */
export function moneyParams(cents: number, currency: string) {
  const value = fromCents(cents);
  let amount: string;
  try {
    amount = new Intl.NumberFormat("en-US", { style: "currency", currency }).format(cents / 100);
  } catch {
    amount = `${value} ${currency}`;
  }
  return { amount, value, currency };
}

const refuseUnless = (allowed: Allowed, code: string) => {
  if (!allowed.ok) throw new HttpError(409, code, allowed.reason);
};

/** The order as the store has it now (mirrored in D1): what the action may do depends on its current state. */
async function storeAndOrder(ctx: PlanContext, orderId: string) {
  const known = await orderOr404(ctx.env, ctx.workspaceId, orderId);
  const { conn: maybe, shopDomain } = await workspaceStore(ctx.env, ctx.workspaceId);
  const conn = requireStore(maybe);
  const live = await fetchStoreOrder(ctx.env, conn, known.id, { timeoutMs: readTimeout(ctx.env) * 2 }).catch(storeWriteError);
  if (!live) throw new HttpError(404, "not_found", `The store no longer has order ${known.name}.`);
  await storeOrder(ctx.env, ctx.workspaceId, { ...live, profileId: known.profileId }, null);
  return { order: { ...live, profileId: known.profileId }, conn, show: present(shopDomain) };
}

/** Mirrors the store's answer in D1 and reads it back as the API presents it. */
async function mirror(ctx: PlanContext, order: StoreOrder, profileId: string | null, show: (o: StoreOrder) => StoreOrder) {
  await storeOrder(ctx.env, ctx.workspaceId, { ...order, profileId: order.profileId ?? profileId }, null);
  return show(await orderOr404(ctx.env, ctx.workspaceId, order.id));
}

export const PLANNERS: Record<OrderActionKind, { body: ZodTypeAny; plan: (ctx: PlanContext, orderId: string | null, body: never) => Promise<Plan> }> = {
  refund: { body: RefundBody, plan: planRefund },
  discount: { body: DiscountBody, plan: planDiscount },
  address: { body: AddressBody, plan: planAddress },
  note: { body: OrderNoteBody, plan: planNote },
  replacement: { body: ReplacementBody, plan: planReplacement },
  cancel: { body: CancelOrderBody, plan: planCancel },
};

async function planRefund(ctx: PlanContext, orderId: string | null, body: RefundBody): Promise<Plan> {
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

async function planDiscount(ctx: PlanContext, _orderId: string | null, body: DiscountBody): Promise<Plan> {
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

/** One line, as on a parcel: "1 Wall St, New York NY 10005, US". */
export const addressLine = (a: MailingAddress) =>
  [a.address1, a.address2, [a.city, a.provinceCode ?? a.province, a.zip].filter(Boolean).join(" "), a.countryCode].filter(Boolean).join(", ");

function checkPostcode(a: MailingAddress) {
  if (!postcodeValidatorExistsForCountry(a.countryCode)) return;
  if (!a.zip || !postcodeValidator(a.zip, a.countryCode))
    throw new HttpError(400, "invalid_request", `Invalid request body: address.zip is not a postal code of ${a.countryCode}.`, [
      { path: "address.zip", message: `not a postal code of ${a.countryCode}` },
    ]);
}

async function planAddress(ctx: PlanContext, orderId: string | null, body: AddressBody): Promise<Plan> {
  checkPostcode(body.address);
  const { order, conn, show } = await storeAndOrder(ctx, orderId ?? "");
  refuseUnless(canChangeAddress(order), "order_not_editable");
  const line = addressLine(body.address);
  return {
    kind: "address",
    order,
    ticketId: body.ticketId ?? null,
    amountCents: null,
    currency: null,
    percent: null,
    reason: null,
    summary: `Shipping address of ${order.name} changed to ${line}`,
    params: { kind: "address", order: order.name },
    async execute() {
      const updated = await updateOrder(ctx.env, conn, order, { shippingAddress: body.address });
      return { order: await mirror(ctx, updated, order.profileId, show), activity: { key: "addressChanged", params: { order: order.name, address: line } } };
    },
  };
}

async function planNote(ctx: PlanContext, orderId: string | null, body: OrderNoteBody): Promise<Plan> {
  const { order, conn, show } = await storeAndOrder(ctx, orderId ?? "");
  const removed = new Set(body.removeTags.map((t) => t.toLowerCase()));
  const tags = [...new Set([...order.tags.filter((t) => !removed.has(t.toLowerCase())), ...body.addTags])];
  return {
    kind: "note",
    order,
    ticketId: body.ticketId ?? null,
    amountCents: null,
    currency: null,
    percent: null,
    reason: null,
    summary: `Note and tags of ${order.name} updated`,
    params: { kind: "note", order: order.name },
    async execute() {
      const updated = await updateOrder(ctx.env, conn, order, { ...(body.note !== undefined ? { note: body.note } : {}), tags });
      return { order: await mirror(ctx, updated, order.profileId, show), activity: { key: "orderNoteChanged", params: { order: order.name } } };
    },
  };
}

async function planReplacement(ctx: PlanContext, orderId: string | null, body: ReplacementBody): Promise<Plan> {
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
async function planCancel(ctx: PlanContext, orderId: string | null, body: CancelOrderBody): Promise<Plan> {
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
