// SLA targets (docs/api.md §18): which policy a ticket falls under, when its first-response and resolution targets are
// due (in business hours when the policy says so), and how they run, finish and breach as the ticket changes.
import type { Channel, TicketStatus } from "../schemas/common";
import type { SlaPolicy, SlaTargetKind } from "../schemas/sla";
import type { WeeklySchedule } from "./business-hours";
import { wallClock, zonedToUtc } from "./zoned-time";

const MINUTE = 60_000;
const DAY_NAMES = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;

/** The first policy whose channels (none: any) and tags (none: any; else one of them, or a tag under it) fit the ticket. */
export function pickPolicy(policies: readonly SlaPolicy[], channel: Channel, tags: readonly string[]): SlaPolicy | null {
  const hasTag = (wanted: string) => tags.some((t) => t === wanted || t.startsWith(`${wanted}/`));
  return policies.find((p) => (p.channels.length === 0 || p.channels.includes(channel)) && (p.tags.length === 0 || p.tags.some(hasTag))) ?? null;
}

const hasHours = (s: WeeklySchedule) => Object.values(s).some((ranges) => ranges && ranges.length > 0);

/**
 * `start` plus `minutes` counted only inside the weekly schedule in `timeZone` (an empty schedule: every minute
 * counts). Walks the days from the start's local date; each range's ends are turned into instants, so daylight-saving
 * days are as long as they are.
 */
export function addWorkingMinutes(start: number, minutes: number, schedule: WeeklySchedule | null, timeZone: string): number {
  if (!schedule || !hasHours(schedule)) return start + minutes * MINUTE;
  let left = minutes * MINUTE;
  const first = wallClock(new Date(start), timeZone);
  for (let d = 0; d < 370; d++) {
    const day = new Date(Date.UTC(first.year, first.month - 1, first.day + d));
    const [y, m, dd] = [day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate()];
    const ranges = [...(schedule[DAY_NAMES[day.getUTCDay()]!] ?? [])].sort((a, b) => a.start.localeCompare(b.start));
    for (const r of ranges) {
      const from = at(y, m, dd, r.start, timeZone);
      const to = r.end === "00:00" ? at(y, m, dd + 1, "00:00", timeZone) : at(y, m, dd, r.end, timeZone);
      const begin = Math.max(from, start);
      if (to <= begin) continue;
      if (left <= to - begin) return begin + left;
      left -= to - begin;
    }
  }
  return start + minutes * MINUTE; // a schedule that never opens in a year: count calendar time
}

function at(y: number, m: number, d: number, hhmm: string, timeZone: string): number {
  const [hh, mm] = hhmm.split(":").map(Number) as [number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return zonedToUtc(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), hh, mm, timeZone).getTime();
}

export interface SlaTarget {
  startedAt: number;
  dueAt: number;
  breachedAt: number | null;
}

/** A ticket's SLA as its object keeps it: the policy and the targets running now. */
export interface TicketSla {
  policy: string;
  /** The open period it belongs to (periodStartedAt): a reopen starts over. */
  period: number;
  response: SlaTarget | null;
  resolution: SlaTarget | null;
}

/** A target that ended: met (`doneAt` ≤ due) or not, for the reports. */
export interface FinishedTarget {
  kind: SlaTargetKind;
  policy: string;
  startedAt: number;
  dueAt: number;
  doneAt: number;
  breached: boolean;
}

/** What the targets follow on the ticket. */
export interface SlaFacts {
  channel: Channel;
  tags: readonly string[];
  status: TicketStatus;
  periodStartedAt: number;
  /** Since when the customer waits for an agent's answer; null when answered or closed. */
  waitingSince: number | null;
  lastAgentReplyAt: number | null;
  closedAt: number | null;
}

/**
 * The ticket's SLA after a change, and the targets that ended with it. A response target runs while the customer
 * waits (each new wait after a reply starts the next one) and ends at the agent's reply; a close ends the resolution
 * target and drops an unanswered response target (nobody answers spam). The policy is the first that fits now.
 */
export function reconcileSla(
  prev: TicketSla | null,
  f: SlaFacts,
  policies: readonly SlaPolicy[],
  due: (start: number, minutes: number, businessHours: boolean) => number,
  now: number,
): { sla: TicketSla | null; finished: FinishedTarget[] } {
  const finished: FinishedTarget[] = [];
  const current = prev && prev.period === f.periodStartedAt ? prev : null;
  const policy = pickPolicy(policies, f.channel, f.tags) ?? (current ? (policies.find((p) => p.name === current.policy) ?? null) : null);
  const end = (kind: SlaTargetKind, t: SlaTarget | null, doneAt: number | null, name: string) => {
    if (t && doneAt !== null)
      finished.push({ kind, policy: name, startedAt: t.startedAt, dueAt: t.dueAt, doneAt, breached: t.breachedAt !== null || doneAt > t.dueAt });
  };
  if (!policy || (f.status === "closed" && !current)) return { sla: null, finished }; // a closed period was counted at its close
  const target = (startedAt: number, minutes: number | null): SlaTarget | null => {
    if (minutes === null) return null;
    const dueAt = due(startedAt, minutes, policy.businessHours);
    return { startedAt, dueAt, breachedAt: now >= dueAt ? dueAt : null };
  };
  const keep = (t: SlaTarget | null, fresh: SlaTarget | null) => (t && fresh && t.startedAt === fresh.startedAt && t.dueAt === fresh.dueAt ? t : fresh);

  let response = current?.response ?? null;
  if (response && f.waitingSince !== response.startedAt) {
    // Answered (a reply after it started), or the wait ended otherwise (closed): only an answer counts.
    const replied = f.lastAgentReplyAt !== null && f.lastAgentReplyAt >= response.startedAt ? f.lastAgentReplyAt : null;
    end("response", response, replied, current!.policy);
    response = null;
  }
  if (f.status !== "closed" && f.waitingSince !== null) response = keep(response, target(f.waitingSince, policy.firstResponseMinutes));

  let resolution = keep(current?.resolution ?? null, target(f.periodStartedAt, policy.resolutionMinutes));
  if (f.status === "closed" && resolution) {
    end("resolution", resolution, f.closedAt ?? now, policy.name);
    resolution = null;
  }
  if (!response && !resolution && f.status === "closed") return { sla: null, finished };
  return { sla: { policy: policy.name, period: f.periodStartedAt, response, resolution }, finished };
}

/** The target to show on the ticket: the one due first, with whether it is already missed. */
export function nextDue(sla: TicketSla | null): { target: SlaTargetKind; dueAt: number; breached: boolean } | null {
  const running = [
    sla?.response ? { target: "response" as const, ...sla.response } : null,
    sla?.resolution ? { target: "resolution" as const, ...sla.resolution } : null,
  ].filter((t) => t !== null);
  const first = running.sort((a, b) => a.dueAt - b.dueAt)[0];
  return first ? { target: first.target, dueAt: first.dueAt, breached: first.breachedAt !== null } : null;
}
