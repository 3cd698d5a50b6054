// Sends a queued outbound message through its channel adapter; failures are retried from the alarm with backoff.
import * as clock from "../clock";
import type { Env } from "../env";
import { ProviderError } from "../integrations/provider-error";
import { withChannel } from "../channels";
import type { TicketStore } from "./ticket-store";
import { SEND_PREFIX } from "./ticket-writer";

const MAX_ATTEMPTS = 5;
const backoffMs = (attempt: number) => Math.min(60_000 * 2 ** (attempt - 1), 30 * 60_000);

export async function deliverMessage(env: Env, store: TicketStore, ctx: DurableObjectState, seq: number): Promise<void> {
  const key = `${SEND_PREFIX}${seq}`;
  const state = store.current();
  const message = store.message(seq);
  if (message?.status !== "queued") return store.clearTimer(key);
  try {
    const sent = await withChannel(state, (channel, s) => channel.send({ env, ctx, store, state: s, message }));
    ctx.storage.transactionSync(() => {
      const updated = store.setDelivery(seq, sent.status, { providerId: sent.providerId, error: null, email: sent.email });
      const latest = store.current();
      withChannel(latest, (channel, s) => channel.afterSend(s, sent));
      store.saveState(latest);
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
      const s = store.current();
      s.version += 1;
      store.saveState(s);
    });
  }
}
