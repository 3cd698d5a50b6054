// Store webhooks in workerd: Shopify's HMAC over the raw body, de-duplication by webhook id, every topic,
// out-of-order updates, and profiles linked (or created) by email and by phone.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { ProfileView, ShopifyApplied } from "../../../shared/schemas";
import { api, getProfile, type TestWorkspace } from "../helpers";
import { customerPayload, orderPayload, postShopify, shopifyHmac, storeWorkspace, WEBHOOK_SECRET } from "./store-helpers";
import { shopifySignature } from "../../../worker/src/webhooks/signatures";

let ws: TestWorkspace;
beforeAll(async () => {
  ws = await storeWorkspace();
});

interface OrderRow {
  name: string;
  order_number: number | null;
  email: string | null;
  total_price: string;
  customer_id: string | null;
  financial_status: string | null;
  fulfillment_status: string | null;
  cancelled_at: number | null;
  updated_at: number;
}
const orderRow = (id: string | number) => env.DB.prepare("SELECT * FROM orders WHERE workspace_id = ?1 AND id = ?2").bind(ws.id, String(id)).first<OrderRow>();
const countOrders = async () => (await env.DB.prepare("SELECT COUNT(*) AS n FROM orders WHERE workspace_id = ?1").bind(ws.id).first<{ n: number }>())!.n;
/** The customer panel of the profile a webhook answered with (a null id is asked for as is, and 404s). */
const profileOf = async (id: string | null) => (await api(ws.support.token, "GET", `/api/profiles/${id}`, undefined, ProfileView)).body;

describe("Shopify webhook signature", () => {
  it("matches Shopify's documented recipe: base64 HMAC-SHA256 of the raw body with the webhook secret", async () => {
    const raw = '{"id":1,"note":"ünïcode ✓"}';
    expect(await shopifySignature("hush", raw)).toBe(await shopifyHmac("hush", raw));
    // RFC 4231 test case 2 (key "Jefe"), as base64: the same digest any HMAC-SHA256 library gives.
    expect(await shopifySignature("Jefe", "what do ya want for nothing?")).toBe("W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=");
  });

  it("refuses a wrong, missing or other-secret signature with 401 and stores nothing", async () => {
    const before = await countOrders();
    const p = orderPayload();
    const raw = JSON.stringify(p);
    for (const hmac of ["", "bm90IHRoZSByaWdodCBzaWduYXR1cmU=", await shopifyHmac("another-secret", raw), await shopifyHmac(WEBHOOK_SECRET, `${raw} `)]) {
      const res = await postShopify(ws.id, "orders/create", p, { hmac, raw });
      expect(res.status).toBe(401);
      expect(res.error.code).toBe("invalid_signature");
    }
    expect(await countOrders()).toBe(before);
  });

  it("verifies over the exact raw bytes, whitespace and key order included", async () => {
    const p = orderPayload();
    const raw = JSON.stringify(p, null, 2);
    expect((await postShopify(ws.id, "orders/create", p, { raw })).status).toBe(200);
    expect(await orderRow(p.id)).not.toBeNull();
  });
});

