// Automation rules (docs/api.md §17): when an event happens on a ticket, if its conditions hold, then do these actions.
// Owners and admins manage them; the ticket object runs them on its events and timers (worker/src/objects/ticket-rules.ts).
import { z } from "zod";
import { Channel, IsoTime, SnoozePreset, Tag, TicketStatus } from "./common";
import { SlaTargetKind } from "./sla";
import { MAX_AGENT_TEXT } from "../rules/reply-limits";

const Word = z.string().trim().min(1).max(60);
const AgentId = z.string().min(1).max(64);
const Amount = z.number().min(0).max(100_000_000);

/** When a rule is looked at. The waiting and SLA triggers are timers on the ticket, to the second. */
export const RuleTrigger = z.discriminatedUnion("type", [
  z.object({ type: z.literal("ticket_created") }).strict(),
  z.object({ type: z.literal("customer_message") }).strict(),
  z.object({ type: z.literal("agent_replied") }).strict(),
  /** `to`: only changes into that status; null: any change. */
  z.object({ type: z.literal("status_changed"), to: TicketStatus.nullable().default(null) }).strict(),
  /** `tag`: only that tag (or one under it); null: any tag. */
  z.object({ type: z.literal("tag_added"), tag: Tag.nullable().default(null) }).strict(),
  /** An agent replied and the customer has not answered for `hours` while the ticket stayed open. */
  z
    .object({
      type: z.literal("no_customer_reply"),
      hours: z
        .number()
        .min(0.25)
        .max(24 * 60),
    })
    .strict(),
  /** The customer has waited `minutes` for an agent's answer while the ticket stayed open. */
  z
    .object({
      type: z.literal("no_agent_reply"),
      minutes: z
        .number()
        .int()
        .min(1)
        .max(60 * 24 * 30),
    })
    .strict(),
  /** The customer answered the satisfaction survey with `maxScore` or less (a low score). */
  z.object({ type: z.literal("csat_received"), maxScore: z.number().int().min(1).max(5).default(2) }).strict(),
  /** An SLA target (that kind, or either) is missed in `minutesBefore` minutes (0: when it is missed). */
  z
    .object({ type: z.literal("sla_breach"), target: SlaTargetKind.nullable().default(null), minutesBefore: z.number().int().min(0).max(1440).default(0) })
    .strict(),
]);
export type RuleTrigger = z.infer<typeof RuleTrigger>;
export type RuleEventType = RuleTrigger["type"];
export const TIMED_TRIGGERS = ["no_customer_reply", "no_agent_reply", "sla_breach"] as const satisfies readonly RuleEventType[];

/** What happened on a ticket, as a rule sees it (the payload of the ticket's `rules:<n>` timer). */
export const RuleEvent = z.discriminatedUnion("type", [
  z.object({ type: z.enum(["ticket_created", "customer_message", "agent_replied"]) }),
  z.object({ type: z.literal("status_changed"), to: TicketStatus }),
  z.object({ type: z.literal("tag_added"), tags: z.array(z.string()) }),
  z.object({ type: z.literal("csat_received"), score: z.number().int() }),
  z.object({ type: z.enum(["no_customer_reply", "no_agent_reply", "sla_breach"]), ruleId: z.string() }),
]);
export type RuleEvent = z.infer<typeof RuleEvent>;

const Compare = z.enum(["at_least", "at_most"]);
/** What a rule checks. Text conditions read the customer's latest message, words matched whole and without case or accents. */
export const RuleCondition = z.discriminatedUnion("field", [
  z.object({ field: z.literal("channel"), in: z.array(Channel).min(1) }).strict(),
  z.object({ field: z.literal("status"), in: z.array(TicketStatus).min(1) }).strict(),
  z.object({ field: z.literal("text"), op: z.enum(["contains_any", "contains_none"]), words: z.array(Word).min(1).max(50) }).strict(),
  z.object({ field: z.literal("tag"), op: z.enum(["has", "has_not"]), tag: Tag }).strict(),
  /** "none": unassigned; "any": assigned to someone; else that agent. */
  z.object({ field: z.literal("assignee"), is: z.union([z.literal("none"), z.literal("any"), AgentId]) }).strict(),
  z.object({ field: z.literal("consent"), in: z.array(z.enum(["marketing", "transactional", "none"])).min(1) }).strict(),
  z.object({ field: z.literal("blocked"), is: z.boolean() }).strict(),
  /** Returning: an earlier ticket or a placed order. */
  z.object({ field: z.literal("returning_customer"), is: z.boolean() }).strict(),
  z.object({ field: z.literal("order_count"), op: Compare, value: z.number().int().min(0).max(1_000_000) }).strict(),
  z.object({ field: z.literal("lifetime_value"), op: Compare, value: Amount }).strict(),
  /** The workspace's weekly schedule (web chat's business hours) in its time zone, at the moment of the event. */
  z.object({ field: z.literal("business_hours"), is: z.boolean() }).strict(),
  /** ISO 639-1 codes; the language is detected from the customer's latest message. */
  z
    .object({
      field: z.literal("language"),
      in: z
        .array(z.string().regex(/^[a-z]{2}$/, "a two-letter language code"))
        .min(1)
        .max(20),
    })
    .strict(),
]);
export type RuleCondition = z.infer<typeof RuleCondition>;
export type RuleConditionField = RuleCondition["field"];

