// Order lookups: by profile, by "#1001" / "1001", by id; refreshed from the (fake) store, falling back to D1 when the
// store is slow, down or not connected; tenant- and role-isolated.
import * as clock from "../../../worker/src/clock";
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { OrderList, OrderResponse } from "../../../shared/schemas";
import { api, createWorkspace, type TestWorkspace } from "../helpers";
import { addAgent } from "../inbox-helpers";
import { seedOrder, SHOP, storeWorkspace } from "./store-helpers";
import type { FakeShopify } from "./shopify-fake";
import { connectedStore } from "./connected-store";

let ws: TestWorkspace;
let fake: FakeShopify;
connectedStore({ workspace: (w) => (ws = w), fake: (f) => (fake = f) });

const get = (path: string, token = ws.support.token) => api(token, "GET", path);
/** GET /api/orders?q= and GET /api/profiles/:id/orders */
const getOrders = (path: string, token = ws.support.token) => api(token, "GET", path, undefined, OrderList);
/** GET /api/orders/:id */
const getOrder = (path: string, token = ws.support.token) => api(token, "GET", path, undefined, OrderResponse);

describe("order lookups", () => {
  it("lists a profile's recent orders with line items, refreshed from the store by customer id", async () => {
    const a = await seedOrder(ws.id, fake, {
      email: "lena@example.com",
      customer: { id: 7_200_000_010_001, email: "lena@example.com", first_name: "Lena", last_name: "Berg", phone: null, updated_at: "2026-10-01T10:00:00Z" },
      created_at: "2026-09-01T10:00:00Z",
    });
    await seedOrder(ws.id, fake, {
      email: "lena@example.com",
      customer: { id: 7_200_000_010_001, email: "lena@example.com", first_name: "Lena", last_name: "Berg", phone: null, updated_at: "2026-10-01T10:00:00Z" },
    });
    const res = await getOrders(`/api/profiles/${a.profileId}/orders`);
    expect(res.status).toBe(200);
    expect(res.body.source).toBe("store");
    expect(res.body.orders).toHaveLength(2);
    expect(res.body.orders[1]).toMatchObject({ id: a.id, name: a.payload.name, adminUrl: `https://${SHOP}/admin/orders/${a.id}` });
    expect(res.body.orders[1]?.lineItems.map((l) => [l.title, l.quantity])).toEqual([
      ["Trailblazer 45L Backpack", 1],
      ["Trail Socks (3-pack)", 2],
    ]);
    expect(fake.calls).toEqual([{ operation: "orders", operationName: "SidedeskOrders", variables: { first: 20, query: "customer_id:7200000010001" } }]);
    expect(fake.urls[0]).toBe(`https://${SHOP}/admin/api/2026-10/graphql.json`);
  });

  it("finds an order by name or number: ?q=#1001 and ?q=1001", async () => {
    const o = await seedOrder(ws.id, fake, { name: "#1001", order_number: 1001 });
    for (const q of ["%231001", "1001"]) {
      const res = await getOrders(`/api/orders?q=${q}`);
      expect(res.status).toBe(200);
      expect(res.body.orders.map((x) => x.id)).toEqual([o.id]);
      expect(res.body.source).toBe("store");
    }
    expect(fake.calls.map((c) => c.variables.query)).toEqual(["name:1001", "name:1001"]);
    expect((await getOrders("/api/orders?q=%239999")).body.orders).toEqual([]);
    expect((await getOrders("/api/orders?q=")).status).toBe(400);
    expect((await getOrders("/api/orders?q=1001%20OR%20email:x")).status).toBe(400);
  });

  it("refreshes an order from the store: a change the webhooks have not delivered yet shows and lands in D1", async () => {
    const o = await seedOrder(ws.id, fake);
    const stored = fake.orders.get(o.id)!;
    fake.put({
      ...stored,
      fulfillmentStatus: "fulfilled",
      lineItems: stored.lineItems.map((l) => ({ ...l, fulfilledQuantity: l.quantity })),
      updatedAt: "2026-10-05T00:00:00.000Z",
    });
    const res = await getOrder(`/api/orders/${o.id}`);
    expect(res.body).toMatchObject({ source: "store", order: { id: o.id, fulfillmentStatus: "fulfilled", profileId: o.profileId } });
    const row = await env.DB.prepare("SELECT fulfillment_status FROM orders WHERE workspace_id = ?1 AND id = ?2")
      .bind(ws.id, o.id)
      .first<{ fulfillment_status: string | null }>();
    expect(row?.fulfillment_status).toBe("fulfilled");
    expect(fake.calls[0]).toEqual({ operation: "order", operationName: "SidedeskOrder", variables: { id: `gid://shopify/Order/${o.id}` } });
    expect((await getOrder(`/api/orders/${encodeURIComponent(`gid://shopify/Order/${o.id}`)}`)).body.order.id).toBe(o.id);
  });

  it("shows an order only the store knows (a missed webhook), linked to its customer's profile", async () => {
    const known = await seedOrder(ws.id, fake, { email: "missed@example.com", customer: null });
    const other = await seedOrder(ws.id, null, { email: "missed@example.com", customer: null });
    await env.DB.prepare("DELETE FROM orders WHERE workspace_id = ?1 AND id = ?2").bind(ws.id, other.id).run();
    fake.put({ ...fake.orders.get(known.id)!, id: other.id, adminGraphqlId: `gid://shopify/Order/${other.id}`, name: other.payload.name });
    const res = await getOrder(`/api/orders/${other.id}`);
    expect(res.body).toMatchObject({ source: "store", order: { id: other.id, profileId: known.profileId } });
  });

  it.each([
    ["slow", 2001],
    ["down", 2002],
    ["error", 2003],
  ] as const)("falls back to D1 when the store is %s, and says so", async (mode, number) => {
    const o = await seedOrder(ws.id, fake, { name: `#${number}`, order_number: number });
    fake.setMode(mode);
    const started = clock.now();
    const [one, byName, byProfile] = [
      await getOrder(`/api/orders/${o.id}`),
      await getOrders(`/api/orders?q=${number}`),
      await getOrders(`/api/profiles/${o.profileId}/orders`),
    ];
    expect(clock.now() - started).toBeLessThan(4000);
    for (const r of [one, byName, byProfile]) {
      expect(r.status).toBe(200);
      expect(r.body.source).toBe("cache");
      expect(r.body.storeError).toMatch(/did not answer|unexpected|refused/);
    }
    expect(one.body.order.id).toBe(o.id);
    expect(byName.body.orders.map((x) => x.id)).toEqual([o.id]);
    expect(byProfile.body.orders.map((x) => x.id)).toContain(o.id);
  });

  it("answers from D1 alone when no store is connected", async () => {
    const offline = await storeWorkspace();
    const o = await seedOrder(offline.id, null, { name: "#3001", order_number: 3001 });
    const res = await getOrders("/api/orders?q=%233001", offline.support.token);
    expect(res.body).toMatchObject({ source: "cache", orders: [{ id: o.id }] });
    expect(res.body.storeError).toBeUndefined();
    expect(fake.calls).toEqual([]);
  });

  it("isolates tenants and refuses non-inbox roles", async () => {
    const o = await seedOrder(ws.id, fake, { name: "#4001", order_number: 4001 });
    const other = await createWorkspace();
    expect((await getOrder(`/api/orders/${o.id}`, other.support.token)).status).toBe(404);
    expect((await getOrders("/api/orders?q=4001", other.support.token)).body.orders).toEqual([]);
    expect((await getOrders(`/api/profiles/${o.profileId}/orders`, other.support.token)).status).toBe(404);
    const analyst = await addAgent(ws.owner.token, "Ana Lyst", "analyst");
    for (const path of [`/api/orders/${o.id}`, "/api/orders?q=4001", `/api/profiles/${o.profileId}/orders`]) {
      expect((await get(path, analyst.token)).status).toBe(403);
      expect((await get(path, "")).status).toBe(401);
    }
    expect((await get("/api/orders/not-an-id")).status).toBe(404);
    expect((await get("/api/orders/999999")).status).toBe(404);
  });
});
