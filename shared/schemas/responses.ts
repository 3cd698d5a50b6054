// Response bodies: what the worker answers on success, route by route (docs/api.md section 2). The panel parses every
// answer with these, and the worker tests parse every 2xx body they read, so a shape that drifts fails loudly.
// Listings, counts, bulk results (api.ts), reports (report.ts) and the chat config and thread (chat.ts) live beside
// their request schemas. None is `.strict()`: a field the worker adds is dropped, not refused.
import { z } from "zod";
import { Channel, IsoTime, TicketStatus } from "./common";
import { Attachment, Message } from "./message";
import { ActivityEvent, Profile, ProfileStats } from "./profile";
import { TicketDetail } from "./ticket";
import { Agent, Workspace } from "./api";
import { OrderSource, StoreOrder } from "./store";
import { QuickReply, SavedView } from "./library";

// ---- setup, agents, me ----

/** GET /api/me, PATCH /api/me */
export const Me = z.object({ agent: Agent, workspace: Workspace });
export type Me = z.infer<typeof Me>;
/** POST /api/setup (201): the new workspace, its owner, and the owner's token (shown once). */
export const SetupResponse = z.object({ workspace: Workspace, agent: Agent, token: z.string().min(1) });
export type SetupResponse = z.infer<typeof SetupResponse>;
/** GET /api/agents */
export const AgentList = z.object({ agents: z.array(Agent) });
export type AgentList = z.infer<typeof AgentList>;
/** POST /api/agents (201), POST /api/agents/:id/token: the agent and their new token (shown once). */
export const NewAgentResponse = z.object({ agent: Agent, token: z.string().min(1) });
export type NewAgentResponse = z.infer<typeof NewAgentResponse>;
/** DELETE /api/agents/:id */
export const RemovedAgent = z.object({ removed: z.string(), unassigned: z.number().int() });
export type RemovedAgent = z.infer<typeof RemovedAgent>;

// ---- settings ----

// ---- tickets ----

/** GET /api/tickets/:id; also POST .../status, PATCH /api/tickets/:id and POST .../leave. */
export const TicketDetailResponse = z.object({ ticket: TicketDetail, messages: z.array(Message), hasMore: z.boolean() });
export type TicketDetailResponse = z.infer<typeof TicketDetailResponse>;
/** GET /api/tickets/:id/messages?before= */
export const OlderMessages = z.object({ messages: z.array(Message), hasMore: z.boolean() });
export type OlderMessages = z.infer<typeof OlderMessages>;
/** POST /api/tickets/:id/messages (201) */
export const PostedMessage = z.object({ message: Message });
/** GET /api/tickets/:id/files/:fileId: a short-lived link that opens (safe images) or downloads the file. */
export const FileLink = z.object({ url: z.string().url(), expiresAt: IsoTime, name: z.string(), type: z.string(), size: z.number().int().min(0) });
export type FileLink = z.infer<typeof FileLink>;
/** POST /api/tickets/:id/files: the stored upload, to name in a reply or note (`files: [id]`). */
export const UploadedFile = z.object({ file: Attachment.extend({ id: z.string() }) });
export type UploadedFile = z.infer<typeof UploadedFile>;
export type PostedMessage = z.infer<typeof PostedMessage>;
/** POST /api/tickets/:id/read and /unread */
export const OkResponse = z.object({ ok: z.literal(true) });
/** POST /api/tickets/export (owner): the JSON file, every ticket with its whole thread. */
export const TicketExport = z.object({
  exportedAt: IsoTime,
  workspace: Workspace,
  tickets: z.array(z.object({ ticket: TicketDetail, messages: z.array(Message) })),
});
export type TicketExport = z.infer<typeof TicketExport>;

// ---- profiles ----

