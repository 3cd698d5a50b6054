// Macros (docs/api.md §16): a named bundle an agent applies in one step — reply or note text with variables, tag
// changes, assignment, a status change and optionally one order action. Owners and admins manage them.
import { z } from "zod";
import { IsoTime, SnoozePreset, Tag } from "./common";
import { MailingAddress } from "./store";
import { MAX_AGENT_TEXT } from "../rules/reply-limits";

/** The variables a macro's text may use, written `{{customer.first_name}}`. */
export const MACRO_VARIABLES = ["customer.first_name", "customer.name", "order.number", "order.tracking_link", "discount.code", "agent.name"] as const;
export type MacroVariable = (typeof MACRO_VARIABLES)[number];

const Reason = z.string().trim().min(1).max(200);
export const MacroOrderAction = z.discriminatedUnion("kind", [
  z
    .object({
      kind: z.literal("refund"),
      whole: z.boolean().default(true),
      shipping: z.boolean().default(false),
      restock: z.boolean().default(true),
      notifyCustomer: z.boolean().default(true),
      reason: Reason,
    })
    .strict(),
  z
    .object({
      kind: z.literal("discount"),
      discountKind: z.enum(["percentage", "fixed"]),
      value: z.number().positive().max(1_000_000),
      expiresInDays: z.number().int().min(1).max(365).nullable().default(30),
      reason: Reason,
    })
    .strict(),
  z
    .object({
      kind: z.literal("cancel"),
      refund: z.boolean().default(true),
      restock: z.boolean().default(true),
      notifyCustomer: z.boolean().default(true),
      reason: z.enum(["customer", "inventory", "fraud", "declined", "other", "staff"]).default("customer"),
    })
    .strict(),
  /** The new address is given when the macro is applied (the panel asks for it). */
  z.object({ kind: z.literal("address") }).strict(),
  z.object({ kind: z.literal("replacement"), discountPercent: z.number().min(1).max(100).default(100), reason: Reason }).strict(),
]);
export type MacroOrderAction = z.infer<typeof MacroOrderAction>;
const percentAtMost100 = (a: MacroOrderAction | null) => a?.kind !== "discount" || a.discountKind === "fixed" || a.value <= 100;

export const MacroBody = z
  .object({
    name: z.string().trim().min(1, "name is empty").max(80),
    message: z
      .object({ kind: z.enum(["reply", "note"]), text: z.string().trim().min(1).max(MAX_AGENT_TEXT) })
      .strict()
      .nullable()
      .default(null),
    addTags: z.array(Tag).max(10).default([]),
    removeTags: z.array(Tag).max(10).default([]),
    /** "me": whoever applies it; an agent id; "none": unassign; null: leave as is. */
    assign: z
      .union([z.literal("me"), z.literal("none"), z.string().min(1).max(64)])
      .nullable()
      .default(null),
    status: z
      .union([z.object({ to: z.literal("closed") }).strict(), z.object({ to: z.literal("snoozed"), preset: SnoozePreset }).strict()])
      .nullable()
      .default(null),
    orderAction: MacroOrderAction.nullable().default(null),
  })
  .strict()
  .refine((m) => m.message || m.addTags.length || m.removeTags.length || m.assign || m.status || m.orderAction, "a macro has to do something")
  .refine((m) => percentAtMost100(m.orderAction), { message: "a percentage is at most 100", path: ["orderAction", "value"] });
export type MacroBody = z.infer<typeof MacroBody>;

export const Macro = z.object({
  id: z.string(),
  name: z.string(),
  message: z.object({ kind: z.enum(["reply", "note"]), text: z.string() }).nullable(),
  addTags: z.array(z.string()),
  removeTags: z.array(z.string()),
  assign: z.string().nullable(),
  status: z.union([z.object({ to: z.literal("closed") }), z.object({ to: z.literal("snoozed"), preset: SnoozePreset })]).nullable(),
  orderAction: MacroOrderAction.nullable(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type Macro = z.infer<typeof Macro>;
export const MacroList = z.object({ macros: z.array(Macro) });
export const MacroResponse = z.object({ macro: Macro });

export const ApplyMacroBody = z
  .object({
    /** The order the macro's variables and order action use (one of the customer's). */
    orderId: z.string().min(1).max(64).optional(),
    /** An address macro's new address. */
    address: MailingAddress.optional(),
    /** true: only say what it would do. */
    dryRun: z.boolean().default(false),
  })
  .strict();
export type ApplyMacroBody = z.infer<typeof ApplyMacroBody>;

/** One step of a macro, as previewed or as it went. */
export const MacroStep = z.object({
  kind: z.enum(["order", "message", "tags", "assign", "status"]),
  /** English description ("Reply: Hi Jon, …", "Refund of $199.00 on #1001", "Close"). */
  summary: z.string(),
  /** The text a reply or note will carry, variables filled. */
  text: z.string().optional(),
  state: z.enum(["planned", "done", "pending_approval", "skipped", "failed"]),
  /** Why a step will not run or did not: a missing variable, no order chosen, waiting for approval, the store's refusal. */
  note: z.string().optional(),
  /** What the panel needs to name the step in the agent's language (order action kind, amounts, assignee, status). */
  params: z.record(z.string()).optional(),
});
export type MacroStep = z.infer<typeof MacroStep>;
export const MacroApplyResponse = z.object({ macro: z.object({ id: z.string(), name: z.string() }), dryRun: z.boolean(), steps: z.array(MacroStep) });
export type MacroApplyResponse = z.infer<typeof MacroApplyResponse>;
