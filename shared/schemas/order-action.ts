// The order-action record every part of Sidedesk reads (docs/api.md §15): the ledger entry of an action, the answer to
// one, the discount code it may make, and per-role limits. The request bodies are in order-actions.ts (not in the
// schema index, so the side panel's first screen does not carry them).
import { z } from "zod";
import { IsoTime } from "./common";
import { StoreOrder } from "./store";

/** The header that makes a money-moving request safe to repeat: a UUID the panel makes once per dialog. */
export const IDEMPOTENCY_HEADER = "Idempotency-Key";

export const OrderActionKind = z.enum(["refund", "discount", "address", "note", "replacement", "cancel"]);
export type OrderActionKind = z.infer<typeof OrderActionKind>;
export const OrderActionStatus = z.enum(["running", "done", "pending_approval", "declined", "failed"]);
export type OrderActionStatus = z.infer<typeof OrderActionStatus>;

export const Discount = z.object({
  id: z.string(),
  code: z.string(),
  kind: z.enum(["percentage", "fixed"]),
  value: z.number(),
  currency: z.string(),
  expiresAt: z.string().nullable(),
  usageLimit: z.number().int().nullable(),
});
export type Discount = z.infer<typeof Discount>;

/** One entry of the action ledger: what was asked, by whom, for how much, and how it ended. */
export const OrderAction = z.object({
  id: z.string(),
  kind: OrderActionKind,
  status: OrderActionStatus,
  orderId: z.string().nullable(),
  orderName: z.string().nullable(),
  ticketId: z.string().nullable(),
  agent: z.object({ id: z.string(), name: z.string() }),
  /** The money it gives away (refund, fixed discount, replacement value), in `currency`; null for a percentage code. */
  amount: z.string().nullable(),
  currency: z.string().nullable(),
  /** A percentage discount's percent. */
  percent: z.number().nullable(),
  reason: z.string().nullable(),
  /** One line for people: "Refund of 25.00 USD on #1001". */
  summary: z.string(),
  decidedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  decidedAt: IsoTime.nullable(),
  declineReason: z.string().nullable(),
  error: z.string().nullable(),
  createdAt: IsoTime,
});
export type OrderAction = z.infer<typeof OrderAction>;

/** The answer to an action: done (with what changed), or waiting for an admin's approval. */
export const OrderActionResponse = z.object({
  action: OrderAction,
  order: StoreOrder.optional(),
  discount: Discount.optional(),
  replacement: StoreOrder.optional(),
  source: z.literal("store").optional(),
});
export type OrderActionResponse = z.infer<typeof OrderActionResponse>;

/** The most a role may give on its own; null: no limit. Owners have none. */
export const RoleLimit = z.object({
  refund: z.number().min(0).max(1_000_000).nullable().default(null),
  discount: z.number().min(0).max(1_000_000).nullable().default(null),
  discountPercent: z.number().min(0).max(100).nullable().default(null),
});
export type RoleLimit = z.infer<typeof RoleLimit>;
/** GET /api/order-limits: the caller's own limits. */
export const MyOrderLimits = z.object({
  role: z.enum(["owner", "admin", "manager", "support", "analyst"]),
  limits: z.object({ refund: z.number().nullable(), discount: z.number().nullable(), discountPercent: z.number().nullable() }),
});
export const OrderLimits = z.object({ admin: RoleLimit.default({}), manager: RoleLimit.default({}), support: RoleLimit.default({}) });
export type OrderLimits = z.infer<typeof OrderLimits>;
