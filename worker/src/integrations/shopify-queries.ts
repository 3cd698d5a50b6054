// The Shopify Admin GraphQL operations Sidedesk sends (API version in shopify-admin.ts) and zod schemas of their answers.
// Shapes per shopify.dev/docs/api/admin-graphql: order, orders, orderEditBegin/SetQuantity/Commit, orderCancel (refundMethod).
import { z } from "zod";

export const ORDER_FIELDS = `
fragment OrderFields on Order {
  id legacyResourceId name email phone createdAt updatedAt cancelledAt
  displayFinancialStatus displayFulfillmentStatus
  currentTotalPriceSet { shopMoney { amount currencyCode } }
  totalRefundedSet { shopMoney { amount } }
  totalShippingPriceSet { shopMoney { amount } }
  note tags
  customer { id }
  shippingAddress { name address1 address2 city province provinceCode zip countryCodeV2 phone }
  fulfillments(first: 20) { id status displayStatus createdAt trackingInfo(first: 1) { company number url } }
  lineItems(first: 100) {
    nodes {
      id title variantTitle quantity currentQuantity unfulfilledQuantity refundableQuantity restockable sku
      originalUnitPriceSet { shopMoney { amount } }
      variant { id }
      product { id }
    }
  }
}`;

export const ORDER_QUERY = `query SidedeskOrder($id: ID!) {
  order(id: $id) { ...OrderFields }
}${ORDER_FIELDS}`;

export const ORDERS_QUERY = `query SidedeskOrders($first: Int!, $query: String) {
  orders(first: $first, query: $query, sortKey: CREATED_AT, reverse: true) { nodes { ...OrderFields } }
}${ORDER_FIELDS}`;

export const ORDER_EDIT_BEGIN = `mutation SidedeskOrderEditBegin($id: ID!) {
  orderEditBegin(id: $id) {
    calculatedOrder { id lineItems(first: 100) { nodes { id quantity editableQuantity title sku } } }
    userErrors { field message }
  }
}`;

export const ORDER_EDIT_SET_QUANTITY = `mutation SidedeskOrderEditSetQuantity($id: ID!, $lineItemId: ID!, $quantity: Int!, $restock: Boolean) {
  orderEditSetQuantity(id: $id, lineItemId: $lineItemId, quantity: $quantity, restock: $restock) {
    calculatedLineItem { id quantity }
    calculatedOrder { id }
    userErrors { field message }
  }
}`;

export const ORDER_EDIT_COMMIT = `mutation SidedeskOrderEditCommit($id: ID!, $notifyCustomer: Boolean, $staffNote: String) {
  orderEditCommit(id: $id, notifyCustomer: $notifyCustomer, staffNote: $staffNote) {
    order { ...OrderFields }
    userErrors { field message }
  }
}${ORDER_FIELDS}`;

export const ORDER_CANCEL = `mutation SidedeskOrderCancel($orderId: ID!, $reason: OrderCancelReason!, $refundMethod: OrderCancelRefundMethodInput!, $restock: Boolean!, $notifyCustomer: Boolean, $staffNote: String) {
  orderCancel(orderId: $orderId, reason: $reason, refundMethod: $refundMethod, restock: $restock, notifyCustomer: $notifyCustomer, staffNote: $staffNote) {
    job { id done }
    orderCancelUserErrors { field message code }
  }
}`;

export const UserError = z.object({ field: z.array(z.string()).nullish(), message: z.string(), code: z.string().nullish() });
export type UserError = z.infer<typeof UserError>;

const Ref = z.object({ id: z.string() }).nullable();
const Amount = z.object({ shopMoney: z.object({ amount: z.string() }) });
export const GqlMailingAddress = z.object({
  name: z.string().nullable(),
  address1: z.string().nullable(),
  address2: z.string().nullable(),
  city: z.string().nullable(),
  province: z.string().nullable(),
  provinceCode: z.string().nullable(),
  zip: z.string().nullable(),
  countryCodeV2: z.string().nullable(),
  phone: z.string().nullable(),
});
export type GqlMailingAddress = z.infer<typeof GqlMailingAddress>;
const GqlFulfillment = z.object({
  id: z.string(),
  status: z.string(),
  displayStatus: z.string().nullable(),
  createdAt: z.string(),
  trackingInfo: z.array(z.object({ company: z.string().nullable(), number: z.string().nullable(), url: z.string().nullable() })),
});
export const GqlOrder = z.object({
  id: z.string(),
  legacyResourceId: z.string().nullish(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  cancelledAt: z.string().nullable(),
  displayFinancialStatus: z.string().nullable(),
  displayFulfillmentStatus: z.string(),
  currentTotalPriceSet: z.object({ shopMoney: z.object({ amount: z.string(), currencyCode: z.string() }) }),
  totalRefundedSet: Amount,
  totalShippingPriceSet: Amount,
  note: z.string().nullable(),
  tags: z.array(z.string()),
  customer: Ref,
  shippingAddress: GqlMailingAddress.nullable(),
  fulfillments: z.array(GqlFulfillment),
  lineItems: z.object({
    nodes: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        variantTitle: z.string().nullable(),
        quantity: z.number().int(),
        currentQuantity: z.number().int(),
        unfulfilledQuantity: z.number().int(),
        refundableQuantity: z.number().int(),
        restockable: z.boolean(),
        sku: z.string().nullable(),
        originalUnitPriceSet: z.object({ shopMoney: z.object({ amount: z.string() }) }),
        variant: Ref,
        product: Ref,
      }),
    ),
  }),
});
export type GqlOrder = z.infer<typeof GqlOrder>;

export const OrderAnswer = z.object({ order: GqlOrder.nullable() });
export const OrdersAnswer = z.object({ orders: z.object({ nodes: z.array(GqlOrder) }) });
export const EditBeginAnswer = z.object({
  orderEditBegin: z.object({
    calculatedOrder: z
      .object({
        id: z.string(),
        lineItems: z.object({
          nodes: z.array(
            z.object({ id: z.string(), quantity: z.number().int(), editableQuantity: z.number().int(), title: z.string(), sku: z.string().nullable() }),
          ),
        }),
      })
      .nullable(),
    userErrors: z.array(UserError),
  }),
});
export const EditSetQuantityAnswer = z.object({
  orderEditSetQuantity: z.object({ calculatedLineItem: z.object({ id: z.string(), quantity: z.number().int() }).nullable(), userErrors: z.array(UserError) }),
});
export const EditCommitAnswer = z.object({ orderEditCommit: z.object({ order: GqlOrder.nullable(), userErrors: z.array(UserError) }) });
export const CancelAnswer = z.object({
  orderCancel: z.object({ job: z.object({ id: z.string(), done: z.boolean() }).nullable(), orderCancelUserErrors: z.array(UserError) }),
});
