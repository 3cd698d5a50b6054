// The web-chat widget protocol: `/chat/:workspaceId/...` bodies, the customer's view of a thread, socket frames.
import { z } from "zod";
import { ChatSurvey } from "./csat";
import { LOCALES } from "../i18n/locales";
import { IsoTime, TicketStatus } from "./common";

export const ChatSessionId = z.string().regex(/^cs_[A-Za-z0-9_-]{16}$/, "a chat session id");
const Name = z.string().trim().min(1).max(100);
const Email = z.string().trim().toLowerCase().email().max(254);
const PageUrl = z
  .string()
  .max(2000)
  .url()
  .refine((u) => /^https?:\/\//i.test(u), "an http(s) URL");

export const ChatStartBody = z.object({ name: Name.optional(), email: Email.optional(), pageUrl: PageUrl.optional() }).strict();
export type ChatStartBody = z.infer<typeof ChatStartBody>;

export const ChatSendBody = z
  .object({
    clientId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "8-64 letters, digits, _ or -"),
    text: z.string().trim().max(5000).default(""),
    /** Photos uploaded first (POST …/files), by id. */
    files: z
      .array(z.string().regex(/^[0-9a-f]{32}$/, "not a file id"))
      .max(4)
      .default([]),
  })
  .strict()
  .refine((b) => b.text.length > 0 || b.files.length > 0, { message: "text is empty", path: ["text"] });
export type ChatSendBody = z.infer<typeof ChatSendBody>;

export const ChatProfileBody = z
  .object({ name: Name.optional(), email: Email.optional() })
  .strict()
  .refine((b) => b.name !== undefined || b.email !== undefined, "give a name or an email");
export type ChatProfileBody = z.infer<typeof ChatProfileBody>;

/** Activity the widget reports (stored as profile events). */
export const ChatEventBody = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
    type: z.literal("page_view"),
    url: PageUrl,
    title: z.string().max(300).default(""),
  })
  .strict();
export type ChatEventBody = z.infer<typeof ChatEventBody>;

export const ThreadQuery = z.object({ after: z.coerce.number().int().min(0).default(0) });

/** What the customer sees of a message: never notes or activity, never internal ids of agents. */
export const ChatMessage = z.object({
  id: z.string(),
  seq: z.number().int(),
  from: z.enum(["customer", "agent", "bot"]),
  authorName: z.string().nullable(),
  text: z.string(),
  createdAt: IsoTime,
  clientId: z.string().nullable(),
  /** Files on the message; the widget opens one at GET …/sessions/:sessionId/files/:id?token=<session token>. */
  files: z.array(z.object({ id: z.string(), name: z.string(), type: z.string(), size: z.number().int() })).default([]),
  /** The satisfaction question (docs/api.md §19): the widget shows 1–5 buttons and answers with the token. */
  survey: ChatSurvey.nullable().default(null),
});
export type ChatMessage = z.infer<typeof ChatMessage>;

export const ChatThread = z.object({ status: TicketStatus, messages: z.array(ChatMessage) });
export type ChatThread = z.infer<typeof ChatThread>;

export const ChatConfig = z.object({
  workspace: z.object({ id: z.string(), name: z.string() }),
  welcomeMessage: z.string(),
  inBusinessHours: z.boolean(),
  /** The widget's language for this visitor (from `?lang=`: data-lang, the browser's, the storefront's) and its texts. */
  language: z.enum(LOCALES),
  texts: z.record(z.string()),
});
export type ChatConfig = z.infer<typeof ChatConfig>;

/** Frames the ticket object pushes to the customer's socket. */
export const ChatServerFrame = z.discriminatedUnion("type", [
  z.object({ type: z.literal("hello"), status: TicketStatus, lastSeq: z.number().int() }),
  z.object({ type: z.literal("message"), message: ChatMessage }),
  /** The ticket's status changed (an agent closed the chat: the widget says so at once). */
  z.object({ type: z.literal("status"), status: TicketStatus }),
  z.object({ type: z.literal("pong") }),
]);
export type ChatServerFrame = z.infer<typeof ChatServerFrame>;

/** The widget's heartbeat; answered by the runtime without waking the object (exact text). */
export const CHAT_PING = '{"type":"ping"}';
export const CHAT_PONG = '{"type":"pong"}';

// ---- answers of the web chat routes (/chat/:workspaceId/...) ----

/** The customer's own name and email, as the widget shows them. */
export const ChatProfile = z.object({ name: z.string().nullable(), email: z.string().nullable() });
/** POST /chat/:ws/sessions (201): the session, its token (shown once) and the thread so far (the welcome message). */
export const ChatSession = z.object({
  sessionId: ChatSessionId,
  token: z.string().min(1),
  status: TicketStatus,
  messages: z.array(ChatMessage),
  profile: ChatProfile,
});
export type ChatSession = z.infer<typeof ChatSession>;
/** POST /chat/:ws/sessions/:sid/messages (201, or 200 for a repeated clientId) */
export const ChatPosted = z.object({ message: ChatMessage });
export type ChatPosted = z.infer<typeof ChatPosted>;
/** PATCH /chat/:ws/sessions/:sid */
export const ChatProfileResponse = z.object({ profile: ChatProfile });
export type ChatProfileResponse = z.infer<typeof ChatProfileResponse>;
