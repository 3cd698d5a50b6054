// Profile stats: the pure rule, table-tested, and the profile panel that shows it with recent orders.
import { describe, expect, it } from "vitest";
import { churnRisk, profileStats, type StatsOrder } from "../../../worker/src/domain/profile-stats";
import { getProfile } from "../helpers";
import { seedOrder, storeWorkspace } from "./store-helpers";

const NOW = Date.parse("2026-11-20T12:00:00Z");
const DAY = 86_400_000;
const order = (daysAgo: number, total: string, cancelled = false): StatsOrder => ({
  totalPrice: total,
  currency: "USD",
  createdAt: new Date(NOW - daysAgo * DAY).toISOString(),
  cancelledAt: cancelled ? new Date(NOW - daysAgo * DAY + 3600_000).toISOString() : null,
});

describe("profileStats", () => {
  it.each([
    {
      name: "no orders",
      orders: [],
      want: { lifetimeValue: 0, orderCount: 0, currency: null, expectedNextOrderAt: null, churnRisk: null, averageDaysBetweenOrders: null },
    },
    {
      name: "one order: value, but no prediction",
      orders: [order(10, "49.90")],
      want: { lifetimeValue: 49.9, orderCount: 1, expectedNextOrderAt: null, churnRisk: null },
    },
    {
      name: "cancelled orders do not count",
      orders: [order(40, "100.00"), order(20, "30.00", true)],
      want: { lifetimeValue: 100, orderCount: 1, cancelledCount: 1, churnRisk: null },
    },
    {
      name: "monthly buyer, 10 days since: low",
      orders: [order(70, "20.00"), order(40, "20.00"), order(10, "20.00")],
      want: { lifetimeValue: 60, orderCount: 3, averageDaysBetweenOrders: 30, expectedNextOrderAt: new Date(NOW + 20 * DAY).toISOString(), churnRisk: "low" },
    },
    {
      name: "monthly buyer, 60 days since: medium",
      orders: [order(120, "10.10"), order(90, "10.20"), order(60, "10.30")],
      want: { lifetimeValue: 30.6, averageDaysBetweenOrders: 30, churnRisk: "medium" },
    },
    {
      name: "monthly buyer, 100 days since: high",
      orders: [order(130, "5.00"), order(100, "5.00")],
      want: { churnRisk: "high", expectedNextOrderAt: new Date(NOW - 70 * DAY).toISOString() },
    },
    { name: "same-day orders use a one-day gap floor", orders: [order(3, "1.00"), order(3, "1.00")], want: { averageDaysBetweenOrders: 1, churnRisk: "high" } },
    {
      name: "order of input does not matter",
      orders: [order(10, "20.00"), order(70, "20.00"), order(40, "20.00")],
      want: { lastOrderAt: new Date(NOW - 10 * DAY).toISOString(), churnRisk: "low" },
    },
  ])("$name", ({ orders, want }) => {
    expect(profileStats(orders, 4, NOW)).toMatchObject({ ticketCount: 4, ...want });
  });

  it.each([
    [0, "low"],
    [1.49, "low"],
    [1.5, "medium"],
    [2.99, "medium"],
    [3, "high"],
    [10, "high"],
  ] as const)("churn risk at %s gaps is %s", (gaps, risk) => {
    expect(churnRisk(gaps)).toBe(risk);
  });
});

describe("GET /api/profiles/:id", () => {
  it("returns the profile with activity, tickets, recent orders with lines, and stats from D1", async () => {
    const ws = await storeWorkspace();
    const who = { email: "stats@example.com", customer: null };
    const first = await seedOrder(ws.id, null, { ...who, total_price: "80.00", current_total_price: "80.00", created_at: "2026-08-01T10:00:00Z" });
    await seedOrder(ws.id, null, { ...who, total_price: "20.50", current_total_price: "20.50", created_at: "2026-09-01T10:00:00Z" });
    await seedOrder(ws.id, null, {
      ...who,
      total_price: "999.00",
      current_total_price: "999.00",
      created_at: "2026-09-15T10:00:00Z",
      cancelled_at: "2026-09-15T11:00:00Z",
    });
    const res = await getProfile(ws.support.token, first.profileId);
    expect(res.status).toBe(200);
    expect(res.body.orders).toHaveLength(3);
    expect(res.body.orders[0]?.lineItems).toHaveLength(2);
    expect(res.body.orders[0]?.adminUrl).toMatch(/^https:\/\/northwind-test\.myshopify\.com\/admin\/orders\/\d+$/);
    expect(res.body.stats).toMatchObject({
      lifetimeValue: 100.5,
      currency: "USD",
      orderCount: 2,
      cancelledCount: 1,
      averageDaysBetweenOrders: 31,
      ticketCount: 0,
      expectedNextOrderAt: "2026-10-02T10:00:00.000Z",
      churnRisk: expect.stringMatching(/^(low|medium|high)$/),
    });
    const placed = await getProfile(ws.support.token, first.profileId, "?metric=Placed%20Order");
    expect(placed.body.activity).toHaveLength(3);
    const cancelled = await getProfile(ws.support.token, first.profileId, "?metric=Cancelled%20Order");
    expect(cancelled.body.activity).toEqual([expect.objectContaining({ properties: expect.objectContaining({ value: 999 }) })]);
  });
});
