// Store orders as the worker returns them (shared/schemas/store.ts), and how the panel shows their amounts.
import type { OrderLineItem, StoreOrder } from "../../shared/schemas";
import { i18n } from "./i18n.svelte";

export type Order = StoreOrder;
export type OrderLine = OrderLineItem;

export function money(amount: string | null, currency: string): string {
  if (amount === null) return "";
  const n = Number(amount);
  if (!Number.isFinite(n)) return amount;
  try {
    return new Intl.NumberFormat(i18n.locale, { style: "currency", currency }).format(n);
  } catch {
    return `${amount} ${currency}`;
  }
}