describe("Shopify webhook topics", () => {
  it("orders/create stores the order with its lines and links a profile by email (created, named, customer id set)", async () => {
    const p = orderPayload({
      email: "Ada.Lovelace@Example.com",
      customer: {
        id: 7_200_000_000_100,
        email: "ada.lovelace@example.com",
        first_name: "Ada",
        last_name: "Lovelace",
        phone: null,
        updated_at: "2026-10-01T10:00:00-04:00",
      },
    });
    const res = await postShopify(ws.id, "orders/create", p, { schema: ShopifyApplied });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ topic: "orders/create", applied: true });
    const row = await orderRow(p.id);
    expect(row).toMatchObject({
      name: p.name,
      order_number: p.order_number,
      email: "ada.lovelace@example.com",
      total_price: "199.00",
      customer_id: "7200000000100",
    });
    const panel = await profileOf(res.body.profileId);
    expect(panel.profile).toMatchObject({ name: "Ada Lovelace", email: "ada.lovelace@example.com", storeCustomerId: "7200000000100" });
    expect(panel.orders).toHaveLength(1);
    expect(panel.orders[0]?.lineItems).toEqual([
      expect.objectContaining({ title: "Trailblazer 45L Backpack", variantTitle: "Slate", quantity: 1, price: "149.00", sku: "TB45-SL", fulfilledQuantity: 0 }),
      expect.objectContaining({ title: "Trail Socks (3-pack)", quantity: 2, price: "25.00" }),
    ]);
    expect(panel.activity).toEqual([
      expect.objectContaining({ metric: "Placed Order", properties: expect.objectContaining({ orderId: p.name, value: 199, currency: "USD" }) }),
    ]);
  });

  it("links by phone, reading a national-format number in the address country as E.164", async () => {
    const p = orderPayload({
      email: null,
      phone: "(202) 555-0142",
      customer: { id: 7_200_000_000_200, email: null, phone: null, first_name: "Grace", last_name: "Hopper", updated_at: "2026-10-01T10:00:00-04:00" },
    });
    const res = await postShopify(ws.id, "orders/create", p, { schema: ShopifyApplied });
    expect(res.status).toBe(200);
    expect((await profileOf(res.body.profileId)).profile).toMatchObject({ phone: "+12025550142", name: "Grace Hopper", email: null });
    // The same customer texting in later lands on the same profile.
    const again = await postShopify(ws.id, "orders/create", orderPayload({ email: null, phone: "+1 202-555-0142", customer: null }), {
      schema: ShopifyApplied,
    });
    expect(again.body.profileId).toBe(res.body.profileId);
  });

  it("uses the shop's country for numbers without an address country", async () => {
    const gb = await storeWorkspace();
    await api(gb.owner.token, "PUT", "/api/settings", { shopify: { countryCode: "GB" } });
    const p = orderPayload({ email: null, phone: "020 7946 0018", billing_address: null, shipping_address: null, customer: null });
    const res = await postShopify(gb.id, "orders/create", p, { schema: ShopifyApplied });
    expect((await getProfile(gb.support.token, res.body.profileId!)).body.profile.phone).toBe("+442079460018");
  });

  it("orders/updated replaces an older version; an older updated_at arriving late never overwrites a newer one", async () => {
    const p = orderPayload();
    await postShopify(ws.id, "orders/create", p);
    const newer = { ...p, financial_status: "partially_refunded", fulfillment_status: "partial", updated_at: "2026-10-03T09:00:00-04:00" };
    expect((await postShopify(ws.id, "orders/updated", newer, { schema: ShopifyApplied })).body.applied).toBe(true);
    const stale = { ...p, financial_status: "pending", updated_at: "2026-10-02T09:00:00-04:00" };
    const res = await postShopify(ws.id, "orders/updated", stale, { schema: ShopifyApplied });
    expect(res.status).toBe(200);
    expect(res.body.applied).toBe(false);
    expect(await orderRow(p.id)).toMatchObject({
      financial_status: "partially_refunded",
      fulfillment_status: "partially_fulfilled",
      updated_at: Date.parse(newer.updated_at),
    });
  });

  it("orders/cancelled marks the order cancelled and records a Cancelled Order activity once", async () => {
    const p = orderPayload({ email: "cancel.me@example.com", customer: null });
    const created = await postShopify(ws.id, "orders/create", p, { schema: ShopifyApplied });
    const cancelled = { ...p, cancelled_at: "2026-10-02T08:00:00-04:00", financial_status: "refunded", updated_at: "2026-10-02T08:00:01-04:00" };
    await postShopify(ws.id, "orders/cancelled", cancelled);
    await postShopify(ws.id, "orders/updated", { ...cancelled, updated_at: "2026-10-02T08:00:02-04:00" });
    expect((await orderRow(p.id))?.cancelled_at).toBe(Date.parse(cancelled.cancelled_at));
    const panel = await profileOf(created.body.profileId);
    expect(panel.activity.map((a) => a.metric)).toEqual(["Cancelled Order", "Placed Order"]);
    expect(panel.orders[0]?.cancelledAt).toBe(new Date(cancelled.cancelled_at).toISOString());
  });

  it("customers/create and customers/update create or update the profile and the store customer", async () => {
    const c = customerPayload();
    const res = await postShopify(ws.id, "customers/create", c, { schema: ShopifyApplied });
    expect(res.status).toBe(200);
    expect((await profileOf(res.body.profileId)).profile).toMatchObject({
      email: "bob.norman@example.com",
      phone: "+16136120707",
      name: "Bob Norman",
      storeCustomerId: "7200000000777",
    });
    const upd = await postShopify(
      ws.id,
      "customers/update",
      { ...c, last_name: "Normanton", updated_at: "2026-09-05T12:00:00-04:00" },
      { schema: ShopifyApplied },
    );
    expect(upd.body.profileId).toBe(res.body.profileId);
    const stale = await postShopify(ws.id, "customers/update", { ...c, last_name: "Old", updated_at: "2026-08-01T12:00:00-04:00" }, { schema: ShopifyApplied });
    expect(stale.body.applied).toBe(false);
    const row = await env.DB.prepare("SELECT last_name FROM store_customers WHERE workspace_id = ?1 AND id = ?2")
      .bind(ws.id, "7200000000777")
      .first<{ last_name: string | null }>();
    expect(row?.last_name).toBe("Normanton");
  });

  it("answers 200 and ignores topics it does not handle", async () => {
    const res = await postShopify(ws.id, "products/update", { id: 1, title: "Tent" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ignored: true, topic: "products/update" });
  });
});

