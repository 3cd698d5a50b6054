// Builds the report (docs/api.md §12 Reports) from the rows of db/reports.ts: counts, medians and percentiles per day, channel, agent and tag.
// Durations are whole seconds. Medians are computed here rather than in SQL: a range holds at most a few thousand tickets.
import { Channel } from "../../../shared/schemas";
import { Report, type ReportAgent, type ReportTag } from "../../../shared/schemas/report";
import { dayIndex, percentile, type ReportRange } from "../../../shared/rules/report-range";
import type { CreatedRow, ReportRows, ResolvedRow } from "../db/reports";

export interface ReportAgentInfo {
  id: string;
  name: string;
  inbox: boolean;
}

const seconds = (ms: number) => Math.max(0, Math.round(ms / 1000));
const firstResponse = (r: CreatedRow) => (r.first_response_at === null ? null : seconds(r.first_response_at - r.created_at));
const resolution = (r: ResolvedRow) => seconds(r.closed_at - r.started_at);
const median = (xs: number[]) => round(percentile(xs, 0.5));
const round = (x: number | null) => (x === null ? null : Math.round(x));
const defined = <T>(xs: (T | null)[]): T[] => xs.filter((x): x is T => x !== null);
const tagsOf = (r: { tags: string }): string[] => (JSON.parse(r.tags) as unknown[]).filter((t): t is string => typeof t === "string");

export function buildReport(
  rows: ReportRows,
  range: ReportRange,
  timezone: string,
  channel: Channel | null,
  agents: ReportAgentInfo[],
): Omit<Report, "compensation" | "sla" | "csat"> {
  const { created, resolved } = rows;
  const firstResponses = defined(created.map(firstResponse));
  const volume = range.dates.map((date) => ({ date, created: 0, resolved: 0 }));
  for (const r of created) {
    const i = dayIndex(range.bounds, r.created_at);
    if (i >= 0) volume[i]!.created += 1;
  }
  for (const r of resolved) {
    const i = dayIndex(range.bounds, r.closed_at);
    if (i >= 0) volume[i]!.resolved += 1;
  }
  return Report.omit({ compensation: true, sla: true, csat: true }).parse({
    range: { from: range.from, to: range.to, timezone, channel },
    totals: {
      created: created.length,
      resolved: resolved.length,
      openNow: rows.openNow,
      medianFirstResponseSeconds: median(firstResponses),
      p90FirstResponseSeconds: round(percentile(firstResponses, 0.9)),
      medianResolutionSeconds: median(resolved.map(resolution)),
    },
    volume,
    byChannel: Channel.options
      .filter((c) => !channel || c === channel)
      .map((c) => {
        const made = created.filter((r) => r.channel === c);
        const closed = resolved.filter((r) => r.channel === c);
        return {
          channel: c,
          created: made.length,
          resolved: closed.length,
          medianFirstResponseSeconds: median(defined(made.map(firstResponse))),
          medianResolutionSeconds: median(closed.map(resolution)),
        };
      }),
    byAgent: byAgent(rows, agents),
    byTag: byTag(rows),
  });
}

/** Every inbox agent (even with nothing yet), anyone else who appears, and "Unassigned" when it has tickets. Busiest first. */
function byAgent({ created, resolved }: ReportRows, agents: ReportAgentInfo[]): ReportAgent[] {
  const names = new Map(agents.map((a) => [a.id, a.name]));
  const ids = new Set<string | null>(agents.filter((a) => a.inbox).map((a) => a.id));
  for (const r of [...created, ...resolved]) ids.add(r.assignee_id);
  for (const r of created) if (r.first_responder_id) ids.add(r.first_responder_id);
  const rows = [...ids].map((id) => ({
    agentId: id,
    name: id === null ? "Unassigned" : (names.get(id) ?? "Removed agent"),
    assigned: created.filter((r) => r.assignee_id === id).length,
    resolved: resolved.filter((r) => r.assignee_id === id).length,
    medianFirstResponseSeconds: id === null ? null : median(defined(created.filter((r) => r.first_responder_id === id).map(firstResponse))),
  }));
  return rows
    .filter((r) => r.agentId !== null || r.assigned + r.resolved > 0)
    .sort((a, b) => b.assigned + b.resolved - (a.assigned + a.resolved) || a.name.localeCompare(b.name));
}

/** Per tag (parents include their sub-tags), most used first. */
function byTag({ created, resolved }: ReportRows): ReportTag[] {
  const tags = new Map<string, { created: number; durations: number[] }>();
  const entry = (tag: string) => tags.get(tag) ?? tags.set(tag, { created: 0, durations: [] }).get(tag)!;
  for (const r of created) for (const t of tagsOf(r)) entry(t).created += 1;
  for (const r of resolved) for (const t of tagsOf(r)) entry(t).durations.push(resolution(r));
  return [...tags]
    .map(([tag, v]) => ({ tag, created: v.created, resolved: v.durations.length, medianResolutionSeconds: median(v.durations) }))
    .sort((a, b) => b.created + b.resolved - (a.created + a.resolved) || a.tag.localeCompare(b.tag));
}
