// Refunds through the fake store at its HTTP edge: the store's suggested amounts before confirming, refunds of lines,
// shipping or an amount with Shopify's rules, and exactly one refund however often the same request arrives —
// concurrently, retried, or after the store's answer was lost.
import { describe, expect, it } from "vitest";
import { AuditList, RefundPreviewResponse } from "../../../shared/schemas/order-actions";
import { api, getTicket, type TestWorkspace } from "../helpers";
import { newPhone, openTicket } from "../inbox-helpers";
import { orderAction, seedOrder, storeWorkspace } from "./store-helpers";
import type { FakeShopify } from "./shopify-fake";
import { connectedStore } from "./connected-store";

let ws: TestWorkspace;
let fake: FakeShopify;
connectedStore({ workspace: (w) => (ws = w), fake: (f) => (fake = f) });

const WITH_SHIPPING = {
  total_shipping_price_set: { shop_money: { amount: "10.00", currency_code: "USD" } },
  total_price: "209.00",
  current_total_price: "209.00",
};
const socksOf = (o: Awaited<ReturnType<typeof seedOrder>>) => String(o.payload.line_items[1]!.id);
const refundCalls = () => fake.calls.filter((c) => c.operation === "refundCreate");

describe("refund preview", () => {
  it("shows what the store suggests for chosen lines and shipping, and changes nothing", async () => {
    const o = await seedOrder(ws.id, fake, WITH_SHIPPING);
    const res = await api(
      ws.support.token,
      "POST",
      `/api/orders/${o.id}/refund/preview`,
      { lines: [{ lineItemId: socksOf(o), quantity: 2 }], shipping: true },
      RefundPreviewResponse,
    );
    expect(res.status).toBe(200);
    expect(res.body.preview).toMatchObject({
      currency: "USD",
      amount: "60.00",
      subtotal: "50.00",
      shipping: "10.00",
      maximumRefundable: "209.00",
      shippingRefundable: "10.00",
    });
    expect(res.body.preview.lines).toEqual([{ lineItemId: socksOf(o), title: "Trail Socks (3-pack)", quantity: 2, restockType: "cancel", subtotal: "50.00" }]);
    expect(fake.calls.map((c) => c.operation)).toEqual(["order"]);
    expect(fake.orders.get(o.id)!.totalRefunded).toBe("0.00");
  });

  it("the whole order comes to everything paid, shipping included", async () => {
    const o = await seedOrder(ws.id, fake, WITH_SHIPPING);
    const res = await api(ws.support.token, "POST", `/api/orders/${o.id}/refund/preview`, { full: true }, RefundPreviewResponse);
    expect(res.body.preview.amount).toBe("209.00");
  });

  it("a plan that chooses nothing is a 400", async () => {
    const o = await seedOrder(ws.id, fake);
    const res = await api(ws.support.token, "POST", `/api/orders/${o.id}/refund/preview`, {});
    expect(res.status).toBe(400);
  });
});