describe("Shopify webhook de-duplication and validation", () => {
  it("a repeated X-Shopify-Webhook-Id answers 200 and changes nothing", async () => {
    const p = orderPayload({ email: "dedupe@example.com", customer: null });
    expect((await postShopify(ws.id, "orders/create", p, { webhookId: "dup-1" })).status).toBe(200);
    const changed = { ...p, total_price: "1.00", current_total_price: "1.00", updated_at: "2026-12-01T00:00:00Z" };
    const again = await postShopify(ws.id, "orders/updated", changed, { webhookId: "dup-1" });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ duplicate: true });
    expect((await orderRow(p.id))?.total_price).toBe("199.00");
  });

  it("a malformed payload gets 400 with the issues and stores nothing", async () => {
    const before = await countOrders();
    const { line_items: _l, ...noLines } = orderPayload();
    const res = await postShopify(ws.id, "orders/create", { ...noLines, currency: "dollars" });
    expect(res.status).toBe(400);
    expect(res.error.code).toBe("invalid_request");
    expect(res.error.issues?.map((i) => i.path)).toEqual(expect.arrayContaining(["currency", "line_items"]));
    expect((await postShopify(ws.id, "orders/create", null, { raw: "{not json" })).status).toBe(400);
    expect((await postShopify(ws.id, "customers/create", { id: "x" })).status).toBe(400);
    expect(await countOrders()).toBe(before);
    // A refused delivery was not recorded: once fixed, the same webhook id is applied.
    const fixed = orderPayload();
    expect((await postShopify(ws.id, "orders/create", fixed, { webhookId: "bad-then-good" })).status).toBe(200);
  });

  it("refuses webhooks when no secret is configured, and for unknown workspaces", async () => {
    const bare = await storeWorkspace();
    await api(bare.owner.token, "PUT", "/api/settings", { shopify: { webhookSecret: null } });
    expect((await postShopify(bare.id, "orders/create", orderPayload())).status).toBe(401);
    expect((await postShopify("ws_nope", "orders/create", orderPayload())).status).toBe(404);
  });
});
