// What rules need from outside the ticket object before they act, read once per event: the customer's facts, the
// agents (names, emails, who is online and their open load), the macros they apply and their messages made ready
// to send (variables filled, SMS links shortened, held until the customer's quiet hours end).
import * as clock from "../clock";
import type { RuleFacts } from "../../../shared/rules/automation";
import { fillMacroText } from "../../../shared/rules/macro-text";
import { followsTicket } from "../../../shared/rules/tags";
import { quietHoursEnd } from "../../../shared/rules/quiet-hours";
import { INBOX_ROLES, type Agent } from "../../../shared/schemas";
import type { Settings } from "../../../shared/schemas/settings";
import type { Macro } from "../../../shared/schemas/macros";
import type { RuleAction } from "../../../shared/schemas/rules";
import type { Env } from "../env";
import { channels } from "../channels";
import type { ReplyRefusal } from "../channels/channel";
import { getMacro } from "../db/macros";
import { listProfileOrders } from "../db/orders";
import { getProfile } from "../db/profiles";
import type { StoredRule } from "../db/rules";
import { directory } from "../db/shards";
import { listAgents } from "../db/workspaces";
import { ruleFacts } from "../domain/rule-facts";
import type { TicketState } from "./ticket-state";

/** A rule's message made ready: the text to store, or why it can't go (missing variables, the channel's reply rule). */
export interface PreparedMessage {
  text: string;
  missing: string[];
  refusal: ReplyRefusal | null;
  /** SMS in the customer's quiet hours: sent then. */
  sendAt: number | null;
}

export interface RulePrep {
  facts: RuleFacts;
  agents: Agent[];
  online: string[];
  openLoad: Map<string, number>;
  macros: Map<string, Macro | null>;
  /** Keyed `${ruleId}:${actionIndex}` (a macro's message under its apply_macro action's key). */
  messages: Map<string, PreparedMessage>;
}

export async function prepareRules(
  env: Env,
  db: D1Database,
  state: TicketState,
  rules: Pick<StoredRule, "id" | "actions">[],
  at: { text: string; settings: Settings; timeZone: string; dryRun?: boolean },
): Promise<RulePrep> {
  const { text, settings, timeZone } = at;
  const actions = rules.flatMap((r) => r.actions.map((a, i) => ({ rule: r, action: a, key: `${r.id}:${i}` })));
  const needs = (type: RuleAction["type"]) => actions.some((x) => x.action.type === type);
  const macroIds = [...new Set(actions.flatMap((x) => (x.action.type === "apply_macro" ? [x.action.macroId] : [])))];
  const [facts, agents, online, openLoad, macroList, profile, order] = await Promise.all([
    ruleFacts(db, state, text, settings, timeZone),
    listAgents(directory(env), state.workspaceId),
    actions.some((x) => x.action.type === "assign" && x.action.to === "round_robin")
      ? env.INBOX.get(env.INBOX.idFromName(state.workspaceId))
          .presence()
          .then((p) => p.online)
      : Promise.resolve([]),
    needs("assign") ? openLoads(db, state.workspaceId) : Promise.resolve(new Map<string, number>()),
    Promise.all(macroIds.map((id) => getMacro(db, state.workspaceId, id))),
    getProfile(db, state.workspaceId, state.profile.id),
    needs("send_reply") || needs("add_note") || needs("apply_macro") ? listProfileOrders(db, state.workspaceId, state.profile.id, 1) : Promise.resolve([]),
  ]);
  const macros = new Map(macroIds.map((id, i) => [id, macroList[i] ?? null]));
  const assignee = agents.find((a) => a.id === state.assigneeId);
  const name = state.profile.name ?? profile?.name ?? null;
  const latest = order[0];
  const values = {
    "customer.first_name": name?.split(/\s+/)[0] ?? null,
    "customer.name": name,
    "order.number": latest?.name ?? null,
    "order.tracking_link": latest?.fulfillments?.find((f) => f.trackingUrl)?.trackingUrl ?? null,
    "agent.name": assignee?.name ?? null,
  };
  const messages = new Map<string, PreparedMessage>();
  const place = { workspaceId: state.workspaceId, ticketId: state.ticketId, origin: state.origin ?? env.PUBLIC_URL ?? "", settings };
  for (const { action, key } of actions) {
    const message =
      action.type === "send_reply" || action.type === "add_note"
        ? { kind: action.type === "send_reply" ? "reply" : "note", text: action.text }
        : action.type === "apply_macro"
          ? macros.get(action.macroId)?.message
          : null;
    if (!message) continue;
    const filled = fillMacroText(message.text, values);
    const reply = message.kind === "reply";
    const gate = reply ? channels[state.channel].replyGate(profile) : null;
    const ready =
      reply && !gate && filled.missing.length === 0 && !at.dryRun ? await channels[state.channel].prepareReply(env, place, filled.text) : filled.text;
    const quietEnd = reply && state.channel === "sms" ? quietHoursEnd(clock.nowDate(), profile?.timezone ?? timeZone, settings.sms.quietHours) : null;
    messages.set(key, { text: ready, missing: [...filled.missing, ...filled.unknown], refusal: gate, sendAt: quietEnd?.getTime() ?? null });
  }
  return { facts, agents: agents.filter((a) => INBOX_ROLES.includes(a.role)), online, openLoad, macros, messages };
}

/** Open tickets per assignee, from the counters the listing triggers keep (one primary-key range). */
async function openLoads(db: D1Database, workspaceId: string): Promise<Map<string, number>> {
  const { results } = await db
    .prepare("SELECT name, n FROM ticket_counters WHERE workspace_id = ?1 AND name > 'open_assignee:' AND name < 'open_assignee;'")
    .bind(workspaceId)
    .all<{ name: string; n: number }>();
  return new Map(results.map((r) => [r.name.slice("open_assignee:".length), r.n]));
}

/**
 * Round-robin by open load: the online operator (following one of the ticket's tags, when any does) with the fewest open tickets; among equals, the ticket's own hash picks,
 * so tickets arriving together spread out instead of all going to the first name.
 */
export function roundRobinPick(prep: RulePrep, ticket: { ticketId: string; tags: string[] }): Agent | null {
  const online = prep.agents.filter((a) => a.operator && prep.online.includes(a.id));
  // Those who follow one of the ticket's tags come first (Channel Talk's tag followers), if any is online.
  const followers = online.filter((a) => followsTicket(a.followedTags, ticket.tags));
  const candidates = followers.length ? followers : online;
  if (candidates.length === 0) return null;
  const load = (a: Agent) => prep.openLoad.get(a.id) ?? 0;
  const least = Math.min(...candidates.map(load));
  const tied = candidates.filter((a) => load(a) === least).sort((a, b) => a.id.localeCompare(b.id));
  let hash = 0;
  for (const ch of ticket.ticketId) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return tied[hash % tied.length] ?? null;
}
