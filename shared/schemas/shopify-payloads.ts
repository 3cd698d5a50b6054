// Shopify webhook payloads as Shopify sends them (REST shapes): customers and orders. The worker's alone, so they are
// not in the schema index the side panel loads.
import { z } from "zod";

/** Shopify REST ids are JSON numbers (int64, below 2^53 in practice); some tools send them as strings. */
const ShopifyId = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/, "numeric id")]).transform(String);
const Money = z.union([z.string().regex(/^-?\d+(\.\d+)?$/, "decimal amount"), z.number()]).transform(String);
const When = z.string().refine((s) => !Number.isNaN(Date.parse(s)), "an ISO 8601 date-time");
const Text = z
  .string()
  .max(1000)
  .nullish()
  .transform((s) => (s?.trim() ? s.trim() : null));
const Address = z
  .object({
    country_code: z.string().nullish(),
    city: Text,
    province: Text,
    province_code: Text,
    phone: Text,
    name: Text,
    first_name: Text,
    last_name: Text,
    address1: Text,
    address2: Text,
    zip: Text,
  })
  .passthrough()
  .nullish();
const ShopMoney = z.object({ shop_money: z.object({ amount: Money }).passthrough() }).passthrough();
const ShopifyFulfillmentPayload = z
  .object({
    id: ShopifyId,
    status: z.string().nullish(),
    shipment_status: z.string().nullish(),
    tracking_company: Text,
    tracking_number: Text,
    tracking_url: Text,
    created_at: When,
  })
  .passthrough();
const ShopifyRefundPayload = z
  .object({
    transactions: z
      .array(z.object({ kind: z.string().nullish(), status: z.string().nullish(), amount: Money }).passthrough())
      .max(100)
      .default([]),
  })
  .passthrough();

/** `customers/create`, `customers/update` bodies, and the `customer` object inside an order. */
export const ShopifyCustomerPayload = z
  .object({
    id: ShopifyId,
    email: Text,
    phone: Text,
    first_name: Text,
    last_name: Text,
    updated_at: When,
    default_address: Address,
  })
  .passthrough();
export type ShopifyCustomerPayload = z.infer<typeof ShopifyCustomerPayload>;

export const ShopifyLineItemPayload = z
  .object({
    id: ShopifyId,
    admin_graphql_id: z.string().optional(),
    title: z.string().min(1).max(500),
    variant_title: Text,
    quantity: z.number().int().min(0),
    current_quantity: z.number().int().min(0).optional(),
    fulfillable_quantity: z.number().int().min(0).optional(),
    price: Money,
    sku: Text,
    product_id: ShopifyId.nullish(),
    variant_id: ShopifyId.nullish(),
  })
  .passthrough();

/** `orders/create`, `orders/updated`, `orders/cancelled` bodies (the fields Sidedesk uses; the rest pass through). */
export const ShopifyOrderPayload = z
  .object({
    id: ShopifyId,
    admin_graphql_id: z.string().optional(),
    name: z.string().min(1).max(100),
    order_number: z.number().int().nonnegative().optional(),
    email: Text,
    phone: Text,
    customer: ShopifyCustomerPayload.partial({ updated_at: true }).nullish(),
    financial_status: z.string().nullish(),
    fulfillment_status: z.string().nullish(),
    cancelled_at: When.nullish(),
    currency: z.string().regex(/^[A-Z]{3}$/, "ISO 4217 currency code"),
    total_price: Money,
    current_total_price: Money.optional(),
    created_at: When,
    updated_at: When,
    line_items: z.array(ShopifyLineItemPayload).max(500),
    billing_address: Address,
    shipping_address: Address,
    fulfillments: z.array(ShopifyFulfillmentPayload).max(100).optional(),
    refunds: z.array(ShopifyRefundPayload).max(100).optional(),
    total_shipping_price_set: ShopMoney.nullish(),
    note: z.string().max(5000).nullish(),
    /** Comma-separated, as Shopify sends them. */
    tags: z.string().max(5000).nullish(),
  })
  .passthrough();
export type ShopifyOrderPayload = z.infer<typeof ShopifyOrderPayload>;

export const SHOPIFY_TOPICS = ["orders/create", "orders/updated", "orders/cancelled", "customers/create", "customers/update"] as const;