/** A notification address: the ticket's assignee, its followers, or an email address. */
export const NotifyTarget = z.union([z.literal("assignee"), z.literal("followers"), z.string().trim().toLowerCase().email().max(254)]);

export const RuleAction = z.discriminatedUnion("type", [
  /** An agent, round-robin among online operators by open load, or unassign. */
  z.object({ type: z.literal("assign"), to: z.union([z.literal("round_robin"), z.literal("none"), AgentId]) }).strict(),
  z.object({ type: z.literal("add_tags"), tags: z.array(Tag).min(1).max(8) }).strict(),
  z.object({ type: z.literal("remove_tags"), tags: z.array(Tag).min(1).max(8) }).strict(),
  z.object({ type: z.literal("set_description"), text: z.string().max(2000) }).strict(),
  z.object({ type: z.literal("snooze"), preset: SnoozePreset }).strict(),
  z.object({ type: z.literal("close") }).strict(),
  /** Text with the macro variables (`{{customer.first_name}}`…); a reply follows the channel's reply rules. */
  z.object({ type: z.literal("send_reply"), text: z.string().trim().min(1).max(MAX_AGENT_TEXT) }).strict(),
  z.object({ type: z.literal("add_note"), text: z.string().trim().min(1).max(MAX_AGENT_TEXT) }).strict(),
  /** A macro's reply or note, tags, assignment and status (a macro with an order action can't be used by a rule). */
  z.object({ type: z.literal("apply_macro"), macroId: z.string().min(1).max(64) }).strict(),
  z.object({ type: z.literal("notify_email"), to: z.array(NotifyTarget).min(1).max(10) }).strict(),
  /** Marks the ticket as spam (tag `spam`), blocks the profile and closes the ticket. */
  z.object({ type: z.literal("mark_spam") }).strict(),
]);
export type RuleAction = z.infer<typeof RuleAction>;
export type RuleActionType = RuleAction["type"];

export const RuleBody = z
  .object({
    name: z.string().trim().min(1, "name is empty").max(80),
    enabled: z.boolean().default(true),
    trigger: RuleTrigger,
    match: z.enum(["all", "any"]).default("all"),
    conditions: z.array(RuleCondition).max(20).default([]),
    actions: z.array(RuleAction).min(1, "a rule has to do something").max(10),
  })
  .strict();
export type RuleBody = z.infer<typeof RuleBody>;

export const Rule = RuleBody.extend({
  id: z.string(),
  /** Rules run in this order (lowest first) on each event. */
  position: z.number().int(),
  /** How many times it acted in the last 7 days. */
  firedLast7Days: z.number().int(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type Rule = z.infer<typeof Rule>;

export const RuleList = z.object({ rules: z.array(Rule) });
export const RuleResponse = z.object({ rule: Rule });
export const RuleOrderBody = z.object({ ids: z.array(z.string().min(1).max(64)).min(1).max(500) }).strict();

/** POST /api/rules/try: a rule (saved or not) looked at against one ticket, changing nothing. */
export const RuleTryBody = z
  .object({ rule: RuleBody, ticketId: z.string().min(1).max(128).optional(), ticketNumber: z.number().int().positive().optional() })
  .strict()
  .refine((b) => (b.ticketId === undefined) !== (b.ticketNumber === undefined), "give ticketId or ticketNumber");
export const RuleTryResponse = z.object({
  ticket: z.object({ id: z.string(), number: z.number().int().nullable() }),
  /** Whether the ticket's present state could meet the trigger (timed triggers: whether its clock runs, and until when). */
  trigger: z.object({ applies: z.boolean(), note: z.string(), dueAt: IsoTime.nullable() }),
  conditions: z.array(z.object({ condition: RuleCondition, met: z.boolean(), actual: z.string() })),
  matched: z.boolean(),
  /** `reason`: why it can't (an activity catalogue key such as `reasonNoConsent`), else null. */
  actions: z.array(
    z.object({ action: RuleAction, outcome: z.enum(["would_do", "nothing_to_do", "cannot"]), summary: z.string(), reason: z.string().nullable() }),
  ),
});
export type RuleTryResponse = z.infer<typeof RuleTryResponse>;
