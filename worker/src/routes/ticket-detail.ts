// Ticket detail: the object's state and last 50 messages, plus what D1 knows of the profile (consent, time zone).
import * as clock from "../clock";
import type { Env } from "../env";
import type { AgentContext } from "../http/auth";
import type { TicketDetail } from "../../../shared/schemas";
import { quietHours } from "../../../shared/rules/quiet-hours";
import { getProfile } from "../db/profiles";
import { loadSettings } from "../db/settings";
import { ticketStub, unwrap } from "./ticket-access";

export async function ticketDetail(env: Env, who: AgentContext, id: string) {
  const stub = await ticketStub(env, who, id);
  const view = unwrap(await stub.view(who.workspace.id, who.agent.id));
  const s = view.state;
  const [profile, { settings }] = await Promise.all([getProfile(env.DB, who.workspace.id, s.profile.id), loadSettings(env.DB, who.workspace.id)]);
  const consent = profile?.smsConsent ?? null;
  const blocked = profile?.blocked ?? false;
  const replyBlockedReason = s.channel !== "sms" ? null
    : blocked ? "This profile is blocked."
    : consent ? null : "This customer has not consented to receive SMS.";
  const timeZone = profile?.timezone ?? who.workspace.timezone;
  const ticket: TicketDetail = {
    id: s.ticketId, number: s.number, channel: s.channel, status: s.status,
    snoozedUntil: s.snoozedUntil === null ? null : new Date(s.snoozedUntil).toISOString(),
    assigneeId: s.assigneeId, tags: s.tags, unread: view.unread, favorite: view.favorite,
    profile: profile ? { id: profile.id, name: profile.name, phone: profile.phone, email: profile.email } : s.profile,
    lastMessage: null, attribution: s.attribution, createdAt: new Date(s.createdAt).toISOString(), updatedAt: new Date(s.updatedAt).toISOString(),
    followers: s.followers, description: s.description, smsConsent: consent, canReply: replyBlockedReason === null, replyBlockedReason,
    quietHours: s.channel === "sms" ? quietHours(clock.nowDate(), timeZone, settings.sms.quietHours) : null, blocked,
    customerOnline: s.channel === "webchat" ? s.customerOnline ?? false : null,
    followUpEmail: s.channel === "webchat" && Boolean(settings.email.supportAddress && (profile?.email ?? s.profile.email)),
  };
  const last = view.messages.filter((m) => m.kind !== "activity").at(-1);
  if (last) ticket.lastMessage = { text: last.text.slice(0, 280), at: last.createdAt, direction: last.kind };
  return { ticket, messages: view.messages, hasMore: view.hasMore };
}
