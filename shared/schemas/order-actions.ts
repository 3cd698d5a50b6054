// Order actions beyond edit and cancel (docs/api.md §15): the request bodies (refunds, discount codes, shipping address,
// note and tags, replacement orders), the refund preview, approvals, the caller's limits and the audit log. Imported
// directly (not through the schema index): the record of an action is in order-action.ts.
import { z } from "zod";
import { IsoTime } from "./common";
import { OrderAction } from "./order-action";
import { MailingAddress } from "./store";

const TicketRef = z
  .string()
  .regex(/^[0-9a-f]{64}$/, "ticket id")
  .optional();
const Amount = z
  .string()
  .regex(/^\d{1,9}(\.\d{1,2})?$/, "an amount like 12.50")
  .refine((s) => Number(s) > 0, "more than zero");
const Reason = z.string().trim().min(1, "say why").max(200);

export const IdempotencyKey = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, "16–64 letters, digits, - or _ (a UUID)");

export const RefundLine = z.object({ lineItemId: z.string().min(1).max(128), quantity: z.number().int().min(1).max(10_000) }).strict();

/** What to refund: whole order, chosen lines, shipping, or a custom amount (any mix of lines/shipping, or amount alone). */
export const RefundPlan = z
  .object({
    full: z.boolean().default(false),
    lines: z.array(RefundLine).max(100).default([]),
    shipping: z.boolean().default(false),
    /** Refund exactly this much instead of what the lines and shipping come to (at most what is refundable). */
    amount: Amount.optional(),
  })
  .strict()
  .refine((p) => p.full || p.lines.length > 0 || p.shipping || p.amount !== undefined, "choose the whole order, lines, shipping or an amount");
export type RefundPlan = z.infer<typeof RefundPlan>;

export const RefundPreviewBody = RefundPlan;
export const RefundBody = z
  .object({
    plan: RefundPlan,
    restock: z.boolean().default(true),
    notifyCustomer: z.boolean().default(true),
    reason: Reason,
    ticketId: TicketRef,
  })
  .strict();
export type RefundBody = z.infer<typeof RefundBody>;

/** What the store suggests refunding for a plan (Shopify's suggestedRefund), shown before confirming. */
export const RefundPreview = z.object({
  currency: z.string(),
  amount: z.string(),
  subtotal: z.string(),
  tax: z.string(),
  shipping: z.string(),
  maximumRefundable: z.string(),
  shippingRefundable: z.string(),
  lines: z.array(z.object({ lineItemId: z.string(), title: z.string(), quantity: z.number().int(), restockType: z.string(), subtotal: z.string() })),
});
export type RefundPreview = z.infer<typeof RefundPreview>;
export const RefundPreviewResponse = z.object({ preview: RefundPreview });

export const DiscountBody = z
  .object({
    kind: z.enum(["percentage", "fixed"]),
    /** Percent (1–100) or an amount in the shop's currency. */
    value: z.number().positive().max(1_000_000),
    /** ISO date-time it stops working; none: it does not expire. */
    expiresAt: IsoTime.optional(),
    /** The customer it is for (their store customer is the only one who may use it, when known). */
    profileId: z.string().min(1).max(128).optional(),
    ticketId: TicketRef,
    reason: Reason,
  })
  .strict()
  .refine((d) => d.kind === "fixed" || d.value <= 100, { message: "a percentage is at most 100", path: ["value"] });
export type DiscountBody = z.infer<typeof DiscountBody>;

export const AddressBody = z.object({ address: MailingAddress, ticketId: TicketRef }).strict();
export type AddressBody = z.infer<typeof AddressBody>;

export const OrderNoteBody = z
  .object({
    note: z.string().max(5000).nullable().optional(),
    addTags: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
    removeTags: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
    ticketId: TicketRef,
  })
  .strict()
  .refine((b) => b.note !== undefined || b.addTags.length > 0 || b.removeTags.length > 0, "change the note or the tags");
export type OrderNoteBody = z.infer<typeof OrderNoteBody>;

export const ReplacementBody = z
  .object({
    lines: z.array(RefundLine).min(1).max(100),
    /** 100: free (the default); less: the customer pays the rest. */
    discountPercent: z.number().min(1).max(100).default(100),
    reason: Reason,
    ticketId: TicketRef,
  })
  .strict();
export type ReplacementBody = z.infer<typeof ReplacementBody>;

export const ApprovalDecision = z.object({ reason: z.string().trim().max(200).optional() }).strict();
export const ApprovalList = z.object({ approvals: z.array(OrderAction) });

export const AuditEntry = z.object({
  id: z.string(),
  at: IsoTime,
  actor: z.object({ id: z.string().nullable(), name: z.string() }),
  action: z.string(),
  target: z.string().nullable(),
  summary: z.string(),
  detail: z.record(z.unknown()).nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
export const AuditList = z.object({ entries: z.array(AuditEntry), nextCursor: z.string().nullable() });
