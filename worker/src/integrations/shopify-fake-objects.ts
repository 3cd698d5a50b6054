// The fake store's discount codes, order updates and draft orders, with Shopify's rules: codes are unique
// (case-insensitive, userError TAKEN), a shipping address cannot change once anything has shipped, and a draft order
// becomes a real order (next order name, its lines and address) when completed.
import * as clock from "../clock";
import type { MailingAddress, StoreOrder } from "../../../shared/schemas";
import { fromCents, toCents } from "../../../shared/rules/money";
import { gid, legacyId, toGqlOrder } from "./shopify-map";
import type { FakeShopData } from "./shopify-fake-ops";
import type { UserError } from "./shopify-queries";

export interface DiscountInput {
  title: string;
  code: string;
  startsAt: string;
  endsAt?: string | null;
  usageLimit?: number | null;
  appliesOncePerCustomer?: boolean | null;
  context?: { all?: string | null; customers?: { add?: string[] | null } | null } | null;
  customerGets: { value: { percentage?: number | null; discountAmount?: { amount: string; appliesOnEachItem?: boolean | null } | null }; items: unknown };
}
interface StoredDiscount {
  id: string;
  input: DiscountInput;
  currencyCode: string;
}

const bump = (prev: string) => new Date(Math.max(clock.now(), Date.parse(prev) + 1000)).toISOString();

function discountNode(d: StoredDiscount) {
  const i = d.input;
  const value =
    i.customerGets.value.percentage != null
      ? { percentage: i.customerGets.value.percentage }
      : {
          amount: { amount: fromCents(toCents(i.customerGets.value.discountAmount?.amount ?? 0)), currencyCode: d.currencyCode },
          appliesOnEachItem: Boolean(i.customerGets.value.discountAmount?.appliesOnEachItem),
        };
  const expired = i.endsAt ? Date.parse(i.endsAt) <= clock.now() : false;
  return {
    id: d.id,
    codeDiscount: {
      title: i.title,
      status: expired ? "EXPIRED" : Date.parse(i.startsAt) > clock.now() ? "SCHEDULED" : "ACTIVE",
      startsAt: i.startsAt,
      endsAt: i.endsAt ?? null,
      usageLimit: i.usageLimit ?? null,
      appliesOncePerCustomer: Boolean(i.appliesOncePerCustomer),
      codes: { nodes: [{ code: i.code }] },
      customerGets: { value },
    },
  };
}

export async function discountCreateOp(data: FakeShopData, v: { basicCodeDiscount: DiscountInput }) {
  const refuse = (...userErrors: UserError[]) => ({ discountCodeBasicCreate: { codeDiscountNode: null, userErrors } });
  const i = v.basicCodeDiscount;
  const field = (f: string) => ["basicCodeDiscount", f];
  if (!i.title.trim()) return refuse({ field: field("title"), message: "Title can't be blank", code: "BLANK" });
  if (!/^[^\s]{1,255}$/.test(i.code)) return refuse({ field: field("code"), message: "Code is invalid", code: "INVALID" });
  const { percentage, discountAmount } = i.customerGets.value;
  if (percentage != null && !(percentage > 0 && percentage <= 1))
    return refuse({
      field: ["basicCodeDiscount", "customerGets", "value", "percentage"],
      message: "Value must be between 0.0 and 1.0",
      code: "VALUE_OUTSIDE_RANGE",
    });
  if (percentage == null && !(discountAmount && Number(discountAmount.amount) > 0))
    return refuse({ field: ["basicCodeDiscount", "customerGets", "value"], message: "Value must be greater than 0", code: "GREATER_THAN" });
  if (i.endsAt && Date.parse(i.endsAt) <= Date.parse(i.startsAt))
    return refuse({ field: field("endsAt"), message: "Ends at needs to be after starts_at", code: "INVALID" });
  const key = i.code.toUpperCase();
  if (await data.records.get("discount", key))
    return refuse({ field: field("code"), message: "Code must be unique. Please try a different code.", code: "TAKEN" });
  const stored: StoredDiscount = {
    id: gid("DiscountCodeNode", String(clock.now() * 1000 + Math.floor(Math.random() * 1000))),
    input: i,
    currencyCode: (await data.all())[0]?.currency ?? "USD",
  };
  await data.records.put("discount", key, stored);
  return { discountCodeBasicCreate: { codeDiscountNode: discountNode(stored), userErrors: [] } };
}

