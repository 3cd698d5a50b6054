// Demo store data for seed.mjs: Northwind's Shopify settings and ~20 orders for 15 demo customers, delivered as
// signed Shopify webhooks (orders/create, one orders/cancelled, customers/create) exactly as the store would send them.
// Order actions in the panel then go to the dev fake Admin API (SHOPIFY_ADMIN_BASE → /dev/fake-shopify), offline.
import { postShopify } from "./lib/dev.mjs";

export const SHOP = {
  shopDomain: "northwind-outfitters.myshopify.com",
  countryCode: "US",
  adminToken: "shpat_northwind_local_demo_token",
  webhookSecret: "demo-shopify-webhook-secret",
};

const PRODUCTS = {
  backpack: ["Trailblazer 45L Backpack", "Slate", "189.00", "TB45-SLT"],
  jacket: ["Summit Down Jacket", "Women's M / Glacier", "223.20", "SDJ-W-M-GLC"],
  tent: ["Basecamp 4P Tent", "Olive", "349.00", "BC4P-OLV"],
  fleece: ["Alpine Fleece", "L / Charcoal", "89.00", "ALF-L-CHR"],
  poles: ["Trekking Poles", "Carbon", "98.50", "TRK-CRB"],
  socks: ["Trail Socks (3-pack)", "M", "18.00", "TS3-M"],
  shell: ["Alpine Shell", "M / Red", "199.00", "ASH-M-RED"],
  lantern: ["Camp Lantern", null, "59.00", "CL-200"],
  bottle: ["Water Bottle 1L", "Sage", "22.00", "WB1-SGE"],
  boots: ["Ridgeline Hiking Boots", "US 8.5", "149.00", "RHB-085"],
  stove: ["Pocket Stove", null, "44.00", "PST-01"],
};

/** [profile index, order number, days ago, [[product, qty], ...], extra]. Names match the seeded conversations (#1042, ...). */
const ORDERS = [
  [0, 1042, 9, [["backpack", 1]]],
  [
    0,
    1011,
    120,
    [
      ["socks", 2],
      ["bottle", 1],
    ],
    { fulfilled: true },
  ],
  [0, 1024, 64, [["fleece", 1]], { fulfilled: true }],
  [1, 1049, 2, [["jacket", 1]]],
  [
    2,
    1033,
    40,
    [
      ["boots", 1],
      ["socks", 1],
    ],
    { fulfilled: true },
  ],
  [
    3,
    1051,
    5,
    [
      ["tent", 1],
      ["lantern", 1],
    ],
  ],
  [4, 1057, 3, [["fleece", 1]]],
  [4, 1019, 90, [["bottle", 2]], { fulfilled: true }],
  [
    5,
    1060,
    6,
    [
      ["stove", 1],
      ["socks", 3],
    ],
    { cancelled: true },
  ],
  [6, 1028, 55, [["shell", 1]], { fulfilled: true }],
  [
    7,
    1063,
    4,
    [
      ["poles", 1],
      ["socks", 2],
    ],
  ],
  [8, 1038, 30, [["shell", 1]], { fulfilled: true, byPhoneOnly: true }],
  [
    10,
    1044,
    12,
    [
      ["lantern", 1],
      ["stove", 1],
    ],
  ],
  [12, 1015, 200, [["tent", 1]], { fulfilled: true }],
  [12, 1047, 15, [["bottle", 1]]],
  [16, 1066, 3, [["lantern", 1]]],
  [
    17,
    1071,
    1,
    [
      ["socks", 1],
      ["bottle", 1],
    ],
    { byPhoneOnly: true },
  ],
  [19, 1075, 2, [["boots", 1]]],
  [19, 1022, 75, [["socks", 2]], { fulfilled: true }],
  [
    22,
    1053,
    7,
    [
      ["backpack", 1],
      ["bottle", 2],
    ],
  ],
];

const DAY = 86_400_000;
const ORDER_ID_BASE = 5_840_000_000_000;
const CUSTOMER_ID_BASE = 7_310_000_000_000;
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
/** "+12025550108" → "(202) 555-0108": how a US store shows a number it was given (the worker normalises it to E.164). */
const national = (e164) => `(${e164.slice(2, 5)}) ${e164.slice(5, 8)}-${e164.slice(8)}`;

function customerOf(profile, index, createdAt) {
  const [first, ...rest] = profile.name.split(" ");
  return {
    id: CUSTOMER_ID_BASE + index,
    email: profile.email ?? null,
    phone: national(profile.phone),
    first_name: first,
    last_name: rest.join(" "),
    created_at: iso(createdAt),
    updated_at: iso(createdAt),
    state: "enabled",
    default_address: { country_code: "US" },
  };
}

