// New-ticket notification emails (docs/api.md §11 Notifications): one per configured recipient when a ticket first opens, on any channel.
// Driven by the ticket's durable "notify" timer; recipients already mailed are kept in the payload, so retries never repeat one.
import * as clock from "../clock";
import { z } from "zod";
import type { Env } from "../env";
import { loadSettings } from "../db/settings";
import { getWorkspace } from "../db/workspaces";
import { escapeHtml } from "../domain/email-text";
import { sendEmail } from "../integrations/mailer";
import { ProviderError } from "../integrations/provider-error";
import type { TicketStore } from "./ticket-store";
import type { TicketState } from "./ticket-state";
import { directory } from "../db/shards";

const Payload = z.object({ seq: z.number().int(), done: z.array(z.string()).default([]), attempts: z.number().int().default(0) });
const MAX_ATTEMPTS = 5;
const CHANNEL_NAME = { sms: "SMS", webchat: "web chat", email: "email" } as const;
const FALLBACK_FROM = "notifications@sidedesk.invalid";

export async function runNotifyTimer(env: Env, store: TicketStore, key: string, payload: unknown): Promise<void> {
  const parsed = Payload.safeParse(payload);
  const state = store.state();
  if (!parsed.success || !state) return store.clearTimer(key);
  const p = parsed.data;
  const { settings } = await loadSettings(directory(env), state.workspaceId);
  const pending = settings.email.notifyRecipients.map((r) => r.toLowerCase()).filter((r, i, all) => all.indexOf(r) === i && !p.done.includes(r));
  if (pending.length === 0) return store.clearTimer(key);
  // The display number is assigned by the first projection, right after this timer's run: wait for it.
  if (state.number === null) return store.setTimer(key, clock.now() + 250, p);
  const workspace = await getWorkspace(directory(env), state.workspaceId);
  const mail = notification(state, workspace?.name ?? "Sidedesk", store.message(p.seq)?.text ?? "");
  const from = { address: settings.email.supportAddress ?? settings.email.inboundAddress ?? FALLBACK_FROM, name: workspace?.name ?? "Sidedesk" };
  let retry = false;
  for (const to of pending) {
    try {
      await sendEmail(env, { workspaceId: state.workspaceId, ticketId: state.ticketId, from, to, ...mail });
      p.done.push(to);
    } catch (err) {
      const permanent = err instanceof ProviderError && !err.retryable;
      console.warn(`new-ticket notification to ${to} failed${permanent ? "" : "; will retry"}`, err instanceof Error ? err.message : err);
      if (permanent) p.done.push(to);
      else retry = true;
    }
  }
  if (retry && p.attempts + 1 < MAX_ATTEMPTS) store.setTimer(key, clock.now() + 60_000 * 2 ** p.attempts, { ...p, attempts: p.attempts + 1 });
  else store.clearTimer(key);
}

function notification(state: TicketState, workspaceName: string, firstMessage: string) {
  const who = [state.profile.name, state.profile.email, state.profile.phone].filter(Boolean).join(" · ") || "Unknown customer";
  const channel = CHANNEL_NAME[state.channel];
  const subject = `New ${channel} ticket #${state.number} from ${state.profile.name ?? state.profile.email ?? state.profile.phone ?? "a customer"}`;
  const text = `${workspaceName}: a new ${channel} ticket #${state.number} was opened.\n\nCustomer: ${who}\nChannel: ${channel}\n\n${firstMessage}\n`;
  const html =
    `<p>${escapeHtml(workspaceName)}: a new ${channel} ticket <b>#${state.number}</b> was opened.</p>` +
    `<p>Customer: ${escapeHtml(who)}<br>Channel: ${channel}</p>` +
    `<blockquote style="white-space:pre-wrap">${escapeHtml(firstMessage)}</blockquote>`;
  return { subject, text, html };
}
