// Which Shopify admin order or customer a URL shows, and what the page tells us about its customer.
import type { AdminContext } from "./schemas";

const ADMIN = /^https:\/\/admin\.shopify\.com\/store\/([^/?#]+)\/(orders|customers)\/(\d+)(?:[/?#]|$)/;

export function parseAdminUrl(url: string): Pick<AdminContext, "store" | "kind" | "id" | "url"> | null {
  const m = ADMIN.exec(url);
  if (!m) return null;
  return { store: m[1]!, kind: m[2] === "orders" ? "order" : "customer", id: m[3]!, url };
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const PHONE = /\+\d[\d\s().-]{7,17}\d/g;
const ORDER_NAME = /#\d{3,10}\b/;

/** Emails, E.164-looking phones and an order name (#1001) visible in the page text. */
export function scrapeHints(text: string): AdminContext["hints"] {
  const uniq = (xs: string[]) => [...new Set(xs)].slice(0, 5);
  const phones = (text.match(PHONE) ?? []).map((p) => `+${p.replace(/\D/g, "")}`).filter((p) => p.length >= 9 && p.length <= 16);
  return {
    emails: uniq((text.match(EMAIL) ?? []).map((e) => e.toLowerCase())).filter((e) => !e.endsWith("shopify.com")),
    phones: uniq(phones),
    orderName: ORDER_NAME.exec(text)?.[0] ?? null,
  };
}

export function adminUrl(store: string, kind: "order" | "customer", id: string): string {
  return `https://admin.shopify.com/store/${encodeURIComponent(store)}/${kind === "order" ? "orders" : "customers"}/${encodeURIComponent(id)}`;
}

/** Shopify ids may arrive as GraphQL gids (gid://shopify/Order/123); the admin wants the number. */
export function numericId(id: string): string {
  return id.split("/").pop() ?? id;
}
