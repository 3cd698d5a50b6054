// Extension-side zod schemas: API responses not covered by shared/ (counts, profile view, library lists) and stored items.
import { z } from "zod";
import { ActivityEvent, Agent, Message, Profile, ProfileStats, QuickReply, SavedView, Settings, TicketDetail, TicketSummary, Workspace } from "../../shared/schemas";

export const Me = z.object({ agent: Agent, workspace: Workspace });
export type Me = z.infer<typeof Me>;
export const AgentList = z.object({ agents: z.array(Agent) });

export { AgentLoad, TicketCounts as Counts, TicketPage } from "../../shared/schemas";

/** The detail view (web-chat presence included). */
export const TicketView = TicketDetail;
export type TicketView = z.infer<typeof TicketView>;
export const TicketDetailResponse = z.object({ ticket: TicketView, messages: z.array(Message), hasMore: z.boolean() });
export type TicketDetailResponse = z.infer<typeof TicketDetailResponse>;
export const OlderMessages = z.object({ messages: z.array(Message), hasMore: z.boolean() });
export const PostedMessage = z.object({ message: Message });

export const ProfileTicket = z.object({ id: z.string(), number: z.number().nullable(), channel: z.string(), status: z.string(), lastActivityAt: z.string() });
export type ProfileTicket = z.infer<typeof ProfileTicket>;
export const ProfileView = z.object({
  profile: Profile.extend({ createdAt: z.string() }).partial({ timezone: true, location: true, storeCustomerId: true, createdAt: true }),
  activity: z.array(ActivityEvent).default([]),
  tickets: z.array(ProfileTicket).default([]),
  orders: z.array(z.unknown()).default([]),
  stats: ProfileStats.nullable().default(null),
});
export type ProfileView = z.infer<typeof ProfileView>;

const secretFlag = z.object({ set: z.boolean() });
export const SettingsView = Settings.extend({
  sms: Settings.shape.sms.removeDefault().extend({ accountSid: secretFlag, authToken: secretFlag }),
  shopify: Settings.shape.shopify.removeDefault().extend({ adminToken: secretFlag, webhookSecret: secretFlag }),
  events: z.object({ signingSecret: secretFlag }),
});
export type SettingsView = z.infer<typeof SettingsView>;

export const NewAgentResponse = z.object({ agent: Agent, token: z.string() });

export const QuickReplyList = z.object({ quickReplies: z.array(QuickReply) });
export const QuickReplyResponse = z.object({ quickReply: QuickReply });
export const SavedViewList = z.object({ views: z.array(SavedView) });
export const SavedViewResponse = z.object({ view: SavedView });

// ---- stored items ----
export const Credentials = z.object({ baseUrl: z.string().url(), token: z.string().min(1) });
export type Credentials = z.infer<typeof Credentials>;

export const QueuedReply = z.object({
  clientId: z.string(), ticketId: z.string(), kind: z.enum(["reply", "note"]), text: z.string(), queuedAt: z.string(),
  error: z.string().nullable().default(null),
});
export type QueuedReply = z.infer<typeof QueuedReply>;

export const Draft = z.object({ text: z.string(), mode: z.enum(["reply", "note"]), savedAt: z.string() });
export type Draft = z.infer<typeof Draft>;

export const AdminContext = z.object({
  store: z.string(), kind: z.enum(["order", "customer"]), id: z.string(), url: z.string(),
  /** Emails / phones / order names seen on the admin page, used to find the customer when the API cannot. */
  hints: z.object({ emails: z.array(z.string()), phones: z.array(z.string()), orderName: z.string().nullable() }),
});
export type AdminContext = z.infer<typeof AdminContext>;
