// The fake store's refunds, with Shopify's rules: suggestedRefund computes what may be refunded; refundCreate needs
// the @idempotent directive (mandatory since 2026-04) and answers a repeated key with the first result; quantities
// only up to what is refundable, restocking only restockable lines (CANCEL for unshipped, RETURN for shipped units),
// shipping only up to what is left of it, money only up to what was paid and not yet refunded.
import * as clock from "../clock";
import type { StoreOrder } from "../../../shared/schemas";
import { fromCents, toCents } from "../../../shared/rules/money";
import { gid, legacyId, toGqlOrder } from "./shopify-map";
import type { FakeShopData } from "./shopify-fake-ops";
import type { UserError } from "./shopify-queries";

export interface RefundLineInput {
  lineItemId: string;
  quantity: number;
  restockType?: "NO_RESTOCK" | "CANCEL" | "RETURN" | null;
}
export interface SuggestedRefundVars {
  id: string;
  refundLineItems?: RefundLineInput[] | null;
  refundShipping?: boolean | null;
  shippingAmount?: string | null;
  suggestFullRefund?: boolean | null;
}
export interface RefundVars {
  input: {
    orderId: string;
    note?: string | null;
    notify?: boolean | null;
    refundLineItems?: RefundLineInput[] | null;
    shipping?: { amount?: string | null; fullRefund?: boolean | null } | null;
    transactions?: { orderId: string; parentId: string; gateway: string; kind: string; amount: string }[] | null;
  };
  idempotencyKey?: string;
}

/** What the fake remembers of an order's refunds besides the order itself. */
interface RefundLedger {
  shippingRefundedCents: number;
}
const ledger = async (data: FakeShopData, orderId: string) =>
  ((await data.records.get("refunds", orderId)) as RefundLedger | null) ?? { shippingRefundedCents: 0 };
const money = (cents: number, currencyCode: string) => ({ shopMoney: { amount: fromCents(cents), currencyCode } });
const paidStatuses = new Set(["paid", "partially_paid", "partially_refunded"]);
/** The order's one sale transaction, as the refund's parent. */
export const saleTransactionId = (o: StoreOrder) => gid("OrderTransaction", `${o.id}1`);

function paidCents(o: StoreOrder) {
  return paidStatuses.has(o.financialStatus ?? "") || o.financialStatus === "refunded" ? toCents(o.totalPrice) : 0;
}
const refundableCents = (o: StoreOrder) => Math.max(0, paidCents(o) - toCents(o.totalRefunded));

interface Computed {
  lines: { line: StoreOrder["lineItems"][number]; quantity: number; restockType: string; subtotalCents: number }[];
  shippingCents: number;
  shippingMaxCents: number;
  errors: UserError[];
}

async function compute(
  data: FakeShopData,
  o: StoreOrder,
  items: RefundLineInput[],
  shipping: { amount?: string | null; full?: boolean | null },
): Promise<Computed> {
  const errors: UserError[] = [];
  const lines: Computed["lines"] = [];
  for (const [i, item] of items.entries()) {
    const line = o.lineItems.find((li) => li.id === legacyId(item.lineItemId));
    const field = ["refundLineItems", String(i)];
    if (!line) {
      errors.push({ field: [...field, "lineItemId"], message: "Line item does not exist." });
      continue;
    }
    if (item.quantity < 1 || item.quantity > line.quantity) {
      errors.push({
        field: [...field, "quantity"],
        message: `Quantity cannot refund more items than were purchased (${line.quantity} refundable of ${line.title}).`,
      });
      continue;
    }
    const restockType = item.restockType ?? "NO_RESTOCK";
    const unshipped = line.quantity - line.fulfilledQuantity;
    if (restockType !== "NO_RESTOCK" && !line.restockable) errors.push({ field: [...field, "restockType"], message: `${line.title} cannot be restocked.` });
    else if (restockType === "CANCEL" && item.quantity > unshipped)
      errors.push({ field: [...field, "restockType"], message: `Only unfulfilled items can be restocked with CANCEL (${unshipped} of ${line.title}).` });
    else if (restockType === "RETURN" && item.quantity > line.fulfilledQuantity)
      errors.push({
        field: [...field, "restockType"],
        message: `Only fulfilled items can be restocked with RETURN (${line.fulfilledQuantity} of ${line.title}).`,
      });
    lines.push({ line, quantity: item.quantity, restockType, subtotalCents: item.quantity * toCents(line.price) });
  }
  const shippingMaxCents = Math.max(0, toCents(o.shippingPrice) - (await ledger(data, o.id)).shippingRefundedCents);
  const shippingCents = shipping.full ? shippingMaxCents : shipping.amount ? toCents(shipping.amount) : 0;
  if (shippingCents > shippingMaxCents)
    errors.push({ field: ["shipping", "amount"], message: `Shipping refund cannot exceed ${fromCents(shippingMaxCents)}.` });
  return { lines, shippingCents, shippingMaxCents, errors };
}

