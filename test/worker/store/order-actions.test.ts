// Order actions through the fake Shopify Admin API: edit a line's quantity (begin → set quantity → commit) and cancel,
// asserting the GraphQL operations and variables the store received; refusals, no store, and isolation.
import { env } from "cloudflare:test";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { OrderCancelResponse, OrderEditResponse, OrderLineItem } from "../../../shared/schemas";
import { api, createWorkspace, getProfile, getTicket, type TestWorkspace } from "../helpers";
import { addAgent, newPhone, openTicket } from "../inbox-helpers";
import { ADMIN_TOKEN, postShopify, seedOrder, SHOP, storeWorkspace } from "./store-helpers";
import { installFakeShopify, type FakeShopify } from "./shopify-fake";

let ws: TestWorkspace;
let fake: FakeShopify;
beforeAll(async () => {
  ws = await storeWorkspace({ connected: true });
});
beforeEach(() => {
  fake = installFakeShopify(SHOP, ADMIN_TOKEN);
});
afterEach(() => fake.restore());

const post = (path: string, body: unknown, token = ws.support.token) => api(token, "POST", path, body);
const editQuantity = (orderId: string, body: unknown) => api(ws.support.token, "POST", `/api/orders/${orderId}/edit-quantity`, body, OrderEditResponse);
const cancelOrder = (orderId: string, body: unknown) => api(ws.support.token, "POST", `/api/orders/${orderId}/cancel`, body, OrderCancelResponse);
interface OrderRow {
  line_items_json: string;
  total_price: string;
  financial_status: string | null;
  cancelled_at: number | null;
}
async function row(id: string): Promise<OrderRow> {
  const found = await env.DB.prepare("SELECT * FROM orders WHERE workspace_id = ?1 AND id = ?2").bind(ws.id, id).first<OrderRow>();
  if (!found) throw new Error(`no order ${id} in D1`);
  return found;
}
/** The line items D1 keeps for an order (the JSON column), read with the shared schema. */
const storedLines = (r: OrderRow) => OrderLineItem.array().parse(JSON.parse(r.line_items_json));
const CANCEL = { reason: "customer", refund: true, restock: true };

