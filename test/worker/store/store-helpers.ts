// Store test helpers: Shopify-shaped webhook payloads, posting them signed exactly as Shopify signs
// (base64 of the HMAC-SHA256 digest of the raw body, keyed with the webhook secret; computed here independently of the
// worker's own code), and connecting a store.
import { SELF } from "cloudflare:test";
import type { z } from "zod";
import { OrderActionResponse, ShopifyApplied, ShopifyWebhookResponse, type StoreOrder } from "../../../shared/schemas";
import { ShopifyOrderPayload } from "../../../shared/schemas/shopify-payloads";
import { fromOrderPayload } from "../../../worker/src/integrations/shopify-map";
import { BASE, createWorkspace, getProfile, toReply, type Reply, type TestWorkspace } from "../helpers";

export const SHOP = "northwind-test.myshopify.com";
export const ADMIN_TOKEN = "shpat_test_admin_token";
export const WEBHOOK_SECRET = "shopify-webhook-secret-for-tests";

/** A workspace whose store webhooks are signed with WEBHOOK_SECRET; `connected` also sets the Admin API token. */
export async function storeWorkspace(opts: { connected?: boolean } = {}): Promise<TestWorkspace> {
  return createWorkspace({
    settings: { shopify: { shopDomain: SHOP, webhookSecret: WEBHOOK_SECRET, ...(opts.connected ? { adminToken: ADMIN_TOKEN } : {}) } },
  });
}

export async function shopifyHmac(secret: string, raw: string): Promise<string> {
  const utf8 = new TextEncoder();
  const key = await crypto.subtle.importKey("raw", utf8.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const digest = new Uint8Array(await crypto.subtle.sign("HMAC", key, utf8.encode(raw)));
  return btoa(String.fromCharCode(...digest));
}

let delivery = 0;
export interface ShopifyPostOptions {
  webhookId?: string;
  secret?: string;
  hmac?: string;
  raw?: string;
}
/**
 * Posts a webhook signed as Shopify signs it. The body is read with the shared ShopifyWebhookResponse (handled, ignored or
 * duplicate); give `schema: ShopifyApplied` to read `applied` and `profileId` of a handled topic.
 */
export async function postShopify(workspaceId: string, topic: string, payload: unknown, opts?: ShopifyPostOptions): Promise<Reply<ShopifyWebhookResponse>>;
export async function postShopify<S extends z.ZodTypeAny>(
  workspaceId: string,
  topic: string,
  payload: unknown,
  opts: ShopifyPostOptions & { schema: S },
): Promise<Reply<z.output<S>>>;
export async function postShopify(
  workspaceId: string,
  topic: string,
  payload: unknown,
  opts: ShopifyPostOptions & { schema?: z.ZodTypeAny } = {},
): Promise<Reply<unknown>> {
  const raw = opts.raw ?? JSON.stringify(payload);
  const res = await SELF.fetch(`${BASE}/webhooks/${workspaceId}/shopify`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-shopify-topic": topic,
      "x-shopify-shop-domain": SHOP,
      "x-shopify-api-version": "2026-10",
      "x-shopify-webhook-id": opts.webhookId ?? `wh-${++delivery}-${crypto.randomUUID()}`,
      "x-shopify-hmac-sha256": opts.hmac ?? (await shopifyHmac(opts.secret ?? WEBHOOK_SECRET, raw)),
    },
    body: raw,
  });
  return toReply(`POST /webhooks/${workspaceId}/shopify (${topic})`, res.status, await res.text(), opts.schema ?? ShopifyWebhookResponse);
}

let seq = 0;
/** Fields of a Shopify payload a test replaces or adds (ids are JSON numbers, as Shopify sends them). */
export type PayloadOverrides = { id?: number; order_number?: number } & Record<string, unknown>;

/** An orders/create payload in Shopify's REST shape (trimmed; ids of realistic size, below 2^53), customised by `over`. */
export function orderPayload(over: PayloadOverrides = {}) {
  seq += 1;
  const id = over.id ?? 5_600_000_000_000 + seq;
  const number = over.order_number ?? 10_000 + seq;
  return {
    id,
    admin_graphql_id: `gid://shopify/Order/${id}`,
    name: `#${number}`,
    order_number: number,
    email: "jon@example.com",
    phone: null,
    currency: "USD",
    financial_status: "paid",
    fulfillment_status: null,
    cancelled_at: null,
    total_price: "199.00",
    current_total_price: "199.00",
    created_at: "2026-10-01T10:00:00-04:00",
    updated_at: "2026-10-01T10:00:05-04:00",
    customer: { id: 7_200_000_000_001, email: "jon@example.com", phone: null, first_name: "Jon", last_name: "Snow", updated_at: "2026-10-01T10:00:00-04:00" },
    billing_address: { country_code: "US" },
    shipping_address: { country_code: "US" },
    line_items: [
      lineItem(13_500_000_000_000 + seq * 10, "Trailblazer 45L Backpack", "Slate", 1, "149.00", "TB45-SL"),
      lineItem(13_500_000_000_001 + seq * 10, "Trail Socks (3-pack)", "M", 2, "25.00", "TS3-M"),
    ],
    ...over,
  };
}

export function lineItem(id: number, title: string, variant: string | null, quantity: number, price: string, sku: string) {
  return {
    id,
    admin_graphql_id: `gid://shopify/LineItem/${id}`,
    title,
    variant_title: variant,
    quantity,
    current_quantity: quantity,
    fulfillable_quantity: quantity,
    price,
    sku,
    product_id: 632910392 + (id % 97),
    variant_id: 808950810 + (id % 89),
    name: `${title} - ${variant}`,
  };
}

export const customerPayload = (over: Record<string, unknown> = {}) => ({
  id: 7_200_000_000_777,
  email: "bob.norman@example.com",
  phone: "+16136120707",
  first_name: "Bob",
  last_name: "Norman",
  created_at: "2026-09-01T12:00:00-04:00",
  updated_at: "2026-09-01T12:00:00-04:00",
  state: "enabled",
  default_address: { country_code: "CA" },
  ...over,
});

export const ordersOfProfile = async (token: string, profileId: string) => (await getProfile(token, profileId)).body;

/** Delivers an order by webhook (into D1) and puts the same order in the fake store; returns the payload and its profile. */
export async function seedOrder(workspaceId: string, fake: { put(o: StoreOrder): unknown } | null, over: PayloadOverrides = {}) {
  const payload = orderPayload(over);
  const res = await postShopify(workspaceId, "orders/create", payload, { schema: ShopifyApplied });
  if (res.status !== 200) throw new Error(`seeding order failed: ${JSON.stringify(res.json)}`);
  if (res.body.profileId === null) throw new Error(`seeded order ${payload.id} is linked to no profile (give it an email or a phone)`);
  fake?.put(fromOrderPayload(ShopifyOrderPayload.parse(payload), "US"));
  return { payload, id: String(payload.id), profileId: res.body.profileId };
}

/** POST an order action with its Idempotency-Key (a fresh UUID unless given; null sends none). */
export async function orderAction<S extends z.ZodTypeAny = typeof OrderActionResponse>(
  token: string,
  path: string,
  body: unknown,
  key: string | null = crypto.randomUUID(),
  schema?: S,
): Promise<Reply<z.output<S>>> {
  const res = await SELF.fetch(`${BASE}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...(key ? { "idempotency-key": key } : {}) },
    body: JSON.stringify(body),
  });
  return toReply(`POST ${path}`, res.status, await res.text(), schema ?? OrderActionResponse) as Reply<z.output<S>>;
}
