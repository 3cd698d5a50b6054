// Refunds against the live store: Shopify's suggestion for a plan (suggestedRefund), the refundCreate input prepared
// from it (kept with the action, so a retry resends it unchanged), and refundCreate with the @idempotent key.
import type { StoreOrder } from "../../../shared/schemas";
import type { RefundPlan, RefundPreview } from "../../../shared/schemas/order-actions";
import { fromCents, toCents } from "../../../shared/rules/money";
import type { Env } from "../env";
import { adminCall, type StoreConnection } from "./shopify-admin";
import { fromGqlOrder } from "./shopify-map";
import { refuseIf, StoreRefused } from "./shopify-orders";
import { REFUND_CREATE, RefundCreateAnswer, SUGGESTED_REFUND, SuggestedRefundAnswer, type GqlSuggestedRefund } from "./shopify-action-queries";

/** Restock by what the units are: unshipped ones are cancelled back to stock, shipped ones returned. */
function restockType(line: StoreOrder["lineItems"][number], quantity: number, restock: boolean) {
  if (!restock || !line.restockable) return "NO_RESTOCK";
  if (quantity <= line.quantity - line.fulfilledQuantity) return "CANCEL";
  return quantity <= line.fulfilledQuantity ? "RETURN" : "NO_RESTOCK";
}

function refundLines(order: StoreOrder, plan: RefundPlan, restock: boolean) {
  const wanted = plan.full ? order.lineItems.filter((li) => li.quantity > 0).map((li) => ({ lineItemId: li.id, quantity: li.quantity })) : plan.lines;
  return wanted.map((w) => {
    const line = order.lineItems.find((li) => li.id === w.lineItemId || li.adminGraphqlId === w.lineItemId);
    if (!line) throw new StoreRefused([{ field: ["lineItemId"], message: `Order ${order.name} has no line item ${w.lineItemId}.` }]);
    return { lineItemId: line.adminGraphqlId, quantity: w.quantity, restockType: restockType(line, w.quantity, restock) };
  });
}

export interface Suggestion {
  preview: RefundPreview;
  raw: GqlSuggestedRefund;
  /** The payment a refund goes back to: the store's suggestion's, else the order's successful sale or capture. */
  parent: { id: string; gateway: string } | null;
  /** What would actually be refunded: the custom amount when given, else the store's suggestion. */
  amountCents: number;
}

export async function suggestRefund(
  env: Env,
  conn: StoreConnection,
  order: StoreOrder,
  plan: RefundPlan,
  restock = true,
  timeoutMs?: number,
): Promise<Suggestion> {
  const answer = await adminCall(
    env,
    conn,
    SUGGESTED_REFUND,
    {
      id: order.adminGraphqlId,
      refundLineItems: refundLines(order, plan, restock),
      refundShipping: plan.full || plan.shipping,
      suggestFullRefund: plan.full,
    },
    SuggestedRefundAnswer,
    timeoutMs ? { timeoutMs } : {},
  );
  const s = answer.order?.suggestedRefund;
  if (!s) throw new StoreRefused([{ field: ["id"], message: `The store has no order ${order.name}.` }]);
  const max = toCents(s.maximumRefundableSet.shopMoney.amount);
  const amountCents = plan.amount !== undefined ? toCents(plan.amount) : toCents(s.amountSet.shopMoney.amount);
  const preview: RefundPreview = {
    currency: s.amountSet.shopMoney.currencyCode,
    amount: fromCents(amountCents),
    subtotal: s.subtotalSet.shopMoney.amount,
    tax: s.totalTaxSet.shopMoney.amount,
    shipping: s.shipping.amountSet.shopMoney.amount,
    maximumRefundable: fromCents(max),
    shippingRefundable: s.shipping.maximumRefundableSet.shopMoney.amount,
    lines: s.refundLineItems.map((l) => ({
      lineItemId: l.lineItem.id.replace(/^.*\//, ""),
      title: l.lineItem.title,
      quantity: l.quantity,
      restockType: l.restockType.toLowerCase(),
      subtotal: l.subtotalSet.shopMoney.amount,
    })),
  };
  const suggested = s.suggestedTransactions.find((t) => t.parentTransaction);
  const paid = answer.order?.transactions.find((t) => (t.kind === "SALE" || t.kind === "CAPTURE") && t.status === "SUCCESS");
  const parent = suggested?.parentTransaction
    ? { id: suggested.parentTransaction.id, gateway: suggested.gateway }
    : paid
      ? { id: paid.id, gateway: paid.gateway }
      : null;
  return { preview, raw: s, amountCents, parent };
}

/** The refundCreate input for a plan, from the store's suggestion: kept with the action so a retry sends it unchanged. */
export interface PreparedRefund {
  input: Record<string, unknown>;
  amountCents: number;
  currency: string;
}

export function prepareRefund(
  order: StoreOrder,
  body: { plan: RefundPlan; restock: boolean; notifyCustomer: boolean; reason: string },
  suggestion: Suggestion,
): PreparedRefund {
  const parent = suggestion.parent;
  if (suggestion.amountCents > 0 && !parent) throw new StoreRefused([{ message: `${order.name} has no payment to refund.` }]);
  const transactions =
    suggestion.amountCents > 0 && parent
      ? [{ orderId: order.adminGraphqlId, parentId: parent.id, gateway: parent.gateway, kind: "REFUND", amount: fromCents(suggestion.amountCents) }]
      : [];
  return {
    input: {
      orderId: order.adminGraphqlId,
      note: body.reason.slice(0, 255),
      notify: body.notifyCustomer,
      refundLineItems: refundLines(order, body.plan, body.restock),
      ...(body.plan.full || body.plan.shipping ? { shipping: { fullRefund: true } } : {}),
      transactions,
    },
    amountCents: suggestion.amountCents,
    currency: suggestion.preview.currency,
  };
}

export async function createRefund(
  env: Env,
  conn: StoreConnection,
  prepared: PreparedRefund,
  idempotencyKey: string,
): Promise<{ order: StoreOrder; refundedCents: number }> {
  const answer = (await adminCall(env, conn, REFUND_CREATE, { input: prepared.input, idempotencyKey }, RefundCreateAnswer)).refundCreate;
  refuseIf(answer.userErrors);
  if (!answer.order || !answer.refund) throw new StoreRefused([{ message: "The store did not return the refund." }]);
  return { order: fromGqlOrder(answer.order, conn.countryCode), refundedCents: toCents(answer.refund.totalRefundedSet.shopMoney.amount) };
}
