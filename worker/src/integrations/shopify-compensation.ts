// Order actions against the live store besides refunds (shopify-refunds.ts): discount codes, order updates (shipping
// address, note, tags) and replacement draft orders. Each one is safe to repeat with the same key: a discount's code and
// a draft's tag derive from the key, so a repeat finds what the first attempt made instead of making a second.
import * as clock from "../clock";
import type { Discount, MailingAddress, StoreOrder } from "../../../shared/schemas";
import type { DiscountBody, ReplacementBody } from "../../../shared/schemas/order-actions";
import { toCents } from "../../../shared/rules/money";
import type { Env } from "../env";
import { adminCall, type StoreConnection } from "./shopify-admin";
import { fromGqlOrder, gid } from "./shopify-map";
import { refuseIf, StoreRefused } from "./shopify-orders";
import {
  DISCOUNT_BY_CODE,
  DISCOUNT_CREATE,
  DiscountByCodeAnswer,
  DiscountCreateAnswer,
  DRAFT_ORDER_COMPLETE,
  DRAFT_ORDER_CREATE,
  DRAFT_ORDERS_BY_TAG,
  DraftOrderCompleteAnswer,
  DraftOrderCreateAnswer,
  DraftOrdersAnswer,
  type GqlCodeDiscountNode,
  ORDER_UPDATE,
  OrderUpdateAnswer,
} from "./shopify-action-queries";

/** A customer-facing code from the action's key: the same key always names the same code. */
export async function discountCode(idempotencyKey: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(idempotencyKey)));
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"; // no 0/O or 1/I: read aloud and typed by customers
  return `GIFT-${[...digest.slice(0, 8)].map((b) => alphabet[b % 32]).join("")}`;
}

function toDiscount(node: GqlCodeDiscountNode, currency: string): Discount {
  const d = node.codeDiscount;
  const value = d.customerGets.value;
  return {
    id: node.id,
    code: d.codes.nodes[0]?.code ?? "",
    kind: "percentage" in value ? "percentage" : "fixed",
    value: "percentage" in value ? Math.round(value.percentage * 10_000) / 100 : Number(value.amount.amount),
    currency: "percentage" in value ? currency : value.amount.currencyCode,
    expiresAt: d.endsAt,
    usageLimit: d.usageLimit,
  };
}

export async function createDiscount(
  env: Env,
  conn: StoreConnection,
  body: Pick<DiscountBody, "kind" | "value" | "expiresAt" | "reason">,
  customerId: string | null,
  currency: string,
  idempotencyKey: string,
): Promise<Discount> {
  const code = await discountCode(idempotencyKey);
  const answer = (
    await adminCall(
      env,
      conn,
      DISCOUNT_CREATE,
      {
        basicCodeDiscount: {
          title: `${code} — ${body.reason}`.slice(0, 255),
          code,
          startsAt: new Date(clock.now()).toISOString(),
          endsAt: body.expiresAt ?? null,
          usageLimit: 1,
          appliesOncePerCustomer: true,
          context: customerId ? { customers: { add: [gid("Customer", customerId)] } } : { all: "ALL" },
          customerGets: {
            value:
              body.kind === "percentage" ? { percentage: body.value / 100 } : { discountAmount: { amount: body.value.toFixed(2), appliesOnEachItem: false } },
            items: { all: true },
          },
        },
      },
      DiscountCreateAnswer,
    )
  ).discountCodeBasicCreate;
  if (answer.userErrors.some((e) => e.code === "TAKEN")) {
    // Our own earlier attempt made it (the code comes from this key): answer with that one.
    const existing = (await adminCall(env, conn, DISCOUNT_BY_CODE, { code }, DiscountByCodeAnswer)).codeDiscountNodeByCode;
    if (existing) return toDiscount(existing, currency);
  }
  refuseIf(answer.userErrors);
  if (!answer.codeDiscountNode) throw new StoreRefused([{ message: "The store did not return the discount." }]);
  return toDiscount(answer.codeDiscountNode, currency);
}