describe("edit a line's quantity", () => {
  it("runs orderEditBegin → orderEditSetQuantity → orderEditCommit and mirrors the result in D1", async () => {
    const o = await seedOrder(ws.id, fake);
    const socks = o.payload.line_items[1]!;
    const res = await editQuantity(o.id, { lineItemId: String(socks.id), quantity: 1, staffNote: "Customer asked for one pair" });
    expect(res.status).toBe(200);
    expect(res.body.source).toBe("store");
    expect(res.body.order.lineItems[1]).toMatchObject({ id: String(socks.id), quantity: 1 });
    expect(res.body.order.totalPrice).toBe("174.00");
    expect(fake.calls.map((c) => c.operation)).toEqual(["orderEditBegin", "orderEditSetQuantity", "orderEditCommit"]);
    const [begin, set, commit] = fake.calls;
    expect(begin!.variables).toEqual({ id: `gid://shopify/Order/${o.id}` });
    const calculatedId = set!.variables.id;
    expect(calculatedId).toMatch(/^gid:\/\/shopify\/CalculatedOrder\/\d+$/);
    expect(set!.variables).toEqual({ id: calculatedId, lineItemId: `gid://shopify/CalculatedLineItem/${socks.id}`, quantity: 1, restock: true });
    expect(commit!.variables).toEqual({ id: calculatedId, notifyCustomer: true, staffNote: "Customer asked for one pair" });
    const stored = await row(o.id);
    expect(storedLines(stored)[1]?.quantity).toBe(1);
    expect(stored.total_price).toBe("174.00");
  });

  it("notes the change on the ticket when a ticketId is given", async () => {
    const phone = newPhone();
    const t = await openTicket(ws.id, ws.support.token, phone);
    const o = await seedOrder(ws.id, fake, { phone, email: null, customer: null });
    const res = await editQuantity(o.id, { lineItemId: String(o.payload.line_items[1]!.id), quantity: 3, notifyCustomer: false, ticketId: t.id });
    expect(res.body.noted).toBe(true);
    expect(fake.calls[2]!.variables.notifyCustomer).toBe(false);
    const thread = (await getTicket(ws.support.token, t.id)).body.messages;
    expect(thread.at(-1)).toMatchObject({ kind: "note", text: `Changed “Trail Socks (3-pack)” on order ${o.payload.name} from 2 to 3.` });
  });

  it("the store refusing (below the fulfilled quantity) is a 422 with Shopify's message; nothing changes", async () => {
    const o = await seedOrder(ws.id, fake, {});
    const fulfilled = fake.orders.get(o.id)!;
    fake.put({ ...fulfilled, lineItems: fulfilled.lineItems.map((l, i) => (i === 0 ? { ...l, fulfilledQuantity: 1 } : l)) });
    const res = await post(`/api/orders/${o.id}/edit-quantity`, { lineItemId: String(o.payload.line_items[0]!.id), quantity: 0 });
    expect(res.status).toBe(422);
    expect(res.error.code).toBe("store_refused");
    expect(res.error.message).toContain("Quantity can't be less than the fulfilled quantity (1)");
    expect(res.error.issues).toEqual([expect.objectContaining({ path: "quantity" })]);
    expect(fake.calls.map((c) => c.operation)).toEqual(["orderEditBegin", "orderEditSetQuantity"]);
    expect(storedLines(await row(o.id))[0]?.quantity).toBe(1);
  });

  it("refuses bad input, unknown lines, no-op edits and cancelled orders before asking the store", async () => {
    const o = await seedOrder(ws.id, fake);
    const url = `/api/orders/${o.id}/edit-quantity`;
    const line = String(o.payload.line_items[0]!.id);
    expect((await post(url, { lineItemId: line, quantity: -1 })).status).toBe(400);
    expect((await post(url, { lineItemId: "12345", quantity: 1 })).status).toBe(404);
    expect((await post(url, { lineItemId: line, quantity: 1 })).error.code).toBe("no_change");
    await postShopify(ws.id, "orders/cancelled", { ...o.payload, cancelled_at: "2026-10-02T00:00:00Z", updated_at: "2026-10-02T00:00:00Z" });
    const res = await post(url, { lineItemId: line, quantity: 2 });
    expect(res.status).toBe(409);
    expect(res.error.code).toBe("order_cancelled");
    expect(fake.calls).toEqual([]);
  });
});

