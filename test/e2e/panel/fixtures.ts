// Store and email fixtures for the panel e2e: Shopify orders delivered as signed webhooks, and raw MIME email posted to
// wrangler dev's local email handler — the same doors real providers use.
// @ts-expect-error plain JS helpers shared with npm start
import { postShopify } from "../../../scripts/lib/dev.mjs";
import { testNow } from "../clock";
import type { Stack } from "./harness";

export const SHOP = { shopDomain: "e2e-shop.myshopify.com", webhookSecret: "e2e-shopify-webhook-secret", adminToken: "shpat_e2e_admin_token" };
export const INBOUND = "support@inbox.northwind.example";
export const SUPPORT_FROM = "help@northwind.example";

let delivery = 0;
/** An orders/create webhook in Shopify's REST shape, signed with the workspace's webhook secret. */
export async function order(
  stack: Stack,
  o: {
    number: number;
    email: string;
    phone: string;
    first: string;
    last: string;
    lines: [string, string | null, number, string][];
    /** Shipped in full (every line fulfilled), `daysAgo` days ago (default 10). */
    fulfilled?: boolean;
    daysAgo?: number;
    /** The shipment's carrier tracking (only with `fulfilled`). */
    tracking?: { company: string; number: string; url: string; status?: string };
    shippingPrice?: string;
  },
) {
  const id = 6_100_000_000_000 + o.number;
  const lineItems = o.lines.map(([title, variant, quantity, price], k) => {
    const lineId = id * 10 + k;
    return {
      id: lineId,
      admin_graphql_id: `gid://shopify/LineItem/${lineId}`,
      title,
      variant_title: variant,
      name: variant ? `${title} - ${variant}` : title,
      quantity,
      current_quantity: quantity,
      fulfillable_quantity: o.fulfilled ? 0 : quantity,
      price,
      sku: `SKU-${k}`,
      product_id: 8_100_000_000 + k,
      variant_id: 45_000_000_000 + k,
    };
  });
  const total = (o.lines.reduce((sum, [, , q, price]) => sum + q * Number(price), 0) + Number(o.shippingPrice ?? 0)).toFixed(2);
  const created = new Date(testNow() - (o.daysAgo ?? 10) * 86_400_000).toISOString();
  const payload = {
    id,
    admin_graphql_id: `gid://shopify/Order/${id}`,
    name: `#${o.number}`,
    order_number: o.number,
    email: o.email,
    phone: o.phone,
    currency: "USD",
    financial_status: "paid",
    fulfillment_status: o.fulfilled ? "fulfilled" : null,
    cancelled_at: null,
    total_price: total,
    current_total_price: total,
    subtotal_price: total,
    created_at: created,
    updated_at: created,
    processed_at: created,
    customer: {
      id: 7_300_000_000_000 + o.number,
      email: o.email,
      phone: o.phone,
      first_name: o.first,
      last_name: o.last,
      created_at: created,
      updated_at: created,
      state: "enabled",
    },
    billing_address: { country_code: "US" },
    shipping_address: {
      first_name: o.first,
      last_name: o.last,
      address1: "1 Main St",
      city: "Washington",
      province_code: "DC",
      zip: "20001",
      country_code: "US",
    },
    total_shipping_price_set: { shop_money: { amount: o.shippingPrice ?? "0.00", currency_code: "USD" } },
    fulfillments:
      o.fulfilled && o.tracking
        ? [
            {
              id: id * 10 + 9,
              status: "success",
              shipment_status: o.tracking.status ?? "in_transit",
              tracking_company: o.tracking.company,
              tracking_number: o.tracking.number,
              tracking_url: o.tracking.url,
              created_at: created,
            },
          ]
        : [],
    line_items: lineItems,
  };
  const r: { status: number; text: string } = await postShopify(
    stack.base,
    stack.workspaceId,
    SHOP.webhookSecret,
    "orders/create",
    payload,
    `e2e-order-${o.number}-${++delivery}`,
  );
  if (r.status !== 200) throw new Error(`orders/create ${o.number} → ${r.status} ${r.text}`);
}

/** A raw MIME email (text + HTML alternative, two attachments) delivered to the workspace's inbound address. */
export async function email(
  stack: Stack,
  m: { fromName: string; from: string; subject: string; text: string; html: string; attachments: { name: string; type: string; data: string | Buffer }[] },
) {
  const id = `<e2e-${Date.now()}-${++delivery}@mail.example.com>`;
  const mixed = "mixed-e2e-boundary",
    alt = "alt-e2e-boundary";
  const b64 = (s: string | Buffer) => (typeof s === "string" ? Buffer.from(s, "utf8") : s).toString("base64").replace(/.{76}/g, "$&\r\n");
  const raw = [
    `From: ${m.fromName} <${m.from}>`,
    `To: ${INBOUND}`,
    `Subject: ${m.subject}`,
    `Message-ID: ${id}`,
    `Date: ${new Date(testNow()).toUTCString()}`,
    "MIME-Version: 1.0",
    `Content-Type: multipart/mixed; boundary="${mixed}"`,
    "",
    `--${mixed}`,
    `Content-Type: multipart/alternative; boundary="${alt}"`,
    "",
    `--${alt}`,
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: base64",
    "",
    b64(m.text),
    `--${alt}`,
    "Content-Type: text/html; charset=utf-8",
    "Content-Transfer-Encoding: base64",
    "",
    b64(m.html),
    `--${alt}--`,
    ...m.attachments.flatMap((a) => [
      `--${mixed}`,
      `Content-Type: ${a.type}; name="${a.name}"`,
      `Content-Disposition: attachment; filename="${a.name}"`,
      "Content-Transfer-Encoding: base64",
      "",
      b64(a.data),
    ]),
    `--${mixed}--`,
    "",
  ].join("\r\n");
  const res = await fetch(`${stack.base}/cdn-cgi/handler/email?from=${encodeURIComponent(m.from)}&to=${encodeURIComponent(INBOUND)}`, {
    method: "POST",
    body: raw,
  });
  if (!res.ok) throw new Error(`email handler → ${res.status} ${await res.text()}`);
}
