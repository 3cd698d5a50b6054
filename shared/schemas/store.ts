// Store (Shopify) data: webhook payloads as Shopify sends them (REST shapes), the orders the API returns,
// and the bodies of the order actions (edit a line's quantity, cancel).
import { z } from "zod";
import { IsoTime } from "./common";

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

/** One line of an order as Sidedesk keeps it (D1 JSON column, API responses). */
export const OrderLineItem = z.object({
  id: z.string(),
  adminGraphqlId: z.string(),
  title: z.string(),
  variantTitle: z.string().nullable(),
  quantity: z.number().int().min(0),
  fulfilledQuantity: z.number().int().min(0),
  price: z.string(),
  sku: z.string().nullable(),
  productId: z.string().nullable(),
  variantId: z.string().nullable(),
  /** Whether the store can put it back in stock (Shopify: false once the variant is gone). */
  restockable: z.boolean().default(true),
});
export type OrderLineItem = z.infer<typeof OrderLineItem>;

/** One shipment of an order, with its carrier's tracking (Shopify: Fulfillment.trackingInfo, the first one). */
export const OrderFulfillment = z.object({
  id: z.string(),
  /** success, cancelled, error, failure, open, pending (lowercase). */
  status: z.string(),
  /** The carrier's last word when known: in_transit, out_for_delivery, delivered, failure… (lowercase). */
  shipmentStatus: z.string().nullable(),
  trackingCompany: z.string().nullable(),
  trackingNumber: z.string().nullable(),
  trackingUrl: z.string().nullable(),
  createdAt: IsoTime,
});
export type OrderFulfillment = z.infer<typeof OrderFulfillment>;

export const MailingAddress = z.object({
  name: z.string().max(255).nullable().default(null),
  address1: z.string().max(255),
  address2: z.string().max(255).nullable().default(null),
  city: z.string().max(255),
  province: z.string().max(255).nullable().default(null),
  provinceCode: z.string().max(10).nullable().default(null),
  zip: z.string().max(20).nullable().default(null),
  countryCode: z.string().regex(/^[A-Z]{2}$/, "ISO 3166-1 alpha-2 country code"),
  phone: z.string().max(40).nullable().default(null),
});
export type MailingAddress = z.infer<typeof MailingAddress>;

export const StoreOrder = z.object({
  id: z.string(),
  adminGraphqlId: z.string(),
  name: z.string(),
  orderNumber: z.number().int().nullable(),
  profileId: z.string().nullable(),
  customerId: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  financialStatus: z.string().nullable(),
  fulfillmentStatus: z.string().nullable(),
  cancelledAt: IsoTime.nullable(),
  currency: z.string(),
  totalPrice: z.string(),
  lineItems: z.array(OrderLineItem),
  createdAt: IsoTime,
  updatedAt: IsoTime,
  fulfillments: z.array(OrderFulfillment).default([]),
  shippingAddress: MailingAddress.nullable().default(null),
  /** Shipping charged, and everything refunded so far, in the order's currency. */
  shippingPrice: z.string().default("0.00"),
  totalRefunded: z.string().default("0.00"),
  note: z.string().nullable().default(null),
  tags: z.array(z.string()).default([]),
  /** The order's page in the store admin (API responses only, when the shop domain is set). */
  adminUrl: z.string().url().optional(),
});
export type StoreOrder = z.infer<typeof StoreOrder>;

/** Where an order answer came from: the live store, or Sidedesk's D1 copy (store slow, down, or not connected). */
export const OrderSource = z.enum(["store", "cache"]);
export type OrderSource = z.infer<typeof OrderSource>;

const TicketRef = z
  .string()
  .regex(/^[0-9a-f]{64}$/, "ticket id")
  .optional();

export const EditQuantityBody = z
  .object({
    lineItemId: z.string().min(1).max(128),
    quantity: z.number().int().min(0).max(10_000),
    restock: z.boolean().default(true),
    notifyCustomer: z.boolean().default(true),
    staffNote: z.string().trim().max(255).optional(),
    ticketId: TicketRef,
  })
  .strict();
export type EditQuantityBody = z.infer<typeof EditQuantityBody>;

export const CancelReason = z.enum(["customer", "inventory", "fraud", "declined", "other", "staff"]);
export const CancelOrderBody = z
  .object({
    reason: CancelReason,
    refund: z.boolean(),
    restock: z.boolean(),
    notifyCustomer: z.boolean().default(true),
    staffNote: z.string().trim().max(255).optional(),
    ticketId: TicketRef,
  })
  .strict();
export type CancelOrderBody = z.infer<typeof CancelOrderBody>;
