// The fake store keeps Shopify's rules at its HTTP edge, asked directly in GraphQL as Sidedesk asks it: refunds need
// the @idempotent directive and stay within what is refundable and restockable, discount codes are unique, a shipped
// order's address cannot change, and errors come back in userErrors.
import { describe, expect, it } from "vitest";
import { REFUND_CREATE, DISCOUNT_CREATE, ORDER_UPDATE } from "../../../worker/src/integrations/shopify-action-queries";
import { SHOPIFY_API_VERSION } from "../../../worker/src/integrations/shopify-admin";
import type { TestWorkspace } from "../helpers";
import { ADMIN_TOKEN, seedOrder, SHOP } from "./store-helpers";
import type { FakeShopify } from "./shopify-fake";
import { connectedStore } from "./connected-store";

let ws: TestWorkspace;
let fake: FakeShopify;
connectedStore({ workspace: (w) => (ws = w), fake: (f) => (fake = f) });

async function gql(query: string, variables: Record<string, unknown>) {
  const res = await fetch(`https://${SHOP}/admin/api/${SHOPIFY_API_VERSION}/graphql.json`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-shopify-access-token": ADMIN_TOKEN },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: Record<string, { userErrors: { field: string[]; message: string; code?: string }[] }>; errors?: { message: string }[] };
}
const saleOf = (id: string) => `gid://shopify/OrderTransaction/${id}1`;
const refundInput = (id: string, over: Record<string, unknown> = {}) => ({
  orderId: `gid://shopify/Order/${id}`,
  transactions: [{ orderId: `gid://shopify/Order/${id}`, parentId: saleOf(id), gateway: "shopify_payments", kind: "REFUND", amount: "10.00" }],
  ...over,
});

describe("the fake store's rules", () => {
  it("refundCreate without @idempotent is a GraphQL error, as since 2026-04", async () => {
    const o = await seedOrder(ws.id, fake);
    const bare = REFUND_CREATE.replace(/@idempotent\(key: \$idempotencyKey\)/, "").replace(", $idempotencyKey: String!", "");
    const answer = await gql(bare, { input: refundInput(o.id) });
    expect(answer.errors?.[0]?.message).toMatch(/@idempotent directive is required/);
    expect(fake.orders.get(o.id)!.totalRefunded).toBe("0.00");
  });

  it("refunds at most what is refundable, restocks only restockable lines, in userErrors", async () => {
    const o = await seedOrder(ws.id, fake);
    const tooMuch = await gql(REFUND_CREATE, {
      idempotencyKey: crypto.randomUUID(),
      input: refundInput(o.id, {
        transactions: [{ orderId: `gid://shopify/Order/${o.id}`, parentId: saleOf(o.id), gateway: "x", kind: "REFUND", amount: "199.01" }],
      }),
    });
    expect(tooMuch.data!.refundCreate!.userErrors[0]!.message).toMatch(/exceeds the refundable amount 199.00/);
    const line = fake.orders.get(o.id)!.lineItems[1]!;
    fake.put({ ...fake.orders.get(o.id)!, lineItems: fake.orders.get(o.id)!.lineItems.map((l) => (l.id === line.id ? { ...l, restockable: false } : l)) });
    const restock = await gql(REFUND_CREATE, {
      idempotencyKey: crypto.randomUUID(),
      input: refundInput(o.id, { refundLineItems: [{ lineItemId: line.adminGraphqlId, quantity: 1, restockType: "CANCEL" }] }),
    });
    expect(restock.data!.refundCreate!.userErrors[0]).toMatchObject({
      field: ["refundLineItems", "0", "restockType"],
      message: expect.stringMatching(/cannot be restocked/),
    });
    const tooMany = await gql(REFUND_CREATE, {
      idempotencyKey: crypto.randomUUID(),
      input: refundInput(o.id, { refundLineItems: [{ lineItemId: line.adminGraphqlId, quantity: 3, restockType: "NO_RESTOCK" }] }),
    });
    expect(tooMany.data!.refundCreate!.userErrors[0]!.message).toMatch(/more items than were purchased/);
    expect(fake.orders.get(o.id)!.totalRefunded).toBe("0.00");
  });

  it("a repeated idempotency key returns the first refund; with other input it is an error", async () => {
    const o = await seedOrder(ws.id, fake);
    const key = crypto.randomUUID();
    const first = await gql(REFUND_CREATE, { idempotencyKey: key, input: refundInput(o.id) });
    const again = await gql(REFUND_CREATE, { idempotencyKey: key, input: refundInput(o.id) });
    expect(again).toEqual(first);
    expect(fake.orders.get(o.id)!.totalRefunded).toBe("10.00");
    const changed = await gql(REFUND_CREATE, { idempotencyKey: key, input: refundInput(o.id, { note: "other" }) });
    expect(changed.errors?.[0]?.message).toMatch(/already used with different parameters/);
  });

  it("discount codes are unique, case-insensitively", async () => {
    const input = (code: string) => ({
      basicCodeDiscount: {
        title: "Sorry",
        code,
        startsAt: "2026-10-01T00:00:00Z",
        usageLimit: 1,
        appliesOncePerCustomer: true,
        context: { all: "ALL" },
        customerGets: { value: { percentage: 0.1 }, items: { all: true } },
      },
    });
    expect((await gql(DISCOUNT_CREATE, input("SORRY10"))).data!.discountCodeBasicCreate!.userErrors).toEqual([]);
    const taken = await gql(DISCOUNT_CREATE, input("sorry10"));
    expect(taken.data!.discountCodeBasicCreate!.userErrors[0]).toMatchObject({ code: "TAKEN", field: ["basicCodeDiscount", "code"] });
  });

  it("a shipped order's address cannot change", async () => {
    const o = await seedOrder(ws.id, fake);
    const stored = fake.orders.get(o.id)!;
    fake.put({ ...stored, lineItems: stored.lineItems.map((l) => ({ ...l, fulfilledQuantity: 1 })) });
    const answer = await gql(ORDER_UPDATE, {
      input: {
        id: `gid://shopify/Order/${o.id}`,
        shippingAddress: { address1: "2 Elm St", city: "Boston", countryCode: "US", zip: "02108", provinceCode: "MA" },
      },
    });
    expect(answer.data!.orderUpdate!.userErrors[0]!.message).toMatch(/has been fulfilled/);
  });
});
