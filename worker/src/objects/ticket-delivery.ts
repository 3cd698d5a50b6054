// Sends a queued outbound message for its channel; failures are retried from the alarm with backoff.
import * as clock from "../clock";
import type { Env } from "../env";
import type { EmailParts, Message } from "../../../shared/schemas";
import { sendSms } from "../integrations/sms-sender";
import { ProviderError } from "../integrations/provider-error";
import type { TicketStore, TicketState } from "./ticket-store";
import { SEND_PREFIX } from "./ticket-writer";
import { deliverToChat } from "./ticket-chat-sockets";
import { recordSentEmail, sendEmailReply } from "./ticket-email";

const MAX_ATTEMPTS = 5;
const backoffMs = (attempt: number) => Math.min(60_000 * 2 ** (attempt - 1), 30 * 60_000);

export async function deliverMessage(env: Env, store: TicketStore, ctx: DurableObjectState, seq: number): Promise<void> {
  const key = `${SEND_PREFIX}${seq}`;
  const state = store.state() as TicketState;
  const message = store.message(seq);
  if (!message || message.status !== "queued") return store.clearTimer(key);
  try {
    const sent = await sendFor(env, state, message.text, message.media, { ctx, store, message });
    ctx.storage.transactionSync(() => {
      const updated = store.setDelivery(seq, sent.status, { providerId: sent.providerId, error: null, email: sent.email });
      if (sent.messageId) recordSentEmail(store, sent.messageId);
      store.clearTimer(key);
      if (updated) store.queueEvent({ type: "message.updated", ticketId: state.ticketId, message: updated });
    });
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    const attempts = store.bumpAttempts(seq);
    const retryable = !(err instanceof ProviderError) || err.retryable;
    if (retryable && attempts < MAX_ATTEMPTS) {
      store.setTimer(key, clock.now() + backoffMs(attempts), { seq });
      return;
    }
    ctx.storage.transactionSync(() => {
      const updated = store.setDelivery(seq, "failed", { error: reason });
      store.clearTimer(key);
      if (updated) store.queueEvent({ type: "message.updated", ticketId: state.ticketId, message: updated });
      const s = store.state() as TicketState;
      s.version += 1;
      store.saveState(s);
    });
  }
}

interface Sent { providerId: string; status: "sent" | "delivered"; email?: EmailParts; messageId?: string }

/** `chat` gives the web-chat delivery the object's sockets and timers. */
async function sendFor(env: Env, state: TicketState, text: string, media: string[], chat: { ctx: DurableObjectState; store: TicketStore; message: Message }): Promise<Sent> {
  // Where Twilio's status callbacks go: the public URL, else the origin the ticket was last reached at (none: no callbacks).
  const origin = env.PUBLIC_URL ?? state.origin ?? "";
  switch (state.channel) {
    case "sms":
      if (!state.profile.phone) throw new ProviderError("The profile has no phone number.", false);
      return sendSms(env, { workspaceId: state.workspaceId, ticketId: state.ticketId, to: state.profile.phone, body: text, media, origin });
    case "email":
      return sendEmailReply(env, state, text);
    case "webchat":
      return deliverToChat(chat.ctx, chat.store, state, chat.message);
  }
}
