// Pure rule logic: which events a trigger answers, whether conditions hold for a ticket's facts, and when a waiting
// trigger's clock runs out. The ticket object (worker/src/objects/ticket-rules.ts) and the "what would happen" route share it.
import type { Channel, TicketStatus } from "../schemas/common";
import type { RuleCondition, RuleEvent, RuleTrigger } from "../schemas/rules";

/** What conditions read: the ticket's state, its customer, and the moment of the event. */
export interface RuleFacts {
  channel: Channel;
  status: TicketStatus;
  tags: string[];
  assigneeId: string | null;
  blocked: boolean;
  consent: "marketing" | "transactional" | "none";
  /** The customer's latest message ("" when there is none). */
  text: string;
  /** ISO 639-1, detected from that message; null when it can't be told. */
  language: string | null;
  returning: boolean;
  orderCount: number;
  lifetimeValue: number;
  inBusinessHours: boolean;
}

const underTag = (tag: string, parent: string) => tag === parent || tag.startsWith(`${parent}/`);

/** Whether `trigger` answers `event` (a waiting trigger answers only its own clock). */
export function triggerAnswers(trigger: RuleTrigger, event: RuleEvent, ruleId: string): boolean {
  switch (trigger.type) {
    case "ticket_created":
    case "customer_message":
    case "agent_replied":
      return event.type === trigger.type;
    case "status_changed":
      return event.type === "status_changed" && (trigger.to === null || trigger.to === event.to);
    case "tag_added": {
      const wanted = trigger.tag;
      return event.type === "tag_added" && (wanted === null ? event.tags.length > 0 : event.tags.some((t) => underTag(t, wanted)));
    }
    case "csat_received":
      return event.type === "csat_received" && event.score <= trigger.maxScore;
    case "no_customer_reply":
    case "no_agent_reply":
    case "sla_breach":
      return event.type === trigger.type && event.ruleId === ruleId;
  }
}

/** Lower case, accents off, so "Reembolso" finds "reembolsó". */
export const foldText = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
const SCRIPT_WITHOUT_SPACES = /[\p{Script=Hangul}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Whole words or phrases; in scripts that attach particles to words (Korean, Chinese, Japanese, Thai), any occurrence. */
export function containsWord(text: string, word: string): boolean {
  const w = foldText(word.trim());
  if (!w) return false;
  const t = foldText(text);
  if (SCRIPT_WITHOUT_SPACES.test(w)) return t.includes(w);
  return new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(w)}(?![\\p{L}\\p{N}])`, "u").test(t);
}

/** Whether one condition holds, and what the ticket has (the "what would happen" view shows it). */
export function checkCondition(c: RuleCondition, f: RuleFacts): { met: boolean; actual: string } {
  switch (c.field) {
    case "channel":
      return { met: c.in.includes(f.channel), actual: f.channel };
    case "status":
      return { met: c.in.includes(f.status), actual: f.status };
    case "text": {
      const found = c.words.filter((w) => containsWord(f.text, w));
      return { met: c.op === "contains_any" ? found.length > 0 : found.length === 0, actual: found.length ? found.join(", ") : "—" };
    }
    case "tag": {
      const has = f.tags.some((t) => underTag(t, c.tag));
      return { met: c.op === "has" ? has : !has, actual: f.tags.join(", ") || "—" };
    }
    case "assignee": {
      const met = c.is === "none" ? f.assigneeId === null : c.is === "any" ? f.assigneeId !== null : f.assigneeId === c.is;
      return { met, actual: f.assigneeId ?? "none" };
    }
    case "consent":
      return { met: c.in.includes(f.consent), actual: f.consent };
    case "blocked":
      return { met: f.blocked === c.is, actual: String(f.blocked) };
    case "returning_customer":
      return { met: f.returning === c.is, actual: String(f.returning) };
    case "order_count":
      return { met: compare(f.orderCount, c.op, c.value), actual: String(f.orderCount) };
    case "lifetime_value":
      return { met: compare(f.lifetimeValue, c.op, c.value), actual: f.lifetimeValue.toFixed(2) };
    case "business_hours":
      return { met: f.inBusinessHours === c.is, actual: String(f.inBusinessHours) };
    case "language":
      return { met: f.language !== null && c.in.includes(f.language), actual: f.language ?? "unknown" };
  }
}

const compare = (value: number, op: "at_least" | "at_most", limit: number) => (op === "at_least" ? value >= limit : value <= limit);

/** All (or any) conditions hold; no conditions always hold. */
export function conditionsHold(match: "all" | "any", conditions: readonly RuleCondition[], facts: RuleFacts): boolean {
  if (conditions.length === 0) return true;
  const results = conditions.map((c) => checkCondition(c, facts).met);
  return match === "all" ? results.every(Boolean) : results.some(Boolean);
}

/** The ticket's timestamps a waiting clock starts from. */
export interface ClockFacts {
  status: TicketStatus;
  /** When the ticket last became open (created, reopened, woken, opened by an agent). */
  openSince: number;
  lastAgentReplyAt: number | null;
  lastCustomerAt: number | null;
  /** Since when the customer waits for an answer; null when answered. */
  waitingSince: number | null;
  /** When the running SLA targets are due (null: none running). */
  slaDue: { response: number | null; resolution: number | null };
}

/**
 * When a waiting trigger's clock started and when it runs out; null when it does not run. A clock runs only while the
 * ticket is open, and restarts when the ticket opens again, so a ticket reopened before the time is counted afresh.
 */
export function clockOf(trigger: RuleTrigger, f: ClockFacts): { anchor: number; dueAt: number } | null {
  if (trigger.type === "sla_breach") {
    // SLA targets run while the ticket is snoozed too; the clock is set once per target (its due time).
    if (f.status === "closed") return null;
    const dues = (trigger.target ? [f.slaDue[trigger.target]] : [f.slaDue.response, f.slaDue.resolution]).filter((d) => d !== null);
    const due = dues.length ? Math.min(...dues) : null;
    return due === null ? null : { anchor: due, dueAt: due - trigger.minutesBefore * 60_000 };
  }
  if (f.status !== "open") return null;
  if (trigger.type === "no_customer_reply") {
    if (f.lastAgentReplyAt === null || (f.lastCustomerAt !== null && f.lastCustomerAt > f.lastAgentReplyAt)) return null;
    const anchor = Math.max(f.lastAgentReplyAt, f.openSince);
    return { anchor, dueAt: anchor + Math.round(trigger.hours * 3_600_000) };
  }
  if (trigger.type === "no_agent_reply") {
    if (f.waitingSince === null) return null;
    const anchor = Math.max(f.waitingSince, f.openSince);
    return { anchor, dueAt: anchor + trigger.minutes * 60_000 };
  }
  return null;
}