describe("cancel an order", () => {
  it("sends orderCancel with reason, refund method, restock, notify and staff note; marks the order and the profile", async () => {
    const o = await seedOrder(ws.id, fake, { email: "cancel.flow@example.com", customer: null });
    const res = await cancelOrder(o.id, { reason: "inventory", refund: true, restock: true, staffNote: "Out of stock" });
    expect(res.status).toBe(200);
    expect(res.body.job).toMatchObject({ id: expect.stringMatching(/^gid:\/\/shopify\/Job\//), done: false });
    expect(res.body.order.cancelledAt).not.toBeNull();
    expect(fake.calls).toEqual([
      {
        operation: "orderCancel",
        operationName: "SidedeskOrderCancel",
        variables: {
          orderId: `gid://shopify/Order/${o.id}`,
          reason: "INVENTORY",
          refundMethod: { originalPaymentMethodsRefund: true },
          restock: true,
          notifyCustomer: true,
          staffNote: "Out of stock",
        },
      },
    ]);
    expect(fake.orders.get(o.id)).toMatchObject({ financialStatus: "refunded" });
    // Shopify's own orders/cancelled webhook follows; it applies over the local mark and adds no second activity.
    await postShopify(ws.id, "orders/cancelled", {
      ...o.payload,
      cancelled_at: "2026-10-02T00:00:00Z",
      financial_status: "refunded",
      updated_at: "2026-10-02T00:00:01Z",
    });
    expect(await row(o.id)).toMatchObject({ financial_status: "refunded", cancelled_at: Date.parse("2026-10-02T00:00:00Z") });
    const panel = (await getProfile(ws.support.token, o.profileId)).body;
    expect(panel.activity.filter((a) => a.metric === "Cancelled Order")).toHaveLength(1);
    expect(panel.stats).toMatchObject({ orderCount: 0, cancelledCount: 1, lifetimeValue: 0 });
  });

  it("a second cancel is refused locally; a store that already cancelled it refuses with 422", async () => {
    const o = await seedOrder(ws.id, fake);
    expect((await post(`/api/orders/${o.id}/cancel`, { ...CANCEL, refund: false })).status).toBe(200);
    expect(fake.calls[0]!.variables.refundMethod).toEqual({ originalPaymentMethodsRefund: false });
    const again = await post(`/api/orders/${o.id}/cancel`, CANCEL);
    expect(again.status).toBe(409);
    expect(again.error.code).toBe("order_already_cancelled");
    const p = await seedOrder(ws.id, fake);
    fake.put({ ...fake.orders.get(p.id)!, cancelledAt: "2026-10-03T00:00:00.000Z" });
    const refused = await post(`/api/orders/${p.id}/cancel`, CANCEL);
    expect(refused.status).toBe(422);
    expect(refused.error).toMatchObject({
      code: "store_refused",
      issues: [{ path: "orderId", message: "Order has already been cancelled.", code: "INVALID" }],
    });
    expect((await row(p.id)).cancelled_at).toBeNull();
  });

  it("validates the reason and options", async () => {
    const o = await seedOrder(ws.id, fake);
    for (const body of [
      { ...CANCEL, reason: "bored" },
      { reason: "customer", refund: true },
      { ...CANCEL, extra: 1 },
    ]) {
      expect((await post(`/api/orders/${o.id}/cancel`, body)).status).toBe(400);
    }
    expect(fake.calls).toEqual([]);
  });
});

describe("when the store cannot act", () => {
  it("not connected → 409 store_not_connected", async () => {
    const offline = await storeWorkspace();
    const o = await seedOrder(offline.id, null);
    for (const [path, body] of [
      [`/api/orders/${o.id}/cancel`, CANCEL],
      [`/api/orders/${o.id}/edit-quantity`, { lineItemId: String(o.payload.line_items[0]!.id), quantity: 3 }],
    ] as const) {
      const res = await post(path, body, offline.support.token);
      expect(res.status).toBe(409);
      expect(res.error.code).toBe("store_not_connected");
    }
  });

  it("store down → 503 store_unavailable; wrong token → 502 store_unauthorized; D1 untouched", async () => {
    const o = await seedOrder(ws.id, fake);
    fake.setMode("down");
    expect((await post(`/api/orders/${o.id}/cancel`, CANCEL)).error.code).toBe("store_unavailable");
    fake.restore();
    fake = installFakeShopify(SHOP, "a-different-token");
    const res = await post(`/api/orders/${o.id}/cancel`, CANCEL);
    expect(res.status).toBe(502);
    expect(res.error.code).toBe("store_unauthorized");
    expect((await row(o.id)).cancelled_at).toBeNull();
  });

  it("other workspaces get 404 and analysts 403, before anything reaches the store", async () => {
    const o = await seedOrder(ws.id, fake);
    const other = await createWorkspace();
    expect((await post(`/api/orders/${o.id}/cancel`, CANCEL, other.owner.token)).status).toBe(404);
    const analyst = await addAgent(ws.owner.token, "Ann Alyst", "analyst");
    expect((await post(`/api/orders/${o.id}/cancel`, CANCEL, analyst.token)).status).toBe(403);
    const t = await openTicket(other.id, other.support.token);
    expect((await post(`/api/orders/${o.id}/cancel`, { ...CANCEL, ticketId: t.id })).status).toBe(404);
    expect(fake.calls).toEqual([]);
  });
});
