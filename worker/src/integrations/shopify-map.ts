// Shopify order shapes ↔ Sidedesk's StoreOrder: REST webhook payloads and Admin GraphQL orders map to one form,
// with statuses as lowercase words ("paid", "unfulfilled", "partially_fulfilled") whichever API they came from.
import type { OrderLineItem, ShopifyOrderPayload, StoreOrder } from "../../../shared/schemas";
import { toE164 } from "../domain/phone";
import type { GqlOrder } from "./shopify-queries";

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
      };
    }),
    createdAt: new Date(p.created_at).toISOString(),
    updatedAt: new Date(p.updated_at).toISOString(),
  };
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
    })),
    createdAt: new Date(o.createdAt).toISOString(),
    updatedAt: new Date(o.updatedAt).toISOString(),
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
    customer: o.customerId ? { id: gid("Customer", o.customerId) } : null,
    lineItems: {
      nodes: o.lineItems.map((li) => ({
        id: li.adminGraphqlId,
        title: li.title,
        variantTitle: li.variantTitle,
        quantity: li.quantity,
        currentQuantity: li.quantity,
        unfulfilledQuantity: li.quantity - li.fulfilledQuantity,
        sku: li.sku,
        originalUnitPriceSet: { shopMoney: { amount: li.price } },
        variant: li.variantId ? { id: gid("ProductVariant", li.variantId) } : null,
        product: li.productId ? { id: gid("Product", li.productId) } : null,
      })),
    },
  };
}
