// Extension-side zod schemas: the items the panel stores. API response bodies are shared with the worker and its
// tests (shared/schemas/responses.ts) and re-exported here under the names the panel uses.
import { z } from "zod";
import { TicketDetail } from "../../shared/schemas";

export {
  AgentList,
  AgentLoad,
  FileLink,
  UploadedFile,
  TicketCounts as Counts,
  Me,
  NewAgentResponse,
  OlderMessages,
  PostedMessage,
  ProfileTicket,
  ProfileView,
  QuickReplyList,
  QuickReplyResponse,
  SavedViewList,
  SavedViewResponse,
  TicketDetailResponse,
  TicketPage,
} from "../../shared/schemas";

export type { SettingsView } from "../../shared/schemas/settings-view";

/** The detail view (web-chat presence included). */
export const TicketView = TicketDetail;
export type TicketView = z.infer<typeof TicketView>;

// ---- stored items ----
export const Credentials = z.object({ baseUrl: z.string().url(), token: z.string().min(1) });
export type Credentials = z.infer<typeof Credentials>;

export const QueuedReply = z.object({
  clientId: z.string(),
  ticketId: z.string(),
  kind: z.enum(["reply", "note"]),
  text: z.string(),
  /** Files already uploaded to the ticket, sent with the text. */
  files: z.array(z.object({ id: z.string(), name: z.string() })).default([]),
  queuedAt: z.string(),
  error: z.string().nullable().default(null),
});
export type QueuedReply = z.infer<typeof QueuedReply>;

export const Draft = z.object({ text: z.string(), mode: z.enum(["reply", "note"]), savedAt: z.string() });
export type Draft = z.infer<typeof Draft>;

export const AdminContext = z.object({
  store: z.string(),
  kind: z.enum(["order", "customer"]),
  id: z.string(),
  url: z.string(),
  /** Emails / phones / order names seen on the admin page, used to find the customer when the API cannot. */
  hints: z.object({ emails: z.array(z.string()), phones: z.array(z.string()), orderName: z.string().nullable() }),
});
export type AdminContext = z.infer<typeof AdminContext>;
