// Store orders as the panel shows them. The order routes are new, so their JSON is read tolerantly
// (camelCase or D1 snake_case) and normalised into one shape.
import { z } from "zod";

const str = z.union([z.string(), z.number()]).transform(String);
const optStr = str.nullish().transform((v) => v ?? null);

export const OrderLine = z.preprocess(camelize, z.object({
  id: str, title: z.string().default("Item"), variantTitle: optStr, quantity: z.coerce.number().int().default(1),
  price: optStr, sku: optStr,
}));
export type OrderLine = z.infer<typeof OrderLine>;

export const Order = z.preprocess(camelize, z.object({
  id: str, name: z.string(), createdAt: optStr, financialStatus: optStr, fulfillmentStatus: optStr, cancelledAt: optStr,
  currency: z.string().nullish().transform((v) => v ?? "USD"), totalPrice: optStr, email: optStr, phone: optStr, profileId: optStr,
  customerId: optStr, adminUrl: optStr, lineItems: z.array(OrderLine).default([]),
}));
export type Order = z.infer<typeof Order>;

export const OrderList = z.object({ orders: z.array(Order) });
export const OrderResponse = z.object({ order: Order.optional() }).passthrough();

function camelize(v: unknown): unknown {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(v)) out[k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())] = val;
  if (out.lineItemsJson && !out.lineItems && typeof out.lineItemsJson === "string") {
    try { out.lineItems = JSON.parse(out.lineItemsJson); } catch { /* leave empty */ }
  }
  return out;
}

export function money(amount: string | null, currency: string): string {
  if (amount === null) return "";
  const n = Number(amount);
  if (!Number.isFinite(n)) return amount;
  try {
    return new Intl.NumberFormat(undefined, { style: "currency", currency }).format(n);
  } catch {
    return `${amount} ${currency}`;
  }
}