describe("refunds", () => {
  it("refunds chosen lines with restock: the store's refund, the order in D1, a line on the ticket and the audit log", async () => {
    const phone = newPhone();
    const t = await openTicket(ws.id, ws.support.token, phone);
    const o = await seedOrder(ws.id, fake, { phone, email: null, customer: null });
    const key = crypto.randomUUID();
    const res = await orderAction(
      ws.support.token,
      `/api/orders/${o.id}/refund`,
      { plan: { lines: [{ lineItemId: socksOf(o), quantity: 1 }] }, restock: true, notifyCustomer: false, reason: "Arrived torn", ticketId: t.id },
      key,
    );
    expect(res.status).toBe(200);
    expect(res.body.action).toMatchObject({
      id: key,
      kind: "refund",
      status: "done",
      amount: "25.00",
      currency: "USD",
      reason: "Arrived torn",
      orderName: o.payload.name,
    });
    expect(res.body.order).toMatchObject({ financialStatus: "partially_refunded", totalRefunded: "25.00" });
    expect(res.body.order!.lineItems[1]!.quantity).toBe(1);

    const [call] = refundCalls();
    expect(call!.variables).toMatchObject({
      idempotencyKey: key,
      input: {
        notify: false,
        note: "Arrived torn",
        refundLineItems: [{ lineItemId: `gid://shopify/LineItem/${socksOf(o)}`, quantity: 1, restockType: "CANCEL" }],
      },
    });
    expect(fake.orders.get(o.id)!.totalRefunded).toBe("25.00");

    const thread = (await getTicket(ws.support.token, t.id)).body.messages;
    expect(thread.at(-1)).toMatchObject({ kind: "activity", activity: { key: "refunded" } });
    expect(thread.at(-1)!.text).toMatch(new RegExp(`refunded \\$25\\.00 on order ${o.payload.name}: Arrived torn$`));

    const log = await api(ws.owner.token, "GET", "/api/audit", undefined, AuditList);
    expect(log.body.entries[0]).toMatchObject({
      action: "order.refund",
      target: o.payload.name,
      detail: expect.objectContaining({ actionId: key, amount: "25.00" }),
    });
    expect((await api(ws.support.token, "GET", "/api/audit")).status).toBe(403);
    expect((await api(ws.admin.token, "GET", "/api/audit")).status).toBe(403);
  });

  it("a custom amount: refunds exactly that much, never more than is refundable", async () => {
    const o = await seedOrder(ws.id, fake);
    const over = await orderAction(ws.support.token, `/api/orders/${o.id}/refund`, { plan: { amount: "250.00" }, reason: "Goodwill" });
    expect(over.status).toBe(422);
    expect(over.error.code).toBe("amount_too_high");
    const ok = await orderAction(ws.support.token, `/api/orders/${o.id}/refund`, { plan: { amount: "12.34" }, restock: false, reason: "Late delivery" });
    expect(ok.status).toBe(200);
    expect(fake.orders.get(o.id)).toMatchObject({ totalRefunded: "12.34", financialStatus: "partially_refunded" });
    expect(fake.orders.get(o.id)!.lineItems.map((l) => l.quantity)).toEqual([1, 2]);
  });

  it("restocks only what the store can restock, returns shipped units, and refunds nothing on a refunded order", async () => {
    const o = await seedOrder(ws.id, fake);
    const gone = fake.orders.get(o.id)!;
    fake.put({ ...gone, lineItems: gone.lineItems.map((l, i) => (i === 1 ? { ...l, restockable: false } : l)) });
    // The store says the socks' variant is gone: they are refunded without asking it to restock them.
    const torn = await orderAction(ws.support.token, `/api/orders/${o.id}/refund`, {
      plan: { lines: [{ lineItemId: socksOf(o), quantity: 1 }] },
      restock: true,
      reason: "Torn",
    });
    expect(torn.status).toBe(200);
    expect(refundCalls().at(-1)!.variables).toMatchObject({ input: { refundLineItems: [{ restockType: "NO_RESTOCK" }] } });

    const shipped = await seedOrder(ws.id, fake, { fulfillment_status: "fulfilled" });
    const lines = fake.orders.get(shipped.id)!;
    fake.put({ ...lines, lineItems: lines.lineItems.map((l) => ({ ...l, fulfilledQuantity: l.quantity })) });
    const backpack = String(shipped.payload.line_items[0]!.id);
    const returned = await orderAction(ws.support.token, `/api/orders/${shipped.id}/refund`, {
      plan: { lines: [{ lineItemId: backpack, quantity: 1 }] },
      restock: true,
      reason: "Returned",
    });
    expect(returned.status).toBe(200);
    expect(refundCalls().at(-1)!.variables).toMatchObject({ input: { refundLineItems: [{ restockType: "RETURN" }] } });

    const all = await orderAction(ws.support.token, `/api/orders/${o.id}/refund`, { plan: { full: true }, reason: "Cancelled by phone" });
    expect(all.status).toBe(200);
    expect(all.body.order!.financialStatus).toBe("refunded");
    const again = await orderAction(ws.support.token, `/api/orders/${o.id}/refund`, { plan: { full: true }, reason: "Twice" });
    expect(again.status).toBe(409);
    expect(again.error.code).toBe("order_not_refundable");
  });

  it("needs an Idempotency-Key, and a key names one request only", async () => {
    const o = await seedOrder(ws.id, fake);
    const none = await orderAction(ws.support.token, `/api/orders/${o.id}/refund`, { plan: { amount: "5.00" }, reason: "x" }, null);
    expect(none.status).toBe(400);
    expect(none.error.code).toBe("idempotency_key_required");
    const bad = await orderAction(ws.support.token, `/api/orders/${o.id}/refund`, { plan: { amount: "5.00" }, reason: "x" }, "short");
    expect(bad.status).toBe(400);
    const key = crypto.randomUUID();
    expect((await orderAction(ws.support.token, `/api/orders/${o.id}/refund`, { plan: { amount: "5.00" }, reason: "x" }, key)).status).toBe(200);
    const other = await orderAction(ws.support.token, `/api/orders/${o.id}/refund`, { plan: { amount: "6.00" }, reason: "x" }, key);
    expect(other.status).toBe(422);
    expect(other.error.code).toBe("idempotency_key_reused");
    const otherAgent = await orderAction(ws.support2.token, `/api/orders/${o.id}/refund`, { plan: { amount: "5.00" }, reason: "x" }, key);
    expect(otherAgent.status).toBe(422);
    expect(fake.orders.get(o.id)!.totalRefunded).toBe("5.00");
  });

  it("the same request six times at once refunds once, and every copy answers with that refund", async () => {
    const o = await seedOrder(ws.id, fake);
    const key = crypto.randomUUID();
    const body = { plan: { lines: [{ lineItemId: socksOf(o), quantity: 2 }] }, restock: true, reason: "Double click" };
    const answers = await Promise.all(Array.from({ length: 6 }, () => orderAction(ws.support.token, `/api/orders/${o.id}/refund`, body, key)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(new Set(answers.map((a) => `${a.body.action.id}/${a.body.action.status}/${a.body.action.amount}`))).toEqual(new Set([`${key}/done/50.00`]));
    expect(refundCalls()).toHaveLength(1);
    expect(fake.orders.get(o.id)).toMatchObject({ totalRefunded: "50.00" });
    expect(fake.orders.get(o.id)!.lineItems[1]!.quantity).toBe(0);
  });

  it("an answer lost on the way back: the retry sends the same refund with the same key, and the store refunds once", async () => {
    const o = await seedOrder(ws.id, fake);
    const key = crypto.randomUUID();
    const body = { plan: { lines: [{ lineItemId: socksOf(o), quantity: 1 }] }, restock: true, reason: "Lost answer" };
    fake.loseAnswerTo("refundCreate");
    const first = await orderAction(ws.support.token, `/api/orders/${o.id}/refund`, body, key);
    expect(first.status).toBe(503);
    expect(first.error.code).toBe("store_unavailable");
    expect(fake.orders.get(o.id)!.totalRefunded).toBe("25.00"); // the store did act

    const retry = await orderAction(ws.support.token, `/api/orders/${o.id}/refund`, body, key);
    expect(retry.status).toBe(200);
    expect(retry.body.action).toMatchObject({ status: "done", amount: "25.00" });
    const calls = refundCalls();
    expect(calls).toHaveLength(2);
    expect(calls[1]!.variables).toEqual(calls[0]!.variables);
    expect(fake.orders.get(o.id)).toMatchObject({ totalRefunded: "25.00" });
    expect(fake.orders.get(o.id)!.lineItems[1]!.quantity).toBe(1);
  });

  it("another workspace's order and ticket are 404s", async () => {
    const other = await storeWorkspace({ connected: true });
    const o = await seedOrder(other.id, fake);
    const res = await orderAction(ws.support.token, `/api/orders/${o.id}/refund`, { plan: { full: true }, reason: "x" });
    expect(res.status).toBe(404);
    const mine = await seedOrder(ws.id, fake);
    const t = await openTicket(other.id, other.support.token);
    const cross = await orderAction(ws.support.token, `/api/orders/${mine.id}/refund`, { plan: { full: true }, reason: "x", ticketId: t.id });
    expect(cross.status).toBe(404);
    expect(refundCalls()).toHaveLength(0);
  });
});

describe("retries of a whole refund", () => {
  it("a lost answer to a full refund: the retry does not refuse the now-refunded order, and the store refunds once", async () => {
    const o = await seedOrder(ws.id, fake);
    const key = crypto.randomUUID();
    fake.loseAnswerTo("refundCreate");
    expect((await orderAction(ws.support.token, `/api/orders/${o.id}/refund`, { plan: { full: true }, reason: "All of it" }, key)).status).toBe(503);
    expect(fake.orders.get(o.id)!.financialStatus).toBe("refunded");
    const retry = await orderAction(ws.support.token, `/api/orders/${o.id}/refund`, { plan: { full: true }, reason: "All of it" }, key);
    expect(retry.status).toBe(200);
    expect(retry.body.action).toMatchObject({ status: "done", amount: "199.00" });
    expect(fake.orders.get(o.id)!.totalRefunded).toBe("199.00");
  });
});