export async function discountByCodeOp(data: FakeShopData, v: { code: string }) {
  const d = (await data.records.get("discount", v.code.toUpperCase())) as StoredDiscount | null;
  return { codeDiscountNodeByCode: d ? discountNode(d) : null };
}

/** Every discount the fake store holds (tests count them). */
export async function fakeDiscounts(data: FakeShopData) {
  return ((await data.records.list("discount")) as StoredDiscount[]).map((d) => d.input);
}

export interface GqlAddressInput {
  firstName?: string | null;
  lastName?: string | null;
  address1: string;
  address2?: string | null;
  city: string;
  provinceCode?: string | null;
  zip?: string | null;
  countryCode: string;
  phone?: string | null;
}
const fromAddressInput = (a: GqlAddressInput): MailingAddress => ({
  name: [a.firstName, a.lastName].filter(Boolean).join(" ") || null,
  address1: a.address1,
  address2: a.address2 ?? null,
  city: a.city,
  province: a.provinceCode ?? null,
  provinceCode: a.provinceCode ?? null,
  zip: a.zip ?? null,
  countryCode: a.countryCode,
  phone: a.phone ?? null,
});

export async function orderUpdateOp(
  data: FakeShopData,
  v: { input: { id: string; shippingAddress?: GqlAddressInput | null; note?: string | null; tags?: string[] | null } },
) {
  const refuse = (field: string, message: string) => ({ orderUpdate: { order: null, userErrors: [{ field: ["input", field], message }] } });
  const o = await data.get(legacyId(v.input.id));
  if (!o) return refuse("id", "Order does not exist");
  let next: StoreOrder = { ...o };
  if (v.input.shippingAddress) {
    if (o.cancelledAt) return refuse("shippingAddress", "Cannot update the shipping address of a cancelled order");
    if (o.lineItems.some((li) => li.fulfilledQuantity > 0) || o.fulfillments.some((f) => f.status === "success"))
      return refuse("shippingAddress", "Cannot update the shipping address of an order that has been fulfilled");
    next = { ...next, shippingAddress: fromAddressInput(v.input.shippingAddress) };
  }
  if (v.input.note !== undefined) next = { ...next, note: v.input.note?.trim() || null };
  if (v.input.tags) next = { ...next, tags: [...new Set(v.input.tags.map((t) => t.trim()).filter(Boolean))] };
  next.updatedAt = bump(o.updatedAt);
  await data.save(next);
  return { orderUpdate: { order: toGqlOrder(next), userErrors: [] } };
}

export interface DraftInput {
  email?: string | null;
  purchasingEntity?: { customerId?: string | null } | null;
  lineItems: { variantId?: string | null; title?: string | null; quantity: number; originalUnitPrice?: string | null }[];
  shippingAddress?: GqlAddressInput | null;
  appliedDiscount?: { value: number; valueType: "PERCENTAGE" | "FIXED_AMOUNT"; title?: string | null } | null;
  note?: string | null;
  tags?: string[] | null;
}
interface StoredDraft {
  id: string;
  name: string;
  status: "OPEN" | "COMPLETED";
  input: DraftInput;
  orderId: string | null;
}

async function draftNode(data: FakeShopData, d: StoredDraft) {
  const order = d.orderId ? await data.get(d.orderId) : null;
  return { id: d.id, name: d.name, status: d.status, order: order ? toGqlOrder(order) : null };
}

export async function draftOrdersOp(data: FakeShopData, v: { query: string }) {
  const tag = /^tag:['"]?([^'"]+)['"]?$/.exec(v.query.trim())?.[1];
  const drafts = ((await data.records.list("draft")) as StoredDraft[]).filter((d) => tag && d.input.tags?.includes(tag));
  return { draftOrders: { nodes: await Promise.all(drafts.slice(0, 1).map((d) => draftNode(data, d))) } };
}

