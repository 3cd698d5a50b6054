// Store (Shopify) data: the orders the API returns and the bodies of the edit and cancel actions. The webhook payloads
// Shopify sends are in shopify-payloads.ts (the worker's, not in the schema index).
import { z } from "zod";
import { IsoTime } from "./common";

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
