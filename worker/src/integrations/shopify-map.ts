// Shopify order shapes ↔ Sidedesk's StoreOrder: REST webhook payloads and Admin GraphQL orders map to one form,
// with statuses as lowercase words ("paid", "unfulfilled", "partially_fulfilled") whichever API they came from.
import type { MailingAddress, OrderFulfillment, OrderLineItem, StoreOrder } from "../../../shared/schemas";
import type { ShopifyOrderPayload } from "../../../shared/schemas/shopify-payloads";
import { sumAmounts } from "../../../shared/rules/money";
import { toE164 } from "../domain/phone";
import type { GqlMailingAddress, GqlOrder } from "./shopify-queries";

export const gid = (type: string, id: string) => `gid://shopify/${type}/${id}`;
/** The numeric id at the end of a Shopify GID (or the id itself when it is already numeric). */
export const legacyId = (id: string) => /(\d+)$/.exec(id)?.[1] ?? id;

const REST_FULFILLMENT: Record<string, string> = { partial: "partially_fulfilled" };
const numberFromName = (name: string) => {
  const digits = /(\d+)\D*$/.exec(name)?.[1];
  return digits ? Number(digits) : null;
};

export function fromOrderPayload(p: ShopifyOrderPayload, country: string): StoreOrder {
  const fulfilled = p.fulfillment_status === "fulfilled";
  return {
    id: p.id,
    adminGraphqlId: p.admin_graphql_id ?? gid("Order", p.id),
    name: p.name,
    orderNumber: p.order_number ?? numberFromName(p.name),
    profileId: null,
    customerId: p.customer?.id ?? null,
    email: (p.email ?? p.customer?.email)?.toLowerCase() ?? null,
    phone: orderPhone(p, country),
    financialStatus: p.financial_status?.toLowerCase() ?? null,
    fulfillmentStatus: p.fulfillment_status ? (REST_FULFILLMENT[p.fulfillment_status] ?? p.fulfillment_status.toLowerCase()) : "unfulfilled",
    cancelledAt: p.cancelled_at ? new Date(p.cancelled_at).toISOString() : null,
    currency: p.currency,
    totalPrice: p.current_total_price ?? p.total_price,
    lineItems: p.line_items.map((li): OrderLineItem => {
      const quantity = li.current_quantity ?? li.quantity;
      const done = li.fulfillable_quantity !== undefined ? Math.max(0, quantity - li.fulfillable_quantity) : fulfilled ? quantity : 0;
      return {
        id: li.id,
        adminGraphqlId: li.admin_graphql_id ?? gid("LineItem", li.id),
        title: li.title,
        variantTitle: li.variant_title,
        quantity,
        fulfilledQuantity: done,
        price: li.price,
        sku: li.sku,
        productId: li.product_id ?? null,
        variantId: li.variant_id ?? null,
        restockable: li.variant_id != null,
      };
    }),
    createdAt: new Date(p.created_at).toISOString(),
    updatedAt: new Date(p.updated_at).toISOString(),
    fulfillments: (p.fulfillments ?? []).map(
      (f): OrderFulfillment => ({
        id: f.id,
        status: (f.status ?? "success").toLowerCase(),
        shipmentStatus: f.shipment_status?.toLowerCase() ?? null,
        trackingCompany: f.tracking_company,
        trackingNumber: f.tracking_number,
        trackingUrl: f.tracking_url,
        createdAt: new Date(f.created_at).toISOString(),
      }),
    ),
    shippingAddress: restAddress(p.shipping_address),
    shippingPrice: sumAmounts([p.total_shipping_price_set?.shop_money.amount ?? 0]),
    totalRefunded: sumAmounts(
      (p.refunds ?? []).flatMap((r) => r.transactions.filter((t) => t.kind === "refund" && (t.status ?? "success") === "success").map((t) => t.amount)),
    ),
    note: p.note?.trim() || null,
    tags: splitTags(p.tags),
  };
}

export const splitTags = (tags: string | null | undefined): string[] =>
  (tags ?? "")
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean);

function restAddress(a: ShopifyOrderPayload["shipping_address"]): MailingAddress | null {
  if (!a?.address1 || !a.city || !a.country_code) return null;
  const name = a.name ?? ([a.first_name, a.last_name].filter(Boolean).join(" ") || null);
  return {
    name,
    address1: a.address1,
    address2: a.address2,
    city: a.city,
    province: a.province,
    provinceCode: a.province_code,
    zip: a.zip,
    countryCode: a.country_code.toUpperCase(),
    phone: a.phone,
  };
}

function gqlAddress(a: GqlMailingAddress | null): MailingAddress | null {
  if (!a?.address1 || !a.city || !a.countryCodeV2) return null;
  return {
    name: a.name,
    address1: a.address1,
    address2: a.address2,
    city: a.city,
    province: a.province,
    provinceCode: a.provinceCode,
    zip: a.zip,
    countryCode: a.countryCodeV2,
    phone: a.phone,
  };
}