export function addressInput(a: MailingAddress) {
  const [first, ...rest] = (a.name ?? "").trim().split(/\s+/);
  return {
    firstName: first || null,
    lastName: rest.join(" ") || null,
    address1: a.address1,
    address2: a.address2,
    city: a.city,
    provinceCode: a.provinceCode,
    zip: a.zip,
    countryCode: a.countryCode,
    phone: a.phone,
  };
}

export async function updateOrder(
  env: Env,
  conn: StoreConnection,
  order: StoreOrder,
  change: { shippingAddress?: MailingAddress; note?: string | null; tags?: string[] },
): Promise<StoreOrder> {
  const input = {
    id: order.adminGraphqlId,
    ...(change.shippingAddress ? { shippingAddress: addressInput(change.shippingAddress) } : {}),
    ...(change.note !== undefined ? { note: change.note } : {}),
    ...(change.tags ? { tags: change.tags } : {}),
  };
  const answer = (await adminCall(env, conn, ORDER_UPDATE, { input }, OrderUpdateAnswer)).orderUpdate;
  refuseIf(answer.userErrors);
  if (!answer.order) throw new StoreRefused([{ message: "The store did not return the order." }]);
  return fromGqlOrder(answer.order, conn.countryCode);
}

/** The value of a replacement: its lines at their price, less the discount the customer gets. */
export function replacementCents(order: StoreOrder, body: Pick<ReplacementBody, "lines" | "discountPercent">): number {
  const subtotal = body.lines.reduce((sum, l) => {
    const line = order.lineItems.find((li) => li.id === l.lineItemId);
    return sum + (line ? l.quantity * toCents(line.price) : 0);
  }, 0);
  return Math.round((subtotal * body.discountPercent) / 100);
}

export async function createReplacement(
  env: Env,
  conn: StoreConnection,
  order: StoreOrder,
  body: ReplacementBody,
  idempotencyKey: string,
): Promise<StoreOrder> {
  const tag = `sidedesk-${idempotencyKey}`;
  let draft = (await adminCall(env, conn, DRAFT_ORDERS_BY_TAG, { query: `tag:'${tag}'` }, DraftOrdersAnswer)).draftOrders.nodes[0] ?? null;
  if (!draft) {
    const lineItems = body.lines.map((l) => {
      const line = order.lineItems.find((li) => li.id === l.lineItemId);
      if (!line) throw new StoreRefused([{ field: ["lines"], message: `Order ${order.name} has no line item ${l.lineItemId}.` }]);
      return line.variantId
        ? { variantId: gid("ProductVariant", line.variantId), quantity: l.quantity }
        : { title: line.title, originalUnitPrice: line.price, quantity: l.quantity };
    });
    const created = (
      await adminCall(
        env,
        conn,
        DRAFT_ORDER_CREATE,
        {
          input: {
            ...(order.customerId ? { purchasingEntity: { customerId: gid("Customer", order.customerId) } } : {}),
            email: order.email,
            lineItems,
            shippingAddress: order.shippingAddress ? addressInput(order.shippingAddress) : null,
            appliedDiscount: { value: body.discountPercent, valueType: "PERCENTAGE", title: `Replacement for ${order.name}` },
            note: `Replacement for ${order.name}: ${body.reason}`,
            tags: ["sidedesk-replacement", tag],
          },
        },
        DraftOrderCreateAnswer,
      )
    ).draftOrderCreate;
    refuseIf(created.userErrors);
    draft = created.draftOrder;
    if (!draft) throw new StoreRefused([{ message: "The store did not return the draft order." }]);
  }
  if (draft.order) return fromGqlOrder(draft.order, conn.countryCode);
  const completed = (await adminCall(env, conn, DRAFT_ORDER_COMPLETE, { id: draft.id }, DraftOrderCompleteAnswer)).draftOrderComplete;
  refuseIf(completed.userErrors);
  if (!completed.draftOrder?.order) throw new StoreRefused([{ message: "The store did not place the replacement order." }]);
  return fromGqlOrder(completed.draftOrder.order, conn.countryCode);
}
