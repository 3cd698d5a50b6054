// Messages of a ticket's thread, as the API returns them and as objects accept them.
import { z } from "zod";
import { MAX_AGENT_TEXT } from "../rules/reply-limits";
import { IsoTime } from "./common";

export const MessageKind = z.enum(["inbound", "outbound", "note", "activity"]);
export type MessageKind = z.infer<typeof MessageKind>;

export const DeliveryStatus = z.enum(["queued", "sent", "delivered", "failed"]);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

/** Where a message came from: a person, or one of the automations. */
export const MessageSource = z.enum([
  "customer",
  "agent",
  "keyword",
  "auto_responder",
  "flow",
  "campaign",
  "system",
  "welcome",
  "business_hours",
  "rule",
  "survey",
]);
export type MessageSource = z.infer<typeof MessageSource>;

/** An activity line's catalogue key (shared/i18n/<locale>/activity.json) and parameters; null on other messages. */
export const Activity = z.object({ key: z.string(), params: z.record(z.string()) });
export type Activity = z.infer<typeof Activity>;

export const Author = z.object({ type: z.enum(["customer", "agent", "system"]), id: z.string().nullable(), name: z.string().nullable() });
export type Author = z.infer<typeof Author>;

/**
 * A file on a message (email attachment, MMS media, web-chat photo, a file an agent attached). `id` names its stored
 * bytes (open them with GET /api/tickets/:id/files/:fileId); null when the bytes were not kept, `error` says why.
 */
export const Attachment = z.object({
  id: z.string().nullable().default(null),
  name: z.string(),
  type: z.string(),
  size: z.number().int().min(0),
  error: z.string().nullable().default(null),
  /** Email only: the part's Content-ID, which the HTML's inline images name (`<img data-cid>` after sanitizing). */
  contentId: z.string().nullable().default(null),
});
export type Attachment = z.infer<typeof Attachment>;

export const EmailParts = z.object({
  subject: z.string(),
  html: z.string().nullable(),
  attachments: z.array(Attachment).default([]),
  from: z.string().nullable().default(null),
  to: z.array(z.string()).default([]),
  cc: z.array(z.string()).default([]),
});
export type EmailParts = z.infer<typeof EmailParts>;

export const Message = z.object({
  id: z.string(),
  seq: z.number().int(),
  kind: MessageKind,
  text: z.string(),
  author: Author,
  status: DeliveryStatus.nullable(),
  source: MessageSource,
  createdAt: IsoTime,
  media: z.array(z.string().url()).default([]),
  error: z.string().nullable().default(null),
  /** Outbound messages: how often the customer opened their short links (docs/api.md §6.6). */
  linkClicks: z.number().int().default(0),
  /** flow / campaign name for automated outbound messages; attributed flow/campaign for inbound. */
  attribution: z
    .object({ type: z.enum(["flow", "campaign"]), name: z.string() })
    .nullable()
    .default(null),
  /** Email only: subject, sanitized HTML body (render it sandboxed) and attachments (the same list as `files`). */
  email: EmailParts.nullable().default(null),
  /** Files on the message, on every channel: email attachments, MMS media, web-chat photos, files an agent attached. */
  files: z.array(Attachment).default([]),
  /** Activity lines: what happened as a key and parameters, for the agent's language (`text` is the English). */
  activity: Activity.nullable().default(null),
});
export type Message = z.infer<typeof Message>;

export const NewAgentMessage = z.object({
  kind: z.enum(["reply", "note"]),
  text: z.string().trim().min(1, "text is empty").max(MAX_AGENT_TEXT),
  clientId: z.string().min(1).max(100).optional(),
  media: z.array(z.string().url()).max(10).optional(),
  /** Files uploaded to this ticket first (POST /api/tickets/:id/files), by id. */
  files: z
    .array(z.string().regex(/^[0-9a-f]{32}$/, "not a file id"))
    .max(10)
    .optional(),
});
export type NewAgentMessage = z.infer<typeof NewAgentMessage>;
