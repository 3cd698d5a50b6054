// Sends the web-chat follow-up email from the support address to the customer, and notes it in the thread for agents.
// Nothing goes out without a support address and a customer email; a refused address is noted, not retried forever.
import * as clock from "../clock";
import { activityLine } from "../../../shared/rules/activity";
import type { Env } from "../env";
import { sendEmail } from "../integrations/mailer";
import { ProviderError } from "../integrations/provider-error";
import { getProfile } from "../db/profiles";
import { getWorkspace } from "../db/workspaces";
import { loadSettings } from "../db/settings";
import { buildFollowUpEmail } from "../chat/followup-email";
import type { ChatSessionStore } from "./ticket-chat-store";
import type { TicketStore } from "./ticket-store";
import type { TicketWriter } from "./ticket-writer";
import { dbFor, directory } from "../db/shards";

export async function sendFollowUp(env: Env, ctx: DurableObjectState, store: TicketStore, writer: TicketWriter, session: ChatSessionStore): Promise<void> {
  const state = store.current();
  const [{ settings }, workspace, profile] = await Promise.all([
    loadSettings(directory(env), state.workspaceId),
    getWorkspace(directory(env), state.workspaceId),
    getProfile(dbFor(env, state.workspaceId), state.workspaceId, state.profile.id),
  ]);
  const to = profile?.email ?? state.profile.email;
  const from = settings.email.supportAddress;
  if (!to || !from || !workspace) return;
  const mail = buildFollowUpEmail({
    accountName: workspace.name,
    pageUrl: session.get()?.pageUrl ?? null,
    shopDomain: settings.shopify.shopDomain,
    recap: session.visible(0, 6, state.csat),
    brand: settings.brand,
  });
  let note = activityLine("followUpSent", { to });
  try {
    await sendEmail(env, {
      workspaceId: state.workspaceId,
      ticketId: state.ticketId,
      from: { name: workspace.name, address: from },
      to,
      replyTo: from,
      ...mail,
    });
  } catch (err) {
    if (!(err instanceof ProviderError) || err.retryable) throw err; // the flusher retries in a minute
    note = activityLine("followUpFailed", { to, reason: err.message });
  }
  ctx.storage.transactionSync(() => {
    const latest = store.current();
    writer.activity(latest, note, clock.now());
    writer.commit(latest, "followup");
  });
}
