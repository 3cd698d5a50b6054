// Discount codes, shipping address, note and tags, replacement orders — each made in the (fake) store at its HTTP
// edge, once per Idempotency-Key, with an activity line on the ticket.
import { describe, expect, it } from "vitest";
import { fakeDiscounts } from "../../../worker/src/integrations/shopify-fake-objects";
import { getTicket, type TestWorkspace } from "../helpers";
import { newPhone, openTicket } from "../inbox-helpers";
import { orderAction, seedOrder } from "./store-helpers";
import type { FakeShopify } from "./shopify-fake";
import { connectedStore } from "./connected-store";

let ws: TestWorkspace;
let fake: FakeShopify;
connectedStore({ workspace: (w) => (ws = w), fake: (f) => (fake = f) });

const discounts = () => fakeDiscounts({ all: async () => [], get: async () => null, save: async () => {}, records: fake.records });
const NEW_ADDRESS = { name: "Jon Snow", address1: "2 Elm St", city: "Boston", provinceCode: "MA", zip: "02108", countryCode: "US" };

describe("discount codes", () => {
  it("makes a single-use code for the customer's store account, with an expiry, and notes it on the ticket", async () => {
    const phone = newPhone();
    const t = await openTicket(ws.id, ws.support.token, phone);
    const o = await seedOrder(ws.id, fake, { phone, email: null });
    const res = await orderAction(ws.support.token, "/api/discounts", {
      kind: "fixed",
      value: 15,
      expiresAt: "2027-12-31T23:59:59.000Z",
      profileId: o.profileId,
      ticketId: t.id,
      reason: "Late parcel",
    });
    expect(res.status).toBe(200);
    expect(res.body.discount).toMatchObject({ kind: "fixed", value: 15, currency: "USD", expiresAt: "2027-12-31T23:59:59.000Z", usageLimit: 1 });
    expect(res.body.discount!.code).toMatch(/^GIFT-[A-HJ-NP-Z2-9]{8}$/);
    expect(res.body.action).toMatchObject({ kind: "discount", status: "done", amount: "15.00", percent: null });
    const [made] = await discounts();
    expect(made).toMatchObject({
      code: res.body.discount!.code,
      usageLimit: 1,
      appliesOncePerCustomer: true,
      context: { customers: { add: ["gid://shopify/Customer/7200000000001"] } },
      customerGets: { value: { discountAmount: { amount: "15.00" } } },
    });
    const thread = (await getTicket(ws.support.token, t.id)).body.messages;
    expect(thread.at(-1)!.text).toMatch(new RegExp(`created discount code ${res.body.discount!.code} \\(\\$15\\.00\\): Late parcel$`));
  });

  it("a percentage code: at most 100, and a double click or a lost answer makes one code", async () => {
    expect((await orderAction(ws.support.token, "/api/discounts", { kind: "percentage", value: 120, reason: "x" })).status).toBe(400);
    const before = (await discounts()).length;
    const key = crypto.randomUUID();
    const body = { kind: "percentage", value: 10, reason: "Sorry" };
    const both = await Promise.all([orderAction(ws.support.token, "/api/discounts", body, key), orderAction(ws.support.token, "/api/discounts", body, key)]);
    expect(both.map((r) => r.status)).toEqual([200, 200]);
    expect(both[0]!.body.discount!.code).toBe(both[1]!.body.discount!.code);
    expect(both[0]!.body.action).toMatchObject({ percent: 10, amount: null });

    const lostKey = crypto.randomUUID();
    fake.loseAnswerTo("discountCodeBasicCreate");
    expect((await orderAction(ws.support.token, "/api/discounts", body, lostKey)).status).toBe(503);
    const retry = await orderAction(ws.support.token, "/api/discounts", body, lostKey);
    expect(retry.status).toBe(200);
    expect((await discounts()).length).toBe(before + 2);
  });
});

