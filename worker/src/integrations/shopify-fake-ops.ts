// The fake store's behaviour for each Admin GraphQL operation Sidedesk uses, over a small order store (memory in tests,
// D1 in local dev). Refuses what Shopify refuses: editing below the fulfilled quantity, cancelling twice, and so on.
import * as clock from "../clock";
import type { StoreOrder } from "../../../shared/schemas";
import { gid, legacyId, toGqlOrder } from "./shopify-map";
import type { UserError } from "./shopify-queries";

export interface FakeShopData {
  all(): Promise<StoreOrder[]>;
  get(id: string): Promise<StoreOrder | null>;
  save(order: StoreOrder): Promise<void>;
  /** Everything else the store keeps (discount codes, draft orders, refund ledgers, idempotency keys), by kind and key. */
  records: FakeRecords;
}
export interface FakeRecords {
  get(kind: string, key: string): Promise<unknown>;
  put(kind: string, key: string, value: unknown): Promise<void>;
  list(kind: string): Promise<unknown[]>;
}

/** Records in memory (tests). */
export function memoryRecords(): FakeRecords {
  const kinds = new Map<string, Map<string, unknown>>();
  const of = (kind: string) => kinds.get(kind) ?? kinds.set(kind, new Map()).get(kind)!;
  return {
    get: async (kind, key) => structuredClone(of(kind).get(key) ?? null),
    put: async (kind, key, value) => {
      of(kind).set(key, structuredClone(value));
    },
    list: async (kind) => [...of(kind).values()].map((v) => structuredClone(v)),
  };
}

interface EditSession {
  orderId: string;
  staged: Map<string, { quantity: number; restock: boolean }>;
}
/** Open edit sessions by calculated-order id (module-wide: the three edit calls may arrive on different requests). */
const sessions = new Map<string, EditSession>();
let nextSession = 1;

const money = (n: number) => n.toFixed(2);
/** Shopify timestamps move forward on every change; keep them strictly increasing even within one millisecond. */
const bump = (prev: string) => new Date(Math.max(clock.now(), Date.parse(prev) + 1000)).toISOString();