export function toGqlAddress(a: MailingAddress | null): GqlMailingAddress | null {
  if (!a) return null;
  return { ...a, countryCodeV2: a.countryCode };
}

/** The order's phone, else the customer's, read in the address country when Shopify gives one, else the shop's. */
export function orderPhone(p: ShopifyOrderPayload, shopCountry: string): string | null {
  const country = p.billing_address?.country_code ?? p.shipping_address?.country_code ?? p.customer?.default_address?.country_code ?? shopCountry;
  return toE164(p.phone, country) ?? toE164(p.customer?.phone, country);
}

export function fromGqlOrder(o: GqlOrder, country: string): StoreOrder {
  const id = o.legacyResourceId ?? legacyId(o.id);
  return {
    id,
    adminGraphqlId: o.id,
    name: o.name,
    orderNumber: numberFromName(o.name),
    profileId: null,
    customerId: o.customer ? legacyId(o.customer.id) : null,
    email: o.email?.toLowerCase() ?? null,
    phone: toE164(o.phone, country),
    financialStatus: o.displayFinancialStatus?.toLowerCase() ?? null,
    fulfillmentStatus: o.displayFulfillmentStatus.toLowerCase(),
    cancelledAt: o.cancelledAt ? new Date(o.cancelledAt).toISOString() : null,
    currency: o.currentTotalPriceSet.shopMoney.currencyCode,
    totalPrice: o.currentTotalPriceSet.shopMoney.amount,
    lineItems: o.lineItems.nodes.map((li) => ({
      id: legacyId(li.id),
      adminGraphqlId: li.id,
      title: li.title,
      variantTitle: li.variantTitle,
      quantity: li.currentQuantity,
      fulfilledQuantity: Math.max(0, li.currentQuantity - li.unfulfilledQuantity),
      price: li.originalUnitPriceSet.shopMoney.amount,
      sku: li.sku,
      productId: li.product ? legacyId(li.product.id) : null,
      variantId: li.variant ? legacyId(li.variant.id) : null,
      restockable: li.restockable,
    })),
    createdAt: new Date(o.createdAt).toISOString(),
    updatedAt: new Date(o.updatedAt).toISOString(),
    fulfillments: o.fulfillments.map((f) => ({
      id: legacyId(f.id),
      status: f.status.toLowerCase(),
      shipmentStatus: f.displayStatus?.toLowerCase() ?? null,
      trackingCompany: f.trackingInfo[0]?.company ?? null,
      trackingNumber: f.trackingInfo[0]?.number ?? null,
      trackingUrl: f.trackingInfo[0]?.url ?? null,
      createdAt: new Date(f.createdAt).toISOString(),
    })),
    shippingAddress: gqlAddress(o.shippingAddress),
    shippingPrice: sumAmounts([o.totalShippingPriceSet.shopMoney.amount]),
    totalRefunded: sumAmounts([o.totalRefundedSet.shopMoney.amount]),
    note: o.note,
    tags: o.tags,
  };
}

/** StoreOrder → the Admin GraphQL Order shape (used by the fake store). */
export function toGqlOrder(o: StoreOrder): GqlOrder {
  return {
    id: o.adminGraphqlId,
    legacyResourceId: o.id,
    name: o.name,
    email: o.email,
    phone: o.phone,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
    cancelledAt: o.cancelledAt,
    displayFinancialStatus: o.financialStatus?.toUpperCase() ?? null,
    displayFulfillmentStatus: (o.fulfillmentStatus ?? "unfulfilled").toUpperCase(),
    currentTotalPriceSet: { shopMoney: { amount: o.totalPrice, currencyCode: o.currency } },
    totalRefundedSet: { shopMoney: { amount: o.totalRefunded } },
    totalShippingPriceSet: { shopMoney: { amount: o.shippingPrice } },
    note: o.note,
    tags: o.tags,
    customer: o.customerId ? { id: gid("Customer", o.customerId) } : null,
    shippingAddress: toGqlAddress(o.shippingAddress),
    fulfillments: o.fulfillments.map((f) => ({
      id: gid("Fulfillment", f.id),
      status: f.status.toUpperCase(),
      displayStatus: f.shipmentStatus?.toUpperCase() ?? null,
      createdAt: f.createdAt,
      trackingInfo: f.trackingNumber || f.trackingCompany ? [{ company: f.trackingCompany, number: f.trackingNumber, url: f.trackingUrl }] : [],
    })),
    lineItems: {
      nodes: o.lineItems.map((li) => ({
        id: li.adminGraphqlId,
        title: li.title,
        variantTitle: li.variantTitle,
        quantity: li.quantity,
        currentQuantity: li.quantity,
        unfulfilledQuantity: li.quantity - li.fulfilledQuantity,
        refundableQuantity: li.quantity,
        restockable: li.restockable,
        sku: li.sku,
        originalUnitPriceSet: { shopMoney: { amount: li.price } },
        variant: li.variantId ? { id: gid("ProductVariant", li.variantId) } : null,
        product: li.productId ? { id: gid("Product", li.productId) } : null,
      })),
    },
  };
}