describe("shipping address, note and tags", () => {
  it("changes the address of an unshipped order; a postal code that does not fit the country is a 400", async () => {
    const o = await seedOrder(ws.id, fake);
    const bad = await orderAction(ws.support.token, `/api/orders/${o.id}/address`, { address: { ...NEW_ADDRESS, zip: "ABC" } });
    expect(bad.status).toBe(400);
    expect(bad.error.issues).toEqual([expect.objectContaining({ path: "address.zip" })]);
    const res = await orderAction(ws.support.token, `/api/orders/${o.id}/address`, { address: NEW_ADDRESS });
    expect(res.status).toBe(200);
    expect(res.body.order!.shippingAddress).toMatchObject({ address1: "2 Elm St", city: "Boston", zip: "02108", countryCode: "US", name: "Jon Snow" });
    expect(fake.calls.at(-1)!.variables).toMatchObject({ input: { shippingAddress: { firstName: "Jon", lastName: "Snow", address1: "2 Elm St" } } });
  });

  it("refuses once anything has shipped, saying why", async () => {
    const o = await seedOrder(ws.id, fake);
    const stored = fake.orders.get(o.id)!;
    fake.put({
      ...stored,
      lineItems: stored.lineItems.map((l, i) => (i === 0 ? { ...l, fulfilledQuantity: 1 } : l)),
      fulfillmentStatus: "partially_fulfilled",
    });
    const res = await orderAction(ws.support.token, `/api/orders/${o.id}/address`, { address: NEW_ADDRESS });
    expect(res.status).toBe(409);
    expect(res.error.message).toMatch(/have shipped/);
    expect(fake.calls.some((c) => c.operation === "orderUpdate")).toBe(false);
  });

  it("sets the note and adds and removes tags", async () => {
    const o = await seedOrder(ws.id, fake, { tags: "VIP, wholesale" });
    const res = await orderAction(ws.support.token, `/api/orders/${o.id}/note`, { note: "Gift wrap", addTags: ["fragile"], removeTags: ["wholesale"] });
    expect(res.status).toBe(200);
    expect(res.body.order).toMatchObject({ note: "Gift wrap", tags: ["VIP", "fragile"] });
    expect((await orderAction(ws.support.token, `/api/orders/${o.id}/note`, {})).status).toBe(400);
  });
});

describe("replacement orders", () => {
  it("places a free copy of chosen lines to the same address, linked to the customer, once", async () => {
    const phone = newPhone();
    const t = await openTicket(ws.id, ws.support.token, phone);
    const o = await seedOrder(ws.id, fake, {
      phone,
      email: null,
      shipping_address: {
        first_name: "Jon",
        last_name: "Snow",
        address1: "1 Wall St",
        city: "New York",
        province_code: "NY",
        zip: "10005",
        country_code: "US",
      },
    });
    const key = crypto.randomUUID();
    const body = { lines: [{ lineItemId: String(o.payload.line_items[1]!.id), quantity: 1 }], reason: "Lost in transit", ticketId: t.id };
    const [res, dup] = await Promise.all([
      orderAction(ws.support.token, `/api/orders/${o.id}/replacement`, body, key),
      orderAction(ws.support.token, `/api/orders/${o.id}/replacement`, body, key),
    ]);
    expect([res.status, dup.status]).toEqual([200, 200]);
    const replacement = res.body.replacement!;
    expect(dup.body.replacement!.id).toBe(replacement.id);
    expect(replacement).toMatchObject({
      totalPrice: "0.00",
      financialStatus: "paid",
      profileId: o.profileId,
      tags: expect.arrayContaining(["sidedesk-replacement"]),
    });
    expect(replacement.lineItems).toEqual([expect.objectContaining({ title: "Trail Socks (3-pack)", quantity: 1 })]);
    expect(replacement.shippingAddress).toMatchObject({ address1: "1 Wall St", zip: "10005" });
    expect(res.body.action).toMatchObject({ kind: "replacement", amount: "25.00" });
    expect(fake.calls.filter((c) => c.operation === "draftOrderCreate")).toHaveLength(1);
    const thread = (await getTicket(ws.support.token, t.id)).body.messages;
    expect(thread.at(-1)).toMatchObject({
      activity: { key: "replacementCreated", params: expect.objectContaining({ replacement: replacement.name, order: o.payload.name }) },
    });
  });

  it("a lost answer to the completion finds the same draft, so the retry places no second order", async () => {
    const o = await seedOrder(ws.id, fake);
    const key = crypto.randomUUID();
    const body = { lines: [{ lineItemId: String(o.payload.line_items[0]!.id), quantity: 1 }], discountPercent: 50, reason: "Scratched" };
    const ordersBefore = fake.orders.size;
    fake.loseAnswerTo("draftOrderComplete");
    expect((await orderAction(ws.support.token, `/api/orders/${o.id}/replacement`, body, key)).status).toBe(503);
    const retry = await orderAction(ws.support.token, `/api/orders/${o.id}/replacement`, body, key);
    expect(retry.status).toBe(200);
    expect(retry.body.replacement!.totalPrice).toBe("74.50");
    expect(fake.orders.size).toBe(ordersBefore + 1);
  });

  it("more than the order had is a 422; a cancelled order is a 409", async () => {
    const o = await seedOrder(ws.id, fake);
    const many = await orderAction(ws.support.token, `/api/orders/${o.id}/replacement`, {
      lines: [{ lineItemId: String(o.payload.line_items[1]!.id), quantity: 5 }],
      reason: "x",
    });
    expect(many.status).toBe(422);
    fake.put({ ...fake.orders.get(o.id)!, cancelledAt: "2026-10-02T00:00:00.000Z" });
    const cancelled = await orderAction(ws.support.token, `/api/orders/${o.id}/replacement`, {
      lines: [{ lineItemId: String(o.payload.line_items[1]!.id), quantity: 1 }],
      reason: "x",
    });
    expect(cancelled.status).toBe(409);
  });
});
