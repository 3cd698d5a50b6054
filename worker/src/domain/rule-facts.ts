// What rule conditions read about a ticket beyond its own state: the customer's consent, orders and earlier tickets,
// the language of their latest message, and whether the workspace is inside its business hours right now.
import * as clock from "../clock";
import { detect } from "tinyld";
import type { RuleFacts } from "../../../shared/rules/automation";
import { isWithinBusinessHours } from "../../../shared/rules/business-hours";
import type { Settings } from "../../../shared/schemas/settings";
import { profileOrderFacts } from "../db/orders";
import { getProfile, profileTickets } from "../db/profiles";
import { profileStats } from "./profile-stats";
import type { TicketState } from "../objects/ticket-state";

/** Shorter messages than this say too little to name their language. */
const MIN_TEXT_FOR_LANGUAGE = 8;

export function detectLanguage(text: string): string | null {
  if (text.trim().length < MIN_TEXT_FOR_LANGUAGE) return null;
  const code = detect(text);
  return /^[a-z]{2}$/.test(code) ? code : null;
}

export async function ruleFacts(db: D1Database, state: TicketState, text: string, settings: Settings, timeZone: string): Promise<RuleFacts> {
  const ws = state.workspaceId;
  const [profile, orders, tickets] = await Promise.all([
    getProfile(db, ws, state.profile.id),
    profileOrderFacts(db, ws, state.profile.id),
    profileTickets(db, ws, state.profile.id),
  ]);
  const stats = profileStats(orders, tickets.length, clock.now());
  return {
    channel: state.channel,
    status: state.status,
    tags: state.tags,
    assigneeId: state.assigneeId,
    blocked: state.blocked || (profile?.blocked ?? false),
    consent: profile?.smsConsent ?? "none",
    text,
    language: detectLanguage(text),
    returning: stats.orderCount > 0 || tickets.some((t) => t.id !== state.ticketId),
    orderCount: stats.orderCount,
    lifetimeValue: stats.lifetimeValue,
    inBusinessHours: isWithinBusinessHours(settings.webchat.businessHours, clock.nowDate(), timeZone),
  };
}

/** The facts after this run's own actions changed the ticket (later rules in the same run see them). */
export const withState = (facts: RuleFacts, state: TicketState): RuleFacts => ({
  ...facts,
  status: state.status,
  tags: state.tags,
  assigneeId: state.assigneeId,
  blocked: facts.blocked || state.blocked,
});