export async function draftCreateOp(data: FakeShopData, v: { input: DraftInput }) {
  const refuse = (field: string[], message: string) => ({ draftOrderCreate: { draftOrder: null, userErrors: [{ field, message }] } });
  if (!v.input.lineItems.length) return refuse(["input", "lineItems"], "Line items can't be blank");
  for (const [i, li] of v.input.lineItems.entries()) {
    if (li.quantity < 1) return refuse(["input", "lineItems", String(i), "quantity"], "Quantity must be greater than 0");
    if (!li.variantId && !(li.title && li.originalUnitPrice)) return refuse(["input", "lineItems", String(i)], "A custom line item needs a title and a price");
  }
  const d = v.input.appliedDiscount;
  if (d && d.valueType === "PERCENTAGE" && (d.value <= 0 || d.value > 100))
    return refuse(["input", "appliedDiscount", "value"], "Percentage must be between 0 and 100");
  const drafts = (await data.records.list("draft")) as StoredDraft[];
  const n = drafts.length + 1;
  const stored: StoredDraft = { id: gid("DraftOrder", String(9_000_000 + n)), name: `#D${n}`, status: "OPEN", input: v.input, orderId: null };
  await data.records.put("draft", stored.id, stored);
  return { draftOrderCreate: { draftOrder: await draftNode(data, stored), userErrors: [] } };
}

/** Completing a draft places the order; the lines are copied from the variants' lines on the customer's earlier orders. */
export async function draftCompleteOp(data: FakeShopData, v: { id: string }) {
  const refuse = (message: string) => ({ draftOrderComplete: { draftOrder: null, userErrors: [{ field: ["id"], message }] } });
  const d = (await data.records.get("draft", v.id)) as StoredDraft | null;
  if (!d) return refuse("Draft order does not exist");
  if (d.status === "COMPLETED") return refuse("This order has already been paid for");
  const all = await data.all();
  const known = all.flatMap((o) => o.lineItems);
  const nextNumber = Math.max(1000, ...all.map((o) => o.orderNumber ?? 0)) + 1;
  const id = String(Math.max(0, ...all.map((o) => Number(o.id))) + 1);
  const at = new Date(clock.now()).toISOString();
  const lineItems = d.input.lineItems.map((li, i) => {
    const like = known.find((k) => li.variantId && k.variantId === legacyId(li.variantId));
    const lineId = `${id}${i + 1}`;
    return {
      id: lineId,
      adminGraphqlId: gid("LineItem", lineId),
      title: like?.title ?? li.title ?? "Item",
      variantTitle: like?.variantTitle ?? null,
      quantity: li.quantity,
      fulfilledQuantity: 0,
      price: like?.price ?? li.originalUnitPrice ?? "0.00",
      sku: like?.sku ?? null,
      productId: like?.productId ?? null,
      variantId: li.variantId ? legacyId(li.variantId) : null,
      restockable: Boolean(li.variantId),
    };
  });
  const subtotal = lineItems.reduce((sum, li) => sum + li.quantity * toCents(li.price), 0);
  const off = d.input.appliedDiscount;
  const discount = !off ? 0 : off.valueType === "PERCENTAGE" ? Math.round((subtotal * off.value) / 100) : Math.min(subtotal, toCents(String(off.value)));
  const total = subtotal - discount;
  const customerId = d.input.purchasingEntity?.customerId ? legacyId(d.input.purchasingEntity.customerId) : null;
  const order: StoreOrder = {
    id,
    adminGraphqlId: gid("Order", id),
    name: `#${nextNumber}`,
    orderNumber: nextNumber,
    profileId: null,
    customerId,
    email: d.input.email ?? null,
    phone: null,
    financialStatus: total === 0 ? "paid" : "pending",
    fulfillmentStatus: "unfulfilled",
    cancelledAt: null,
    currency: all[0]?.currency ?? "USD",
    totalPrice: fromCents(total),
    lineItems,
    createdAt: at,
    updatedAt: at,
    fulfillments: [],
    shippingAddress: d.input.shippingAddress ? fromAddressInput(d.input.shippingAddress) : null,
    shippingPrice: "0.00",
    totalRefunded: "0.00",
    note: d.input.note ?? null,
    tags: d.input.tags ?? [],
  };
  await data.save(order);
  const done: StoredDraft = { ...d, status: "COMPLETED", orderId: id };
  await data.records.put("draft", d.id, done);
  return { draftOrderComplete: { draftOrder: await draftNode(data, done), userErrors: [] } };
}