/** Shopify search syntax, the parts the fake understands: `name:1001` / `name:#1001`, `customer_id:N`, `email:x`. */
export function matchesSearch(o: StoreOrder, query: string | null | undefined): boolean {
  if (!query?.trim()) return true;
  const m = /^(\w+):(.+)$/.exec(query.trim());
  if (!m) return o.name.includes(query.trim());
  const value = m[2]!.trim().replace(/^["']|["']$/g, "");
  switch (m[1]) {
    case "name":
      return o.name.replace(/^#/, "") === value.replace(/^#/, "");
    case "customer_id":
      return o.customerId === legacyId(value);
    case "email":
      return o.email?.toLowerCase() === value.toLowerCase();
    default:
      return false;
  }
}

export async function orderOp(data: FakeShopData, v: { id: string }) {
  const o = await data.get(legacyId(v.id));
  return { order: o ? toGqlOrder(o) : null };
}

export async function ordersOp(data: FakeShopData, v: { first: number; query?: string | null }) {
  const hits = (await data.all())
    .filter((o) => matchesSearch(o, v.query))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .slice(0, v.first);
  return { orders: { nodes: hits.map(toGqlOrder), pageInfo: { hasNextPage: false, endCursor: null } } };
}

export async function editBeginOp(data: FakeShopData, v: { id: string }) {
  const refuse = (message: string) => ({ orderEditBegin: { calculatedOrder: null, orderEditSession: null, userErrors: [{ field: ["id"], message }] } });
  const o = await data.get(legacyId(v.id));
  if (!o) return refuse("The order does not exist.");
  if (o.cancelledAt) return refuse("The order is cancelled and can't be edited.");
  const n = nextSession++;
  sessions.set(gid("CalculatedOrder", String(n)), { orderId: o.id, staged: new Map() });
  const lineItems = o.lineItems.map((li) => ({
    id: gid("CalculatedLineItem", li.id),
    quantity: li.quantity,
    editableQuantity: li.quantity - li.fulfilledQuantity,
    title: li.title,
    sku: li.sku,
  }));
  return {
    orderEditBegin: {
      calculatedOrder: { id: gid("CalculatedOrder", String(n)), lineItems: { nodes: lineItems } },
      orderEditSession: { id: gid("OrderEditSession", String(n)) },
      userErrors: [],
    },
  };
}

export async function editSetQuantityOp(data: FakeShopData, v: { id: string; lineItemId: string; quantity: number; restock?: boolean | null }) {
  const refuse = (field: string, message: string) => ({
    orderEditSetQuantity: { calculatedLineItem: null, calculatedOrder: null, userErrors: [{ field: [field], message }] },
  });
  const session = sessions.get(v.id);
  const o = session ? await data.get(session.orderId) : null;
  if (!session || !o) return refuse("id", "The calculated order does not exist.");
  const line = o.lineItems.find((li) => li.id === legacyId(v.lineItemId));
  if (!line) return refuse("lineItemId", "The line item does not exist on this order.");
  if (v.quantity < line.fulfilledQuantity)
    return refuse("quantity", `Quantity can't be less than the fulfilled quantity (${line.fulfilledQuantity}) of ${line.title}.`);
  session.staged.set(line.id, { quantity: v.quantity, restock: v.restock ?? false });
  return { orderEditSetQuantity: { calculatedLineItem: { id: v.lineItemId, quantity: v.quantity }, calculatedOrder: { id: v.id }, userErrors: [] } };
}

export async function editCommitOp(data: FakeShopData, v: { id: string }) {
  const refuse = (message: string) => ({ orderEditCommit: { order: null, successMessages: null, userErrors: [{ field: ["id"], message }] } });
  const session = sessions.get(v.id);
  const o = session ? await data.get(session.orderId) : null;
  if (!session || !o) return refuse("The calculated order does not exist.");
  if (session.staged.size === 0) return refuse("There are no changes to commit.");
  sessions.delete(v.id);
  let total = Number(o.totalPrice);
  const lineItems = o.lineItems.map((li) => {
    const change = session.staged.get(li.id);
    if (!change) return li;
    total += (change.quantity - li.quantity) * Number(li.price);
    return { ...li, quantity: change.quantity };
  });
  const next: StoreOrder = { ...o, lineItems, totalPrice: money(Math.max(0, total)), updatedAt: bump(o.updatedAt) };
  await data.save(next);
  return { orderEditCommit: { order: toGqlOrder(next), successMessages: ["Order updated"], userErrors: [] } };
}

export interface CancelVars {
  orderId: string;
  reason: string;
  restock: boolean;
  refund?: boolean | null;
  refundMethod?: { originalPaymentMethodsRefund?: boolean | null; storeCreditRefund?: unknown } | null;
  notifyCustomer?: boolean | null;
  staffNote?: string | null;
}

export async function cancelOp(data: FakeShopData, v: CancelVars) {
  const refuse = (e: UserError) => ({ orderCancel: { job: null, orderCancelUserErrors: [e], userErrors: [{ field: e.field, message: e.message }] } });
  const o = await data.get(legacyId(v.orderId));
  if (!o) return refuse({ field: ["orderId"], message: "Order not found.", code: "NOT_FOUND" });
  if (o.cancelledAt) return refuse({ field: ["orderId"], message: "Order has already been cancelled.", code: "INVALID" });
  if (o.lineItems.some((li) => li.fulfilledQuantity > 0))
    return refuse({ field: ["orderId"], message: "Order has fulfilled items; cancel its fulfillments first.", code: "INVALID" });
  if (v.refund == null && v.refundMethod == null)
    return refuse({ field: ["refundMethod"], message: "Either refund or refundMethod must be given.", code: "INVALID" });
  const refund = v.refund ?? Boolean(v.refundMethod?.originalPaymentMethodsRefund || v.refundMethod?.storeCreditRefund);
  const paid = o.financialStatus === "paid" || o.financialStatus === "partially_refunded";
  const financialStatus = refund && paid ? "refunded" : paid ? o.financialStatus : "voided";
  const now = bump(o.updatedAt);
  await data.save({ ...o, cancelledAt: now, financialStatus, updatedAt: now });
  return { orderCancel: { job: { id: gid("Job", crypto.randomUUID()), done: false }, orderCancelUserErrors: [], userErrors: [] } };
}
