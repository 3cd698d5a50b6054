// What the ticket kernel needs to know about a channel, and nothing more: the core (ingest → transition → commit →
// flush) calls these and never branches on `channel` itself. One module per channel implements it.
import type { Env } from "../env";
import type { Channel, EmailParts, Message, Profile, QuietHours } from "../../../shared/schemas";
import type { Settings } from "../../../shared/schemas/settings";
import type { StateOf } from "../objects/ticket-state";
import type { TicketStore } from "../objects/ticket-store";

/** Why an agent may not reply on this channel now: the same rule for the reply route and the ticket detail. */
export interface ReplyRefusal {
  code: "profile_blocked" | "consent_required";
  message: string;
}

export interface Sent {
  providerId: string;
  status: "sent" | "delivered";
  email?: EmailParts;
  messageId?: string;
}

export interface SendContext<C extends Channel> {
  env: Env;
  ctx: DurableObjectState;
  store: TicketStore;
  state: StateOf<C>;
  message: Message;
}

/** A customer message as the core hands it to the channel, to update the channel's own part of the state. */
export interface InboundFacts {
  emailThread?: { subject: string; rootId: string; messageId: string; references: string[]; cc?: string[] };
}

/** What the ticket detail shows that depends on the channel. */
export interface ChannelDetail {
  quietHours: QuietHours | null;
  customerOnline: boolean | null;
  followUpEmail: boolean;
  /** Web chat: when the pending follow-up email goes out (ISO), null when none is pending. */
  followUpAt: string | null;
}

type ChannelPart<C extends Channel> = Omit<StateOf<C>, keyof StateOf<"sms">> & { channel: C };

export interface ChannelAdapter<C extends Channel> {
  readonly channel: C;
  /** The channel's name for agents ("SMS", "Email", "Web chat"). */
  readonly label: string;
  /** The ticket object's name for a conversation key (phone, thread root, chat session): deterministic, so concurrent
   *  first messages meet in one object. */
  ticketName(workspaceId: string, key: string): string;
  /** The channel's part of a new ticket's state. */
  newState(): ChannelPart<C>;
  /** What a closed ticket does with a new customer message: reopen it, or refuse it (a closed chat is over). */
  readonly whenClosed: "reopen" | "refuse";
  /** Updates the channel's part of the state for a customer message (inside the ingest transaction). */
  onInbound(state: StateOf<C>, facts: InboundFacts): void;
  replyGate(profile: Pick<Profile, "blocked" | "smsConsent"> | null): ReplyRefusal | null;
  /** Rewrites an agent reply before it is stored (SMS shortens links). */
  prepareReply(env: Env, at: { workspaceId: string; ticketId: string; origin: string; settings: Settings }, text: string): Promise<string>;
  /** Sends a queued outbound message; throws ProviderError (retryable or not) when the provider refuses. */
  send(c: SendContext<C>): Promise<Sent>;
  /** After a successful send, inside its transaction (email threads our Message-ID into later replies). */
  afterSend(state: StateOf<C>, sent: Sent): void;
  detail(state: StateOf<C>, at: { settings: Settings; timeZone: string; customerEmail: string | null; now: Date; followUpAt: number | null }): ChannelDetail;
}
