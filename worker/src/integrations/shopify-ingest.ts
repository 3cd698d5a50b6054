// Applies store data to D1: orders and customers (versioned upserts), their profile (found or created by email or
// phone, given the store customer id and name), and order activity ("Placed Order", "Cancelled Order") on the profile.
// Every step is idempotent, so a delivery applied twice (or a refresh racing a webhook) changes nothing more.
import type { StoreOrder } from "../../../shared/schemas";
import type { ShopifyCustomerPayload, ShopifyOrderPayload } from "../../../shared/schemas/shopify-payloads";
import type { Env } from "../env";
import { toE164 } from "../domain/phone";
import { placeFromAddress } from "../domain/customer-place";
import { recordPlace } from "../db/profile-place";
import { eventProfile } from "../webhooks/event-profile";
import { insertProfileEvent } from "../db/profiles";
import { upsertOrder } from "../db/orders";
import { linkProfileToCustomer, upsertStoreCustomer } from "../db/store-customers";
import { fromOrderPayload } from "./shopify-map";
import { dbFor } from "../db/shards";

interface Who {
  email: string | null;
  phone: string | null;
  name: string | null;
  customerId: string | null;
}

const fullName = (first: string | null | undefined, last: string | null | undefined) => [first, last].filter(Boolean).join(" ") || null;

/** The profile for these keys, created when missing; null when the store knows neither an email nor a phone. */
export async function linkProfile(env: Env, workspaceId: string, who: Who): Promise<string | null> {
  if (!who.email && !who.phone) return null;
  const profile = await eventProfile(env, workspaceId, {
    ...(who.email ? { email: who.email } : {}),
    ...(who.phone ? { phone: who.phone } : {}),
    ...(who.name ? { name: who.name } : {}),
  });
  if (who.customerId) await linkProfileToCustomer(dbFor(env, workspaceId), workspaceId, profile.id, who.customerId, who.name);
  return profile.id;
}

export async function ingestOrderPayload(env: Env, workspaceId: string, country: string, p: ShopifyOrderPayload) {
  const order = fromOrderPayload(p, country);
  const name = fullName(p.customer?.first_name, p.customer?.last_name);
  const result = await storeOrder(env, workspaceId, order, name);
  if (p.customer) {
    const c = p.customer;
    await upsertStoreCustomer(dbFor(env, workspaceId), workspaceId, {
      id: c.id,
      profileId: result.profileId,
      email: c.email?.toLowerCase() ?? order.email,
      phone: toE164(c.phone, country) ?? order.phone,
      firstName: c.first_name,
      lastName: c.last_name,
      updatedAt: Date.parse(c.updated_at ?? p.updated_at),
    });
    if (result.profileId) await recordAddressPlace(env, workspaceId, result.profileId, c, country);
  }
  return result;
}

/** The customer's default address as the profile's place (the most precise source there is). */
function recordAddressPlace(env: Env, workspaceId: string, profileId: string, c: Pick<ShopifyCustomerPayload, "default_address" | "phone">, country: string) {
  const a = c.default_address;
  const local = a?.country_code ?? country;
  return recordPlace(dbFor(env, workspaceId), workspaceId, profileId, placeFromAddress(a, [toE164(a?.phone, local), toE164(c.phone, local)]));
}

/** Links, upserts and records the activity of one order, from a webhook or from a store refresh. */
export async function storeOrder(env: Env, workspaceId: string, order: StoreOrder, name: string | null) {
  const profileId = order.profileId ?? (await linkProfile(env, workspaceId, { email: order.email, phone: order.phone, name, customerId: order.customerId }));
  const { applied } = await upsertOrder(dbFor(env, workspaceId), workspaceId, { ...order, profileId });
  if (profileId) await recordOrderActivity(dbFor(env, workspaceId), workspaceId, profileId, order);
  return { applied, profileId };
}

export async function recordOrderActivity(db: D1Database, workspaceId: string, profileId: string, o: StoreOrder) {
  const properties = {
    orderId: o.name,
    orderNumber: o.orderNumber,
    value: Number(o.totalPrice),
    currency: o.currency,
    source: "shopify",
    items: o.lineItems.map((li) => (li.quantity > 1 ? `${li.title} ×${li.quantity}` : li.title)),
  };
  await insertProfileEvent(db, { id: `shopify:order:${o.id}:placed`, workspaceId, profileId, metric: "Placed Order", properties, at: Date.parse(o.createdAt) });
  if (o.cancelledAt) {
    await insertProfileEvent(db, {
      id: `shopify:order:${o.id}:cancelled`,
      workspaceId,
      profileId,
      metric: "Cancelled Order",
      properties,
      at: Date.parse(o.cancelledAt),
    });
  }
}

export async function ingestCustomerPayload(env: Env, workspaceId: string, country: string, c: ShopifyCustomerPayload) {
  const email = c.email?.toLowerCase() ?? null;
  const phone = toE164(c.phone, c.default_address?.country_code ?? country);
  const name = fullName(c.first_name, c.last_name);
  const profileId = await linkProfile(env, workspaceId, { email, phone, name, customerId: c.id });
  const applied = await upsertStoreCustomer(dbFor(env, workspaceId), workspaceId, {
    id: c.id,
    profileId,
    email,
    phone,
    firstName: c.first_name,
    lastName: c.last_name,
    updatedAt: Date.parse(c.updated_at),
  });
  if (profileId) await recordAddressPlace(env, workspaceId, profileId, c, country);
  return { applied, profileId };
}
