// Ticket summaries (D1 listings) and ticket detail (the Durable Object's view).
import { z } from "zod";
import { Channel, IsoTime, TicketStatus } from "./common";
import { ProfileRef } from "./profile";

export const LastMessage = z.object({ text: z.string(), at: IsoTime, direction: z.enum(["inbound", "outbound", "note", "activity"]) });

export const Attribution = z.object({ type: z.enum(["flow", "campaign"]), name: z.string() });
export type Attribution = z.infer<typeof Attribution>;

export const TicketSummary = z.object({
  id: z.string(),
  number: z.number().int().nullable(),
  channel: Channel,
  status: TicketStatus,
  snoozedUntil: IsoTime.nullable(),
  assigneeId: z.string().nullable(),
  tags: z.array(z.string()),
  unread: z.boolean(),
  favorite: z.boolean(),
  profile: ProfileRef,
  lastMessage: LastMessage.nullable(),
  attribution: Attribution.nullable(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
  /** Web chat only (null otherwise): whether the customer's widget is connected. Live in detail and `ticket.updated`. */
  customerOnline: z.boolean().nullable().optional(),
  /** The customer's last message (what the row previews: automatic replies and notes after it do not hide it). */
  lastCustomerMessage: z.object({ text: z.string(), at: IsoTime }).nullable().optional(),
  /** Since when the customer has waited for an agent's answer (their oldest unanswered message); null once answered or closed. */
  waitingSince: IsoTime.nullable().optional(),
  /** The SLA target due first (docs/api.md §18): its policy, kind, due time and whether it is missed; null without one. */
  sla: z
    .object({ policy: z.string(), target: z.enum(["response", "resolution"]), dueAt: IsoTime, breached: z.boolean() })
    .nullable()
    .optional(),
});
export type TicketSummary = z.infer<typeof TicketSummary>;

export const QuietHours = z.object({
  timezone: z.string(),
  localTime: z.string(),
  inQuietHours: z.boolean(),
});
export type QuietHours = z.infer<typeof QuietHours>;

export const TicketDetail = TicketSummary.extend({
  followers: z.array(z.string()),
  description: z.string(),
  smsConsent: z.enum(["marketing", "transactional"]).nullable(),
  canReply: z.boolean(),
  replyBlockedReason: z.string().nullable(),
  quietHours: QuietHours.nullable(),
  blocked: z.boolean(),
  /** The customer's phone as people read it ("+1 202-555-0101"). */
  phoneDisplay: z.string().nullable().default(null),
  customerOnline: z.boolean().nullable(),
  /** Web chat: a follow-up email goes out if agents reply while the customer is offline (support address and customer email known). */
  followUpEmail: z.boolean(),
  /** Web chat: when the pending follow-up email goes out; null when none is pending (not yet due, or already sent). */
  followUpAt: IsoTime.nullable().default(null),
});
export type TicketDetail = z.infer<typeof TicketDetail>;
