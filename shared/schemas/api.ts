// Request and response bodies of the agent API (docs/api.md §2 Routes).
import { z } from "zod";
import { Channel, IsoTime, Role, SnoozePreset, Tag, Tags, TicketStatus } from "./common";
import { NewAgentMessage } from "./message";
import { TicketSummary } from "./ticket";
import { isTimeZone } from "./common";
import { LOCALES } from "../i18n/locales";

export const SetupBody = z.object({
  workspace: z.object({ name: z.string().trim().min(1).max(100), timezone: z.string().refine(isTimeZone, "unknown IANA time zone").optional() }),
  owner: z.object({ name: z.string().trim().min(1).max(100), email: z.string().email() }),
});

export const NewAgentBody = z.object({
  name: z.string().trim().min(1).max(100),
  email: z.string().email(),
  role: z.enum(["admin", "manager", "support", "analyst"]),
});

export const Agent = z.object({
  id: z.string(),
  workspaceId: z.string(),
  name: z.string(),
  email: z.string(),
  role: Role,
  operator: z.boolean(),
  /** The side panel's language the agent chose; null follows their browser's. */
  language: z.enum(LOCALES).nullable().default(null),
  /** Tags the agent follows: recommended first for tickets with them (docs/api.md §9.4). */
  followedTags: z.array(z.string()).default([]),
  /** Email me about new customer messages on tickets I follow while I am offline (docs/api.md §11). */
  notifyFollowed: z.boolean().default(false),
  createdAt: IsoTime,
});
export type Agent = z.infer<typeof Agent>;
export const Workspace = z.object({ id: z.string(), name: z.string(), timezone: z.string(), createdAt: IsoTime });
export type Workspace = z.infer<typeof Workspace>;

/** PATCH /api/me: operator mode and/or the panel's language (null: the browser's). */
export const MeUpdate = z
  .object({
    operator: z.boolean().optional(),
    language: z.enum(LOCALES).nullable().optional(),
    followedTags: z
      .array(Tag)
      .max(20)
      .transform((tags) => [...new Set(tags)])
      .optional(),
    notifyFollowed: z.boolean().optional(),
  })
  .strict()
  .refine((b) => Object.values(b).some((v) => v !== undefined), "Send operator, language, followedTags and/or notifyFollowed.");

/** POST /dev/clock (development only): set the worker's clock to an instant, or shift it from the wall clock. */
export const DevClockBody = z.union([
  z.object({ at: z.string().datetime({ offset: true }) }).strict(),
  z.object({ offsetMs: z.number().int().finite() }).strict(),
]);

export const View = z.enum(["mine", "unassigned", "all", "unread", "favorites", "sessions"]);
export type View = z.infer<typeof View>;

/** Filters shared by listings and bulk actions. */
export const TicketFilter = z
  .object({
    view: View.default("all"),
    status: TicketStatus.optional(),
    channel: Channel.optional(),
    tag: Tag.optional(),
    assignee: z.string().min(1).max(64).optional(),
    flow: z.string().min(1).max(200).optional(),
    campaign: z.string().min(1).max(200).optional(),
    q: z.string().trim().min(1).max(200).optional(),
    /** Open tickets whose SLA target is due within the workspace's "soon" window or missed (`breaching`), or missed. */
    sla: z.enum(["breaching", "breached"]).optional(),
  })
  .strict();
export type TicketFilter = z.infer<typeof TicketFilter>;

