// Admin GraphQL operations behind the order actions beyond edit and cancel, and zod schemas of their answers:
// suggestedRefund → refundCreate (with the @idempotent directive, required for refunds since 2026-04),
// discountCodeBasicCreate / codeDiscountNodeByCode, orderUpdate (address, note, tags), and replacement draft orders.
import { z } from "zod";
import { GqlOrder, ORDER_FIELDS, UserError } from "./shopify-queries";

const Money = z.object({ shopMoney: z.object({ amount: z.string(), currencyCode: z.string() }) });

export const SUGGESTED_REFUND = `query SidedeskSuggestedRefund($id: ID!, $refundLineItems: [RefundLineItemInput!], $refundShipping: Boolean, $shippingAmount: Money, $suggestFullRefund: Boolean) {
  order(id: $id) {
    id
    transactions(first: 20) { id kind status gateway }
    suggestedRefund(refundLineItems: $refundLineItems, refundShipping: $refundShipping, shippingAmount: $shippingAmount, suggestFullRefund: $suggestFullRefund) {
      amountSet { shopMoney { amount currencyCode } }
      subtotalSet { shopMoney { amount currencyCode } }
      totalTaxSet { shopMoney { amount currencyCode } }
      maximumRefundableSet { shopMoney { amount currencyCode } }
      shipping { amountSet { shopMoney { amount currencyCode } } maximumRefundableSet { shopMoney { amount currencyCode } } }
      refundLineItems { lineItem { id title } quantity restockType subtotalSet { shopMoney { amount currencyCode } } }
      suggestedTransactions { gateway kind parentTransaction { id } amountSet { shopMoney { amount currencyCode } } }
    }
  }
}`;

export const GqlSuggestedRefund = z.object({
  amountSet: Money,
  subtotalSet: Money,
  totalTaxSet: Money,
  maximumRefundableSet: Money,
  shipping: z.object({ amountSet: Money, maximumRefundableSet: Money }),
  refundLineItems: z.array(
    z.object({ lineItem: z.object({ id: z.string(), title: z.string() }), quantity: z.number().int(), restockType: z.string(), subtotalSet: Money }),
  ),
  suggestedTransactions: z.array(
    z.object({ gateway: z.string(), kind: z.string(), parentTransaction: z.object({ id: z.string() }).nullable(), amountSet: Money }),
  ),
});
export type GqlSuggestedRefund = z.infer<typeof GqlSuggestedRefund>;
export const GqlTransaction = z.object({ id: z.string(), kind: z.string(), status: z.string(), gateway: z.string() });
export const SuggestedRefundAnswer = z.object({
  order: z.object({ id: z.string(), transactions: z.array(GqlTransaction), suggestedRefund: GqlSuggestedRefund }).nullable(),
});

export const REFUND_CREATE = `mutation SidedeskRefundCreate($input: RefundInput!, $idempotencyKey: String!) {
  refundCreate(input: $input) @idempotent(key: $idempotencyKey) {
    refund { id createdAt totalRefundedSet { shopMoney { amount currencyCode } } }
    order { ...OrderFields }
    userErrors { field message }
  }
}${ORDER_FIELDS}`;
export const RefundCreateAnswer = z.object({
  refundCreate: z.object({
    refund: z.object({ id: z.string(), createdAt: z.string(), totalRefundedSet: Money }).nullable(),
    order: GqlOrder.nullable(),
    userErrors: z.array(UserError),
  }),
});

const DISCOUNT_FIELDS = `codeDiscountNode {
      id
      codeDiscount {
        ... on DiscountCodeBasic {
          title status startsAt endsAt usageLimit appliesOncePerCustomer
          codes(first: 1) { nodes { code } }
          customerGets { value { ... on DiscountPercentage { percentage } ... on DiscountAmount { amount { amount currencyCode } appliesOnEachItem } } }
        }
      }
    }`;
export const DISCOUNT_CREATE = `mutation SidedeskDiscountCreate($basicCodeDiscount: DiscountCodeBasicInput!) {
  discountCodeBasicCreate(basicCodeDiscount: $basicCodeDiscount) {
    ${DISCOUNT_FIELDS}
    userErrors { field message code }
  }
}`;
export const DISCOUNT_BY_CODE = `query SidedeskDiscountByCode($code: String!) {
  codeDiscountNodeByCode(code: $code) { id codeDiscount { ... on DiscountCodeBasic { title status startsAt endsAt usageLimit appliesOncePerCustomer codes(first: 1) { nodes { code } } customerGets { value { ... on DiscountPercentage { percentage } ... on DiscountAmount { amount { amount currencyCode } appliesOnEachItem } } } } } }
}`;
export const GqlCodeDiscountNode = z.object({
  id: z.string(),
  codeDiscount: z.object({
    title: z.string(),
    status: z.string(),
    startsAt: z.string(),
    endsAt: z.string().nullable(),
    usageLimit: z.number().int().nullable(),
    appliesOncePerCustomer: z.boolean(),
    codes: z.object({ nodes: z.array(z.object({ code: z.string() })) }),
    customerGets: z.object({
      value: z.union([
        z.object({ percentage: z.number() }),
        z.object({ amount: z.object({ amount: z.string(), currencyCode: z.string() }), appliesOnEachItem: z.boolean() }),
      ]),
    }),
  }),
});
export type GqlCodeDiscountNode = z.infer<typeof GqlCodeDiscountNode>;
export const DiscountCreateAnswer = z.object({
  discountCodeBasicCreate: z.object({ codeDiscountNode: GqlCodeDiscountNode.nullable(), userErrors: z.array(UserError) }),
});
export const DiscountByCodeAnswer = z.object({ codeDiscountNodeByCode: GqlCodeDiscountNode.nullable() });

export const ORDER_UPDATE = `mutation SidedeskOrderUpdate($input: OrderInput!) {
  orderUpdate(input: $input) {
    order { ...OrderFields }
    userErrors { field message }
  }
}${ORDER_FIELDS}`;
export const OrderUpdateAnswer = z.object({ orderUpdate: z.object({ order: GqlOrder.nullable(), userErrors: z.array(UserError) }) });

export const DRAFT_ORDERS_BY_TAG = `query SidedeskDraftOrders($query: String!) {
  draftOrders(first: 1, query: $query) { nodes { id name status order { ...OrderFields } } }
}${ORDER_FIELDS}`;
const GqlDraftOrder = z.object({ id: z.string(), name: z.string(), status: z.string(), order: GqlOrder.nullable() });
export const DraftOrdersAnswer = z.object({ draftOrders: z.object({ nodes: z.array(GqlDraftOrder) }) });

export const DRAFT_ORDER_CREATE = `mutation SidedeskDraftOrderCreate($input: DraftOrderInput!) {
  draftOrderCreate(input: $input) {
    draftOrder { id name status order { ...OrderFields } }
    userErrors { field message }
  }
}${ORDER_FIELDS}`;
export const DraftOrderCreateAnswer = z.object({ draftOrderCreate: z.object({ draftOrder: GqlDraftOrder.nullable(), userErrors: z.array(UserError) }) });

export const DRAFT_ORDER_COMPLETE = `mutation SidedeskDraftOrderComplete($id: ID!) {
  draftOrderComplete(id: $id) {
    draftOrder { id name status order { ...OrderFields } }
    userErrors { field message }
  }
}${ORDER_FIELDS}`;
export const DraftOrderCompleteAnswer = z.object({ draftOrderComplete: z.object({ draftOrder: GqlDraftOrder.nullable(), userErrors: z.array(UserError) }) });
