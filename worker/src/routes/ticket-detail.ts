// Ticket detail: the object's state and last 50 messages, plus what D1 knows of the profile (consent, time zone);
// whether a reply is allowed and the channel's extras come from the channel adapter, the same rule the reply route uses.
import * as clock from "../clock";
import type { Env } from "../env";
import type { AgentContext } from "../http/auth";
import type { TicketDetail } from "../../../shared/schemas";
import { withChannel } from "../channels";
import { getProfile } from "../db/profiles";
import { displayPhone } from "../domain/phone";
import { loadSettings } from "../db/settings";
import { ticketStub, unwrap } from "./ticket-access";
import { summarySla } from "../objects/ticket-sync";
import { dbFor, directory } from "../db/shards";

export async function ticketDetail(env: Env, who: AgentContext, id: string) {
  const stub = await ticketStub(env, who, id);
  const view = unwrap(await stub.view(who.workspace.id, who.agent.id));
  const s = view.state;
  const [profile, { settings }] = await Promise.all([
    getProfile(dbFor(env, who.workspace.id), who.workspace.id, s.profile.id),
    loadSettings(directory(env), who.workspace.id),
  ]);
  const timeZone = profile?.timezone ?? who.workspace.timezone;
  const customerEmail = profile?.email ?? s.profile.email;
  const { refusal, extras } = withChannel(s, (channel, state) => ({
    refusal: channel.replyGate(profile),
    extras: channel.detail(state, { settings, timeZone, customerEmail, now: clock.nowDate(), followUpAt: view.followUpAt }),
  }));
  const ticket: TicketDetail = {
    id: s.ticketId,
    number: s.number,
    channel: s.channel,
    status: s.status,
    snoozedUntil: s.snoozedUntil === null ? null : new Date(s.snoozedUntil).toISOString(),
    assigneeId: s.assigneeId,
    tags: s.tags,
    unread: view.unread,
    favorite: view.favorite,
    profile: profile ? { id: profile.id, name: profile.name, phone: profile.phone, email: profile.email } : s.profile,
    lastMessage: null,
    attribution: s.attribution,
    createdAt: new Date(s.createdAt).toISOString(),
    updatedAt: new Date(s.updatedAt).toISOString(),
    followers: s.followers,
    description: s.description,
    smsConsent: profile?.smsConsent ?? null,
    canReply: refusal === null,
    replyBlockedReason: refusal?.message ?? null,
    blocked: profile?.blocked ?? false,
    phoneDisplay: displayPhone(profile?.phone ?? s.profile.phone),
    waitingSince: s.waitingSince === null ? null : new Date(s.waitingSince).toISOString(),
    sla: summarySla(s),
    ...extras,
  };
  const last = view.messages.filter((m) => m.kind !== "activity").at(-1);
  if (last) ticket.lastMessage = { text: last.text.slice(0, 280), at: last.createdAt, direction: last.kind };
  return { ticket, messages: view.messages, hasMore: view.hasMore };
}