/** One of a profile's tickets, newest activity first. */
export const ProfileTicket = z.object({ id: z.string(), number: z.number().int().nullable(), channel: Channel, status: TicketStatus, lastActivityAt: IsoTime });
export type ProfileTicket = z.infer<typeof ProfileTicket>;
/** GET /api/profiles/:id */
export const ProfileView = z.object({
  profile: Profile,
  activity: z.array(ActivityEvent),
  tickets: z.array(ProfileTicket),
  orders: z.array(StoreOrder),
  stats: ProfileStats,
});
export type ProfileView = z.infer<typeof ProfileView>;
/** POST /api/profiles/:id/block and /unblock */
export const ProfileResponse = z.object({ profile: Profile });
export type ProfileResponse = z.infer<typeof ProfileResponse>;

// ---- orders ----

const StoreAnswer = { source: OrderSource, storeError: z.string().optional() };
/** GET /api/orders?q=, GET /api/profiles/:id/orders */
export const OrderList = z.object({ orders: z.array(StoreOrder), ...StoreAnswer });
export type OrderList = z.infer<typeof OrderList>;
/** GET /api/orders/:id */
export const OrderResponse = z.object({ order: StoreOrder, ...StoreAnswer });
export type OrderResponse = z.infer<typeof OrderResponse>;
/** POST /api/orders/:id/edit-quantity; `noted` only when a ticketId was given. */
export const OrderEditResponse = z.object({ order: StoreOrder, source: z.literal("store"), noted: z.boolean().optional() });
export type OrderEditResponse = z.infer<typeof OrderEditResponse>;
/** POST /api/orders/:id/cancel: Shopify cancels asynchronously, through this job. */
export const OrderCancelResponse = OrderEditResponse.extend({ job: z.object({ id: z.string(), done: z.boolean() }).nullable() });
export type OrderCancelResponse = z.infer<typeof OrderCancelResponse>;

// ---- quick replies and saved views ----

export const QuickReplyList = z.object({ quickReplies: z.array(QuickReply) });
export type QuickReplyList = z.infer<typeof QuickReplyList>;
export const QuickReplyResponse = z.object({ quickReply: QuickReply });
export type QuickReplyResponse = z.infer<typeof QuickReplyResponse>;
export const SavedViewList = z.object({ views: z.array(SavedView) });
export type SavedViewList = z.infer<typeof SavedViewList>;
export const SavedViewResponse = z.object({ view: SavedView });
export type SavedViewResponse = z.infer<typeof SavedViewResponse>;

// ---- webhooks ----

/** POST /webhooks/:ws/events */
export const EventsResponse = z.object({ accepted: z.number().int(), duplicates: z.number().int() });
export type EventsResponse = z.infer<typeof EventsResponse>;
/** POST /webhooks/:ws/shopify, a handled topic; `applied: false` means D1 already held a newer version. */
export const ShopifyApplied = z.object({ topic: z.string(), applied: z.boolean(), profileId: z.string().nullable() });
export type ShopifyApplied = z.infer<typeof ShopifyApplied>;
/** POST /webhooks/:ws/shopify, every answer: handled, a topic Sidedesk ignores, or a delivery already seen. */
export const ShopifyWebhookResponse = z.union([
  ShopifyApplied,
  z.object({ ignored: z.literal(true), topic: z.string() }),
  z.object({ duplicate: z.literal(true) }),
]);
export type ShopifyWebhookResponse = z.infer<typeof ShopifyWebhookResponse>;

// ---- development only ----

/** GET /dev/clock, POST /dev/clock */
export const DevClock = z.object({ now: IsoTime, offsetMs: z.number().int() });
export type DevClock = z.infer<typeof DevClock>;
/** One message the worker would have sent (no provider configured). */
export const OutboxMessage = z.object({
  id: z.string(),
  workspaceId: z.string(),
  channel: z.enum(["sms", "email"]),
  to: z.string(),
  from: z.string().nullable(),
  subject: z.string().nullable(),
  body: z.string(),
  media: z.array(z.string()),
  ticketId: z.string().nullable(),
  createdAt: IsoTime,
  /** Email only: the whole RFC 5322 message. */
  mime: z.string().optional(),
});
export type OutboxMessage = z.infer<typeof OutboxMessage>;
/** GET /dev/outbox, newest first. */
export const DevOutbox = z.object({ messages: z.array(OutboxMessage) });
export type DevOutbox = z.infer<typeof DevOutbox>;
