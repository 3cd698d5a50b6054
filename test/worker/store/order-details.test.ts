// What an order card shows beyond the lines: shipments with carrier and tracking, the shipping address, shipping and
// refunded amounts, note and tags — from the store's webhook (REST shape) and from the Admin API (GraphQL shape) alike.
import { describe, expect, it } from "vitest";
import { OrderResponse } from "../../../shared/schemas";
import { api, type TestWorkspace } from "../helpers";
import { seedOrder } from "./store-helpers";
import type { FakeShopify } from "./shopify-fake";
import { connectedStore } from "./connected-store";

let ws: TestWorkspace;
let fake: FakeShopify;
connectedStore({ workspace: (w) => (ws = w), fake: (f) => (fake = f) });

const shipped = {
  fulfillment_status: "fulfilled",
  fulfillments: [
    {
      id: 4_100_000_001,
      status: "success",
      shipment_status: "in_transit",
      tracking_company: "UPS",
      tracking_number: "1Z999AA10123456784",
      tracking_url: "https://www.ups.com/track?tracknum=1Z999AA10123456784",
      created_at: "2026-10-02T09:00:00-04:00",
    },
  ],
  shipping_address: {
    first_name: "Jon",
    last_name: "Snow",
    address1: "1 Wall St",
    address2: null,
    city: "New York",
    province: "New York",
    province_code: "NY",
    zip: "10005",
    country_code: "US",
    phone: null,
  },
  total_shipping_price_set: { shop_money: { amount: "9.50", currency_code: "USD" } },
  refunds: [{ id: 1, transactions: [{ kind: "refund", status: "success", amount: "25.00" }] }],
  note: "Leave at the door",
  tags: "VIP, gift",
};

describe("order details", () => {
  it("keeps shipments, address, amounts, note and tags from the webhook, and reads the same from the store", async () => {
    const o = await seedOrder(ws.id, null, shipped);
    const expected = {
      fulfillments: [
        {
          id: "4100000001",
          status: "success",
          shipmentStatus: "in_transit",
          trackingCompany: "UPS",
          trackingNumber: "1Z999AA10123456784",
          trackingUrl: "https://www.ups.com/track?tracknum=1Z999AA10123456784",
          createdAt: "2026-10-02T13:00:00.000Z",
        },
      ],
      shippingAddress: { name: "Jon Snow", address1: "1 Wall St", city: "New York", provinceCode: "NY", zip: "10005", countryCode: "US" },
      shippingPrice: "9.50",
      totalRefunded: "25.00",
      note: "Leave at the door",
      tags: ["VIP", "gift"],
    };
    // Not in the fake store yet: the answer is D1's copy of the webhook.
    const cached = await api(ws.support.token, "GET", `/api/orders/${o.id}`, undefined, OrderResponse);
    expect(cached.body.source).toBe("cache");
    expect(cached.body.order).toMatchObject(expected);

    // The store holds it: the GraphQL answer maps to the same card.
    fake.put(cached.body.order);
    const live = await api(ws.support.token, "GET", `/api/orders/${o.id}`, undefined, OrderResponse);
    expect(live.body.source).toBe("store");
    expect(live.body.order).toMatchObject(expected);
    expect(fake.calls.map((c) => c.operation)).toContain("order");
  });
});
