// Which order actions Shopify accepts for an order's state, and why not otherwise. The panel offers only these (with
// the reason shown for the rest); the routes refuse the same cases before calling the store.
import type { OrderLineItem, StoreOrder } from "../schemas";

export type Allowed = { ok: true } | { ok: false; reason: string };
const yes: Allowed = { ok: true };
const no = (reason: string): Allowed => ({ ok: false, reason });

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
  if (o.cancelledAt) return no(`${o.name} is already cancelled.`);
  if (shipped(o)) return no(`Items of ${o.name} have shipped: cancel the fulfilments in Shopify first.`);
  return yes;
}

/** Editing quantities: an open order with something left to ship, not refunded or voided. */
export function canEdit(o: OrderState): Allowed {
  if (o.cancelledAt) return no(`${o.name} is cancelled.`);
  if (status(o) === "refunded" || status(o) === "voided") return no(`${o.name} was ${status(o)}; there is nothing left to change.`);
  if (allShipped(o)) return no(`Everything on ${o.name} has shipped.`);
  return yes;
}

/** One line's quantity: only what has not shipped can change (never below the fulfilled quantity). */
export function canEditLine(o: OrderState, line: Pick<OrderLineItem, "quantity" | "fulfilledQuantity" | "title">): Allowed {
  const order = canEdit(o);
  if (!order.ok) return order;
  if (line.fulfilledQuantity >= line.quantity && line.quantity > 0) return no(`“${line.title}” has shipped.`);
  return yes;
}
