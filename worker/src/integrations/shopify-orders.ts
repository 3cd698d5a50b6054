// Order operations against the live store: look up, edit a line's quantity (begin → set quantity → commit), cancel.
// Store refusals (userErrors) become StoreRefused with Shopify's messages; transport trouble is StoreUnavailable.
import type { CancelOrderBody, EditQuantityBody, OrderLineItem, StoreOrder } from "../../../shared/schemas";
import type { Env } from "../env";
import { adminCall, type CallOptions, type StoreConnection } from "./shopify-admin";
import { fromGqlOrder, gid, legacyId } from "./shopify-map";
import {
  CancelAnswer,
  EditBeginAnswer,
  EditCommitAnswer,
  EditSetQuantityAnswer,
  ORDER_CANCEL,
  ORDER_EDIT_BEGIN,
  ORDER_EDIT_COMMIT,
  ORDER_EDIT_SET_QUANTITY,
  ORDER_QUERY,
  ORDERS_QUERY,
  OrderAnswer,
  OrdersAnswer,
  type UserError,
} from "./shopify-queries";

export class StoreRefused extends Error {
  constructor(readonly errors: UserError[]) {
    super(errors.map((e) => e.message).join(" ") || "The store refused the change.");
  }
}

/** Throws the store's refusal when it answered with userErrors. */
export const refuseIf = (errors: UserError[]) => {
  if (errors.length) throw new StoreRefused(errors);
};

export async function fetchStoreOrder(env: Env, conn: StoreConnection, id: string, opts: CallOptions): Promise<StoreOrder | null> {
  const { order } = await adminCall(env, conn, ORDER_QUERY, { id: gid("Order", legacyId(id)) }, OrderAnswer, opts);
  return order ? fromGqlOrder(order, conn.countryCode) : null;
}

/** Shopify search syntax, e.g. `name:1001`, `customer_id:42`, `email:a@b.example`. */
export async function searchStoreOrders(env: Env, conn: StoreConnection, query: string, opts: CallOptions, first = 10): Promise<StoreOrder[]> {
  const { orders } = await adminCall(env, conn, ORDERS_QUERY, { first, query }, OrdersAnswer, opts);
  return orders.nodes.map((o) => fromGqlOrder(o, conn.countryCode));
}

export async function setLineQuantity(env: Env, conn: StoreConnection, order: StoreOrder, line: OrderLineItem, body: EditQuantityBody): Promise<StoreOrder> {
  const begun = (await adminCall(env, conn, ORDER_EDIT_BEGIN, { id: order.adminGraphqlId }, EditBeginAnswer)).orderEditBegin;
  refuseIf(begun.userErrors);
  const calculated = begun.calculatedOrder;
  if (!calculated) throw new StoreRefused([{ message: "The store did not open an edit of this order." }]);
  // A calculated line item carries the numeric id of the order line it stands for.
  const calcLine = calculated.lineItems.nodes.find((n) => legacyId(n.id) === line.id);
  if (!calcLine) throw new StoreRefused([{ field: ["lineItemId"], message: `The store cannot edit “${line.title}” on this order.` }]);
  const set = (
    await adminCall(
      env,
      conn,
      ORDER_EDIT_SET_QUANTITY,
      { id: calculated.id, lineItemId: calcLine.id, quantity: body.quantity, restock: body.restock },
      EditSetQuantityAnswer,
    )
  ).orderEditSetQuantity;
  refuseIf(set.userErrors);
  const committed = (
    await adminCall(
      env,
      conn,
      ORDER_EDIT_COMMIT,
      { id: calculated.id, notifyCustomer: body.notifyCustomer, staffNote: body.staffNote ?? null },
      EditCommitAnswer,
    )
  ).orderEditCommit;
  refuseIf(committed.userErrors);
  if (!committed.order) throw new StoreRefused([{ message: "The store did not return the edited order." }]);
  return fromGqlOrder(committed.order, conn.countryCode);
}

/** Starts the store's cancellation job (Shopify cancels asynchronously and then sends orders/cancelled). */
export async function cancelStoreOrder(env: Env, conn: StoreConnection, order: StoreOrder, body: CancelOrderBody) {
  const answer = (
    await adminCall(
      env,
      conn,
      ORDER_CANCEL,
      {
        orderId: order.adminGraphqlId,
        reason: body.reason.toUpperCase(),
        refundMethod: { originalPaymentMethodsRefund: body.refund },
        restock: body.restock,
        notifyCustomer: body.notifyCustomer,
        staffNote: body.staffNote ?? null,
      },
      CancelAnswer,
    )
  ).orderCancel;
  refuseIf(answer.orderCancelUserErrors);
  return { job: answer.job };
}
