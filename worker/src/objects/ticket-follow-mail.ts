// New-message emails for followers (docs/api.md §11): a customer message on a followed ticket starts a short timer;
// when it goes off, each follower who asked for these emails (Settings → You) and is not online gets one email with the
// messages since, so a burst of messages makes one email. Addresses already mailed stay in the payload across retries.
import * as clock from "../clock";
import { z } from "zod";
import { INBOX_ROLES } from "../../../shared/schemas";
import type { Env } from "../env";
import { loadSettings } from "../db/settings";
import { directory } from "../db/shards";
import { getWorkspace, listAgents } from "../db/workspaces";
import { escapeHtml } from "../domain/email-text";
import { sendEmail } from "../integrations/mailer";
import { ProviderError } from "../integrations/provider-error";
import type { TicketState } from "./ticket-state";
import type { TicketStore } from "./ticket-store";

export const FOLLOW_MAIL_TIMER = "follow-mail";
/** Messages arriving within this window after the first go out together. */
export const FOLLOW_MAIL_DELAY_MS = 2 * 60_000;
export const FollowMailPayload = z.object({ fromSeq: z.number().int(), done: z.array(z.string()).default([]), attempts: z.number().int().default(0) });
const FALLBACK_FROM = "notifications@sidedesk.invalid";

/** A customer message on a ticket with followers: the email goes out after the delay (a later message joins it). */
export function scheduleFollowMail(store: TicketStore, state: TicketState, seq: number, at: number) {
  if (state.followers.length === 0 || store.timer(FOLLOW_MAIL_TIMER) !== null) return;
  store.setTimer(FOLLOW_MAIL_TIMER, at + FOLLOW_MAIL_DELAY_MS, { fromSeq: seq, done: [], attempts: 0 });
}

export async function runFollowMail(env: Env, store: TicketStore, key: string, payload: unknown): Promise<void> {
  const parsed = FollowMailPayload.safeParse(payload);
  const state = store.state();
  if (!parsed.success || !state || state.number === null) return store.clearTimer(key);
  const p = parsed.data;
  const [agents, presence, { settings }, workspace] = await Promise.all([
    listAgents(directory(env), state.workspaceId),
    env.INBOX.get(env.INBOX.idFromName(state.workspaceId)).presence(),
    loadSettings(directory(env), state.workspaceId),
    getWorkspace(directory(env), state.workspaceId),
  ]);
  const to = agents
    .filter((a) => state.followers.includes(a.id) && a.notifyFollowed && INBOX_ROLES.includes(a.role) && !presence.online.includes(a.id))
    .map((a) => a.email.toLowerCase())
    .filter((email) => !p.done.includes(email));
  const messages = store.page(null, 50).messages.filter((m) => m.kind === "inbound" && m.seq >= p.fromSeq);
  if (to.length === 0 || messages.length === 0) return store.clearTimer(key);
  const name = workspace?.name ?? "Sidedesk";
  const mail = followMail(
    state,
    name,
    messages.map((m) => m.text),
  );
  const from = { address: settings.email.supportAddress ?? settings.email.inboundAddress ?? FALLBACK_FROM, name };
  let retry = false;
  for (const address of to) {
    try {
      await sendEmail(env, { workspaceId: state.workspaceId, ticketId: state.ticketId, from, to: address, ...mail });
      p.done.push(address);
    } catch (err) {
      if (err instanceof ProviderError && !err.retryable) p.done.push(address);
      else retry = true;
    }
  }
  if (retry && p.attempts < 4) store.setTimer(key, clock.now() + 60_000 * 2 ** p.attempts, { ...p, attempts: p.attempts + 1 });
  else store.clearTimer(key);
}

function followMail(state: TicketState, workspaceName: string, texts: string[]) {
  const who = state.profile.name ?? state.profile.email ?? state.profile.phone ?? "A customer";
  const subject = `[${workspaceName}] ${who} wrote on #${state.number}`;
  const text = `${who} wrote on ticket #${state.number}, which you follow:\n\n${texts.join("\n\n")}\n`;
  const html = `<p>${escapeHtml(who)} wrote on ticket <b>#${state.number}</b>, which you follow:</p>${texts.map((t) => `<blockquote style="white-space:pre-wrap">${escapeHtml(t)}</blockquote>`).join("")}`;
  return { subject, text, html };
}
