// Predictive profile stats from a customer's orders: lifetime value, order count, expected next order, churn risk.
// Deliberately simple and explainable (no model): cancelled orders do not count; predictions need at least 2 orders.
//   expected next order = last order + average gap between orders
//   churn risk = days since last order ÷ average gap:  < 1.5 → low,  < 3 → medium,  otherwise high
import type { ProfileStats } from "../../../shared/schemas";

export interface StatsOrder {
  totalPrice: string;
  currency: string;
  createdAt: string;
  cancelledAt: string | null;
}

export type ChurnRisk = NonNullable<ProfileStats["churnRisk"]>;
export type { ProfileStats };

const DAY = 86_400_000;
/** Two orders on the same day must not make the average gap zero (every later day would read as churn). */
const MIN_GAP = DAY;

export function profileStats(orders: readonly StatsOrder[], ticketCount: number, now: number): ProfileStats {
  const placed = orders
    .filter((o) => o.cancelledAt === null)
    .map((o) => ({ ...o, at: Date.parse(o.createdAt) }))
    .sort((a, b) => a.at - b.at);
  const cents = placed.reduce((sum, o) => sum + Math.round(Number(o.totalPrice) * 100), 0);
  const last = placed.at(-1);
  const base: ProfileStats = {
    lifetimeValue: cents / 100,
    currency: last?.currency ?? null,
    orderCount: placed.length,
    cancelledCount: orders.length - placed.length,
    lastOrderAt: last ? new Date(last.at).toISOString() : null,
    averageDaysBetweenOrders: null,
    expectedNextOrderAt: null,
    churnRisk: null,
    ticketCount,
  };
  const first = placed[0];
  if (!first || !last || placed.length < 2) return base;
  const gap = Math.max((last.at - first.at) / (placed.length - 1), MIN_GAP);
  return {
    ...base,
    averageDaysBetweenOrders: Math.round((gap / DAY) * 10) / 10,
    expectedNextOrderAt: new Date(last.at + gap).toISOString(),
    churnRisk: churnRisk((now - last.at) / gap),
  };
}

export function churnRisk(gapsSinceLastOrder: number): ChurnRisk {
  if (gapsSinceLastOrder < 1.5) return "low";
  if (gapsSinceLastOrder < 3) return "medium";
  return "high";
}
