// Which order actions Shopify accepts for an order's state, and why not otherwise. The panel offers only these (with
// the reason shown for the rest, translated from `code`); the routes refuse the same cases (English `reason`) before
// calling the store.
import type { OrderLineItem, StoreOrder } from "../schemas";

/** Why an action is refused, for the panel's message catalogue (`orders.unavailable.<code>`). */
export type RefusalCode =
  | "alreadyCancelled"
  | "fulfilmentsShipped"
  | "cancelled"
  | "refunded"
  | "voided"
  | "allShipped"
  | "lineShipped"
  | "notPaid"
  | "addressShipped";
/** A refusal: its code and what the message names (`order`, and `line` for one line), plus the English sentence. */
export type Refusal = { ok: false; code: RefusalCode; order: string; line?: string; reason: string };
export type Allowed = { ok: true } | Refusal;
const yes: Allowed = { ok: true };
const no = (code: RefusalCode, order: string, reason: string, line?: string): Refusal => ({
  ok: false,
  code,
  order,
  ...(line === undefined ? {} : { line }),
  reason,
});

type OrderState = Pick<StoreOrder, "name" | "cancelledAt" | "financialStatus" | "fulfillmentStatus"> & {
  lineItems: Pick<OrderLineItem, "quantity" | "fulfilledQuantity" | "title">[];
};

const shipped = (o: OrderState) =>
  o.lineItems.some((li) => li.fulfilledQuantity > 0) || o.fulfillmentStatus === "fulfilled" || o.fulfillmentStatus === "partial";
const allShipped = (o: OrderState) =>
  o.fulfillmentStatus === "fulfilled" || (o.lineItems.length > 0 && o.lineItems.every((li) => li.fulfilledQuantity >= li.quantity));
const status = (o: OrderState) => (o.financialStatus ?? "").toLowerCase();

/** Cancelling: not twice, and not once anything has shipped (Shopify wants the fulfilments cancelled first). */
export function canCancel(o: OrderState): Allowed {
  if (o.cancelledAt) return no("alreadyCancelled", o.name, `${o.name} is already cancelled.`);
  if (shipped(o)) return no("fulfilmentsShipped", o.name, `Items of ${o.name} have shipped: cancel the fulfilments in Shopify first.`);
  return yes;
}

/** Editing quantities: an open order with something left to ship, not refunded or voided. */
export function canEdit(o: OrderState): Allowed {
  if (o.cancelledAt) return no("cancelled", o.name, `${o.name} is cancelled.`);
  const s = status(o);
  if (s === "refunded" || s === "voided") return no(s, o.name, `${o.name} was ${s}; there is nothing left to change.`);
  if (allShipped(o)) return no("allShipped", o.name, `Everything on ${o.name} has shipped.`);
  return yes;
}

/** One line's quantity: only what has not shipped can change (never below the fulfilled quantity). */
export function canEditLine(o: OrderState, line: Pick<OrderLineItem, "quantity" | "fulfilledQuantity" | "title">): Allowed {
  const order = canEdit(o);
  if (!order.ok) return order;
  if (line.fulfilledQuantity >= line.quantity && line.quantity > 0) return no("lineShipped", o.name, `“${line.title}” has shipped.`, line.title);
  return yes;
}

/** Refunding: only money that was taken and is not all given back yet. */
export function canRefund(o: OrderState): Allowed {
  const s = status(o);
  if (s === "refunded" || s === "voided") return no(s, o.name, `${o.name} was ${s}; there is nothing left to refund.`);
  if (!["paid", "partially_paid", "partially_refunded"].includes(s))
    return no("notPaid", o.name, `${o.name} is not paid (${s || "no payment"}); nothing can be refunded.`);
  return yes;
}

/** The shipping address: only while nothing has shipped, and not on a cancelled order. */
export function canChangeAddress(o: OrderState): Allowed {
  if (o.cancelledAt) return no("cancelled", o.name, `${o.name} is cancelled.`);
  if (shipped(o)) return no("addressShipped", o.name, `Items of ${o.name} have shipped; the address can no longer change.`);
  return yes;
}

/** A replacement: for any order that was not cancelled (it copies lines to a new order). */
export function canReplace(o: OrderState): Allowed {
  if (o.cancelledAt) return no("cancelled", o.name, `${o.name} is cancelled.`);
  return yes;
}
