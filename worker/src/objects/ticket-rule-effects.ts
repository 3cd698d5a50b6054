// What rules do outside the ticket, from the ticket's own timers after the rules' transaction: the notification email
// (each address once, retried with backoff) and blocking the spam profile everywhere (its other tickets too).
import * as clock from "../clock";
import { z } from "zod";
import { activityLine } from "../../../shared/rules/activity";
import { loadSettings } from "../db/settings";
import { getProfile, profileTickets, setBlocked } from "../db/profiles";
import { directory } from "../db/shards";
import { getWorkspace } from "../db/workspaces";
import { escapeHtml } from "../domain/email-text";
import { sendEmail } from "../integrations/mailer";
import { ProviderError } from "../integrations/provider-error";
import type { TicketKernel } from "./ticket-timers";
import type { TicketState } from "./ticket-state";

export const RuleMailPayload = z.object({ rule: z.string(), to: z.array(z.string()), done: z.array(z.string()), attempts: z.number().int() });
export const RuleBlockPayload = z.object({ rule: z.string() });
const MAX_ATTEMPTS = 5;
const FALLBACK_FROM = "notifications@sidedesk.invalid";

type Kernel = TicketKernel;

export async function runRuleMail(k: Kernel, key: string, p: z.infer<typeof RuleMailPayload>): Promise<void> {
  const state = k.store.state();
  if (!state) return k.store.clearTimer(key);
  // The display number comes with the first projection, right after the run that opened the ticket: wait for it.
  if (state.number === null) return k.store.setTimer(key, clock.now() + 250, p);
  const [{ settings }, workspace] = await Promise.all([loadSettings(directory(k.env), state.workspaceId), getWorkspace(directory(k.env), state.workspaceId)]);
  const name = workspace?.name ?? "Sidedesk";
  const mail = ruleMail(state, name, p.rule, k.store.lastCustomerMessage(state.lastInboundSeq)?.text ?? "");
  const from = { address: settings.email.supportAddress ?? settings.email.inboundAddress ?? FALLBACK_FROM, name };
  const failed: string[] = [];
  let retry = false;
  for (const to of p.to.filter((t) => !p.done.includes(t))) {
    try {
      await sendEmail(k.env, { workspaceId: state.workspaceId, ticketId: state.ticketId, from, to, ...mail });
      p.done.push(to);
    } catch (err) {
      const permanent = (err instanceof ProviderError && !err.retryable) || p.attempts + 1 >= MAX_ATTEMPTS;
      if (permanent) failed.push(to);
      else retry = true;
      console.warn(`rule email to ${to} failed${permanent ? "" : "; will retry"}`, err instanceof Error ? err.message : err);
    }
  }
  const done = p.done.filter((t) => p.to.includes(t));
  k.ctx.storage.transactionSync(() => {
    if (retry) k.store.setTimer(key, clock.now() + 60_000 * 2 ** p.attempts, { ...p, to: p.to.filter((t) => !failed.includes(t)), attempts: p.attempts + 1 });
    else k.store.clearTimer(key);
    const current = k.store.current();
    if (!retry && done.length) k.writer.activity(current, activityLine("ruleEmailed", { rule: p.rule, to: done.join(", ") }), clock.now());
    if (failed.length)
      k.writer.activity(current, activityLine("ruleEmailFailed", { rule: p.rule, to: failed.join(", "), reason: "the mail service refused it" }), clock.now());
    if ((!retry && done.length) || failed.length) k.writer.commit(current, "rules");
  });
}

function ruleMail(state: TicketState, workspaceName: string, rule: string, lastMessage: string) {
  const who = state.profile.name ?? state.profile.email ?? state.profile.phone ?? "a customer";
  const subject = `[${workspaceName}] #${state.number} from ${who} — rule “${rule}”`;
  const text = `The rule “${rule}” asked to tell you about ticket #${state.number} (${state.channel}) from ${who}.\n\n${lastMessage}\n`;
  const html =
    `<p>The rule “${escapeHtml(rule)}” asked to tell you about ticket <b>#${state.number}</b> (${state.channel}) from ${escapeHtml(who)}.</p>` +
    `<blockquote style="white-space:pre-wrap">${escapeHtml(lastMessage)}</blockquote>`;
  return { subject, text, html };
}

/** Spam: the profile is blocked in D1 and on each of its other tickets (this one was blocked in the rules' transaction). */
export async function runRuleBlock(k: Kernel, key: string, p: z.infer<typeof RuleBlockPayload>): Promise<void> {
  const state = k.store.state();
  if (!state) return k.store.clearTimer(key);
  const db = k.shard(state.workspaceId);
  const profile = await getProfile(db, state.workspaceId, state.profile.id);
  if (profile && !profile.blocked) await setBlocked(db, state.workspaceId, profile.id, true);
  for (const t of await profileTickets(db, state.workspaceId, state.profile.id)) {
    if (t.id === state.ticketId) continue;
    await k.env.TICKETS.get(k.env.TICKETS.idFromString(t.id)).block(state.workspaceId, { id: "rule", name: `“${p.rule}”` }, true);
  }
  k.store.clearTimer(key);
}