function orderPayload([p, number, daysAgo, lines, extra = {}], profiles, now) {
  const profile = profiles[p];
  const created = now - daysAgo * DAY;
  const id = ORDER_ID_BASE + number;
  const line_items = lines.map(([key, quantity], k) => {
    const [title, variant, price, sku] = PRODUCTS[key];
    const lineId = id * 10 + k;
    return {
      id: lineId,
      admin_graphql_id: `gid://shopify/LineItem/${lineId}`,
      title,
      variant_title: variant,
      name: variant ? `${title} - ${variant}` : title,
      quantity,
      current_quantity: quantity,
      fulfillable_quantity: extra.fulfilled ? 0 : quantity,
      price,
      sku,
      product_id: 8_100_000_000 + Object.keys(PRODUCTS).indexOf(key),
      variant_id: 45_000_000_000 + Object.keys(PRODUCTS).indexOf(key),
    };
  });
  const total = lines.reduce((sum, [key, q]) => sum + Number(PRODUCTS[key][2]) * q, 0).toFixed(2);
  const phoneOnly = extra.byPhoneOnly || !profile.email;
  return {
    id,
    admin_graphql_id: `gid://shopify/Order/${id}`,
    name: `#${number}`,
    order_number: number,
    email: phoneOnly ? null : profile.email,
    phone: national(profile.phone),
    currency: "USD",
    financial_status: extra.cancelled ? "refunded" : "paid",
    fulfillment_status: extra.fulfilled ? "fulfilled" : null,
    cancelled_at: null,
    total_price: total,
    current_total_price: total,
    subtotal_price: total,
    created_at: iso(created),
    updated_at: iso(created + 60_000),
    processed_at: iso(created),
    customer: phoneOnly ? { ...customerOf(profile, p, created), email: null } : customerOf(profile, p, created),
    billing_address: { country_code: "US" },
    shipping_address: addressOf(profile, p),
    total_shipping_price_set: { shop_money: { amount: "0.00", currency_code: "USD" } },
    fulfillments: extra.fulfilled ? [fulfillmentOf(id, number, daysAgo, created)] : [],
    line_items,
  };
}

const STREETS = ["Maple Ave", "Oak St", "Cedar Ln", "Pine Rd", "Elm St", "Birch Way", "Willow Dr", "Spruce Ct"];
const CITIES = [
  ["Washington", "DC", "20001"],
  ["Arlington", "VA", "22201"],
  ["Baltimore", "MD", "21201"],
  ["Philadelphia", "PA", "19103"],
  ["Richmond", "VA", "23219"],
];

/** A plausible US shipping address for a demo customer (same one on every order of theirs). */
function addressOf(profile, p) {
  const [first, ...rest] = profile.name.split(" ");
  const [city, province, zip] = CITIES[p % CITIES.length];
  return {
    first_name: first,
    last_name: rest.join(" "),
    name: profile.name,
    address1: `${100 + p * 7} ${STREETS[p % STREETS.length]}`,
    address2: null,
    city,
    province_code: province,
    zip,
    country_code: "US",
    phone: null,
  };
}

/** One shipment with a carrier's tracking (UPS or USPS by order number), delivered unless it left in the last 4 days. */
function fulfillmentOf(id, number, daysAgo, created) {
  const ups = number % 2 === 0;
  const trackingNumber = ups ? `1Z999AA1${String(number).padStart(10, "0")}` : `9400111899223${String(number).padStart(9, "0")}`;
  return {
    id: id * 10 + 9,
    status: "success",
    shipment_status: daysAgo > 4 ? "delivered" : "in_transit",
    tracking_company: ups ? "UPS" : "USPS",
    tracking_number: trackingNumber,
    tracking_url: ups ? `https://www.ups.com/track?tracknum=${trackingNumber}` : `https://tools.usps.com/go/TrackConfirmAction?tLabels=${trackingNumber}`,
    created_at: iso(created + 20 * 60 * 60 * 1000),
  };
}

/** Posts every demo order (and one cancellation, and the customers) as signed webhooks; returns how many were sent. */
export async function seedStore(base, workspaceId, profiles, now = Date.now()) {
  let sent = 0;
  const send = async (topic, payload, webhookId) => {
    const res = await postShopify(base, workspaceId, SHOP.webhookSecret, topic, payload, webhookId);
    if (res.status !== 200) throw new Error(`Shopify ${topic} ${payload.name ?? payload.id} → ${res.status} ${res.text}`);
    sent += 1;
  };
  const customers = [...new Set(ORDERS.map(([p]) => p))];
  for (const p of customers) await send("customers/create", customerOf(profiles[p], p, now - 365 * DAY), `seed-customer-${p}`);
  for (const order of ORDERS) {
    const payload = orderPayload(order, profiles, now);
    await send("orders/create", payload, `seed-order-${payload.name}-create`);
    if (order[4]?.cancelled) {
      const at = Date.parse(payload.created_at) + 2 * 3_600_000;
      await send(
        "orders/cancelled",
        { ...payload, cancelled_at: iso(at), cancel_reason: "customer", updated_at: iso(at) },
        `seed-order-${payload.name}-cancelled`,
      );
    }
  }
  return { orders: ORDERS.length, webhooks: sent };
}