export async function suggestedRefundOp(data: FakeShopData, v: SuggestedRefundVars) {
  const o = await data.get(legacyId(v.id));
  if (!o) return { order: null };
  const items = v.suggestFullRefund
    ? o.lineItems.filter((li) => li.quantity > 0).map((li) => ({ lineItemId: li.id, quantity: li.quantity }))
    : (v.refundLineItems ?? []);
  const c = await compute(data, o, items, { amount: v.shippingAmount, full: v.refundShipping || v.suggestFullRefund });
  const ok = c.lines; // the store's suggestion ignores lines it cannot refund
  const subtotal = ok.reduce((sum, l) => sum + l.subtotalCents, 0);
  const max = refundableCents(o);
  const amount = Math.min(max, subtotal + Math.min(c.shippingCents, c.shippingMaxCents));
  const cur = o.currency;
  return {
    order: {
      id: o.adminGraphqlId,
      transactions: paidCents(o) > 0 ? [{ id: saleTransactionId(o), kind: "SALE", status: "SUCCESS", gateway: "shopify_payments" }] : [],
      suggestedRefund: {
        amountSet: money(amount, cur),
        subtotalSet: money(subtotal, cur),
        totalTaxSet: money(0, cur),
        maximumRefundableSet: money(max, cur),
        shipping: { amountSet: money(Math.min(c.shippingCents, c.shippingMaxCents), cur), maximumRefundableSet: money(c.shippingMaxCents, cur) },
        refundLineItems: ok.map((l) => ({
          lineItem: { id: l.line.adminGraphqlId, title: l.line.title },
          quantity: l.quantity,
          restockType: l.restockType,
          subtotalSet: money(l.subtotalCents, cur),
        })),
        suggestedTransactions:
          amount > 0
            ? [{ gateway: "shopify_payments", kind: "SUGGESTED_REFUND", parentTransaction: { id: saleTransactionId(o) }, amountSet: money(amount, cur) }]
            : [],
      },
    },
  };
}

/** Refunds in flight by idempotency key: a concurrent duplicate waits for the first and gets its answer. */
const inFlight = new Map<string, Promise<unknown>>();

export async function refundCreateOp(data: FakeShopData, v: RefundVars): Promise<unknown> {
  const key = v.idempotencyKey;
  if (!key) return { __graphqlError: "The @idempotent directive is required for the refundCreate mutation." };
  const input = JSON.stringify(v.input);
  const running = inFlight.get(key);
  if (running) return running;
  const work = (async () => {
    const seen = (await data.records.get("idempotency", key)) as { input: string; answer: unknown } | null;
    if (seen) {
      if (seen.input !== input) return { __graphqlError: "The idempotency key was already used with different parameters." };
      return seen.answer;
    }
    const answer = await createRefund(data, v.input);
    if (!("userErrors" in answer.refundCreate) || answer.refundCreate.userErrors.length === 0) await data.records.put("idempotency", key, { input, answer });
    return answer;
  })();
  inFlight.set(key, work);
  try {
    return await work;
  } finally {
    inFlight.delete(key);
  }
}

async function createRefund(data: FakeShopData, input: RefundVars["input"]) {
  const refuse = (...userErrors: UserError[]) => ({ refundCreate: { refund: null, order: null, userErrors } });
  const o = await data.get(legacyId(input.orderId));
  if (!o) return refuse({ field: ["orderId"], message: "Order does not exist." });
  const c = await compute(data, o, input.refundLineItems ?? [], { amount: input.shipping?.amount, full: input.shipping?.fullRefund });
  if (c.errors.length) return refuse(...c.errors);
  const transactions = input.transactions ?? [];
  for (const t of transactions) {
    if (t.kind !== "REFUND") return refuse({ field: ["transactions", "kind"], message: "Transaction kind must be REFUND." });
    if (t.parentId !== saleTransactionId(o))
      return refuse({ field: ["transactions", "parentId"], message: "Parent transaction does not exist on this order." });
  }
  const moneyCents = transactions.reduce((sum, t) => sum + toCents(t.amount), 0);
  const max = refundableCents(o);
  if (moneyCents > max)
    return refuse({ field: ["transactions", "amount"], message: `Refund amount ${fromCents(moneyCents)} exceeds the refundable amount ${fromCents(max)}.` });
  if (moneyCents === 0 && c.lines.length === 0) return refuse({ field: ["refundLineItems"], message: "Refund needs line items, shipping or an amount." });

  const refunded = toCents(o.totalRefunded) + moneyCents;
  const lineItems = o.lineItems.map((li) => {
    const r = c.lines.find((l) => l.line.id === li.id);
    if (!r) return li;
    const quantity = li.quantity - r.quantity;
    return { ...li, quantity, fulfilledQuantity: Math.min(li.fulfilledQuantity, quantity) };
  });
  const now = new Date(Math.max(clock.now(), Date.parse(o.updatedAt) + 1000)).toISOString();
  const next: StoreOrder = {
    ...o,
    lineItems,
    totalRefunded: fromCents(refunded),
    financialStatus: moneyCents === 0 ? o.financialStatus : refunded >= paidCents(o) ? "refunded" : "partially_refunded",
    updatedAt: now,
  };
  await data.save(next);
  const l = await ledger(data, o.id);
  await data.records.put("refunds", o.id, { shippingRefundedCents: l.shippingRefundedCents + c.shippingCents });
  const refundId = gid("Refund", String(Date.parse(now)));
  return {
    refundCreate: { refund: { id: refundId, createdAt: now, totalRefundedSet: money(moneyCents, o.currency) }, order: toGqlOrder(next), userErrors: [] },
  };
}
