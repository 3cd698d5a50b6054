// Store orders as the worker returns them (shared/schemas/store.ts), and how the panel shows their amounts.
import type { OrderLineItem, StoreOrder } from "../../shared/schemas";

export type Order = StoreOrder;
export type OrderLine = OrderLineItem;

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