export const TicketListQuery = TicketFilter.extend({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type TicketListQuery = z.infer<typeof TicketListQuery>;

export const StatusChange = z
  .object({
    status: TicketStatus,
    until: IsoTime.optional(),
    preset: SnoozePreset.optional(),
  })
  .strict()
  .refine((b) => b.status !== "snoozed" || Boolean(b.until) !== Boolean(b.preset), {
    message: "snoozing needs exactly one of `until` or `preset`",
  })
  .refine((b) => b.status === "snoozed" || (!b.until && !b.preset), { message: "`until` and `preset` only apply to snoozed" });
export type StatusChange = z.infer<typeof StatusChange>;

export const TicketPatch = z
  .object({
    assigneeId: z.string().min(1).max(64).nullable().optional(),
    followers: z.array(z.string().min(1).max(64)).max(50).optional(),
    tags: Tags.optional(),
    description: z.string().max(2000).optional(),
    favorite: z.boolean().optional(),
  })
  .strict();
export type TicketPatch = z.infer<typeof TicketPatch>;

export const BulkAction = z.discriminatedUnion("type", [
  z.object({ type: z.literal("assign"), assigneeId: z.string().min(1).max(64) }),
  z.object({ type: z.literal("unassign") }),
  z.object({ type: z.literal("followers"), add: z.array(z.string()).max(50).default([]), remove: z.array(z.string()).max(50).default([]) }),
  z.object({ type: z.literal("tags"), add: Tags.default([]), remove: z.array(Tag).max(50).default([]) }),
  z.object({ type: z.literal("message"), message: NewAgentMessage.omit({ clientId: true }) }),
  z.object({ type: z.literal("status"), change: StatusChange }),
  z.object({ type: z.literal("read") }),
  z.object({ type: z.literal("unread") }),
  z.object({ type: z.literal("leave") }),
]);
export type BulkAction = z.infer<typeof BulkAction>;

export const BulkBody = z
  .object({
    ids: z.array(z.string().min(1).max(128)).min(1).max(500).optional(),
    filter: TicketFilter.optional(),
    action: BulkAction,
  })
  .strict()
  .refine((b) => Boolean(b.ids) !== Boolean(b.filter), { message: "give either `ids` or `filter`" });
export type BulkBody = z.infer<typeof BulkBody>;

export const BulkResult = z.object({
  matched: z.number(),
  applied: z.number(),
  failed: z.array(z.object({ id: z.string(), code: z.string(), message: z.string() })),
});
export type BulkResult = z.infer<typeof BulkResult>;

export const MessagesQuery = z.object({ before: z.coerce.number().int().min(1), limit: z.coerce.number().int().min(1).max(100).default(50) });

/** One problem of a refused request: a field (`path`, joined with "."; "" for the whole body) and why; `code` from the store's refusals. */
export const ErrorIssue = z.object({ path: z.string(), message: z.string(), code: z.string().optional() });
export type ErrorIssue = z.infer<typeof ErrorIssue>;
/** Every error answer: 4xx for the caller's mistakes, 5xx for server faults. */
export const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string(), issues: z.array(ErrorIssue).optional() }) });
export type ErrorBody = z.infer<typeof ErrorBody>;

/** GET /api/tickets */
export const TicketPage = z.object({ tickets: z.array(TicketSummary), nextCursor: z.string().nullable() });
export type TicketPage = z.infer<typeof TicketPage>;

/** An inbox agent with their open load, as the Operators / Non-operators lists show them. */
export const AgentLoad = z.object({ agentId: z.string(), name: z.string(), operator: z.boolean(), online: z.boolean(), open: z.number() });
export type AgentLoad = z.infer<typeof AgentLoad>;

/** GET /api/tickets/counts */
export const TicketCounts = z.object({
  views: z.object({ mine: z.number(), unassigned: z.number(), all: z.number(), unread: z.number(), favorites: z.number(), sessions: z.number() }),
  statuses: z.record(z.number()),
  channels: z.record(z.number()),
  tags: z.record(z.number()),
  operators: z.array(AgentLoad),
  nonOperators: z.array(AgentLoad),
  /** Open tickets whose SLA target is due within the "soon" window or already missed (`breaching`), and missed. */
  sla: z.object({ breaching: z.number(), breached: z.number() }).optional(),
});
export type TicketCounts = z.infer<typeof TicketCounts>;

/** POST /api/tickets/export (owner only): the listed tickets, or every ticket matching a filter, with their whole threads. */
export const ExportBody = z
  .object({
    ids: z.array(z.string().min(1).max(128)).min(1).max(500).optional(),
    filter: TicketFilter.optional(),
  })
  .strict()
  .refine((b) => Boolean(b.ids) !== Boolean(b.filter), { message: "give either `ids` or `filter`" });
