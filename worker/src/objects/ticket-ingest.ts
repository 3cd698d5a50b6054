// What a customer message (or a flow/campaign send logged for them) does to a ticket, inside one transaction.
import type { Attachment, Attribution, Channel, EmailParts, Message, ProfileRef } from "../../../shared/schemas";
import { channels, withChannel } from "../channels";
import type { TicketState } from "./ticket-state";
import { attributeReply } from "../../../shared/rules/attribution";
import { SYSTEM, type TicketWriter } from "./ticket-writer";

export interface InboundInput {
  workspaceId: string;
  channel: Channel;
  profile: ProfileRef;
  providerId: string;
  text: string;
  media: string[];
  /** Files already stored for this message (web-chat photos). */
  files?: Attachment[];
  at: number;
  origin: string;
  /** Set for compliance keywords: the message is shown but opens nothing; this reply is sent. */
  keywordReply?: string;
  /** Auto-responder text, sent when this message opens or reopens the ticket. */
  autoReply?: string | null;
  /** What sent the automatic reply: the SMS auto-responder (default) or web chat's business-hours reply. */
  autoReplySource?: "auto_responder" | "business_hours";
  attributionWindowHours: number;
  /** Blocked profile: keep the message, but do not reopen or notify. */
  blocked?: boolean;
  /** Written by a machine (an out-of-office or other auto-reply): kept in the thread, but it opens, reopens and notifies nothing. */
  automatic?: boolean;
  /** Email only: the message's subject, sanitized HTML and attachments, and where it sits in its thread. */
  email?: EmailParts | null;
  emailThread?: { subject: string; rootId: string; messageId: string; references: string[]; cc?: string[] };
}

/** Timer key of the new-ticket notification emails (docs/api.md, "Notifications"), handled by the ticket object. */
export const NOTIFY_TIMER = "notify";

export interface MarketingInput {
  workspaceId: string;
  channel: Channel;
  profile: ProfileRef;
  providerId: string;
  source: "flow" | "campaign";
  name: string;
  text: string;
  at: number;
}

export function applyInbound(writer: TicketWriter, input: InboundInput): Message {
  const state = writer.stateOrNew(input.workspaceId, input.channel, input.profile, input.at);
  const attribution = attributionOf(state, input);
  const inbound = writer.append(state, {
    kind: "inbound",
    text: input.text,
    author: customer(input.profile),
    status: null,
    source: "customer",
    providerId: input.providerId,
    media: input.media,
    files: input.files,
    attribution,
    email: input.email ?? null,
    at: input.at,
  });
  withChannel(state, (channel, s) => channel.onInbound(s, { emailThread: input.emailThread }));
  afterCustomerMessage(writer, state, inbound, attribution, input);
  return inbound;
}

/** A customer message stored earlier without its profile (SMS, see ticket-sms-inbound.ts): now applied like any other. */
export function applyCustomerMessage(writer: TicketWriter, stored: Message, input: CustomerMessageInput): Message {
  const state = writer.stateOrNew(input.workspaceId, input.channel, input.profile, input.at);
  const attribution = attributionOf(state, input);
  const inbound = writer.adopt(state, stored.seq, customer(input.profile), attribution);
  afterCustomerMessage(writer, state, inbound, attribution, input);
  return inbound;
}

type CustomerMessageInput = Omit<InboundInput, "providerId" | "text" | "media" | "email" | "emailThread">;

const customer = (p: ProfileRef) => ({ type: "customer" as const, id: p.id, name: p.name });

function attributionOf(state: TicketState, input: CustomerMessageInput) {
  const lastSend = state.lastMarketing ? { ...state.lastMarketing, at: new Date(state.lastMarketing.at) } : null;
  return input.keywordReply || input.blocked || input.automatic
    ? null
    : attributeReply(lastSend, state.lastAttributedSeq, new Date(input.at), input.attributionWindowHours);
}

/** Opens or reopens the ticket, queues the keyword answer or auto-reply, schedules the new-ticket notification. */
function afterCustomerMessage(writer: TicketWriter, state: TicketState, inbound: Message, attribution: Attribution | null, input: CustomerMessageInput) {
  state.origin = input.origin;
  if (input.keywordReply) {
    writer.queueOutbound(state, { text: input.keywordReply, source: "keyword", at: input.at });
  } else if (!input.blocked && !input.automatic) {
    state.lastInboundSeq = inbound.seq;
    state.lastCustomerAt = input.at;
    state.waitingSince ??= input.at;
    if (attribution) Object.assign(state, { attribution, lastAttributedSeq: inbound.seq });
    const wasOpened = state.opened;
    state.opened = true;
    const reopened = wasOpened && writer.transition(state, { type: "customer_message" }, null, input.at);
    if (!wasOpened) writer.schedule(NOTIFY_TIMER, input.at, { seq: inbound.seq });
    if (!wasOpened) writer.emit(state, { type: "ticket_created" });
    writer.notifyFollowers(state, inbound.seq, input.at);
    writer.emit(state, { type: "customer_message" });
    if ((!wasOpened || reopened) && input.autoReply)
      writer.queueOutbound(state, { text: input.autoReply, source: input.autoReplySource ?? "auto_responder", at: input.at });
  }
  writer.commit(state, "message");
}

/** A closed ticket whose channel does not reopen (web chat: the widget starts a new session instead). */
export function refusesCustomerMessage(state: TicketState): boolean {
  return state.status === "closed" && channels[state.channel].whenClosed === "refuse";
}

export function applyMarketing(writer: TicketWriter, input: MarketingInput) {
  const state = writer.stateOrNew(input.workspaceId, input.channel, input.profile, input.at);
  const sent = writer.append(state, {
    kind: "outbound",
    text: input.text,
    author: SYSTEM,
    status: "sent",
    source: input.source,
    providerId: input.providerId,
    attribution: { type: input.source, name: input.name },
    at: input.at,
  });
  // Attribution follows the latest send, not the latest logged: a late backfill of an older send does not take over.
  if (!state.lastMarketing || input.at >= state.lastMarketing.at) state.lastMarketing = { type: input.source, name: input.name, at: input.at, seq: sent.seq };
  writer.commit(state, "message");
}
