// The reports' SLA section (docs/api.md §18): targets that ended in the range, achieved and missed, in total and by
// channel, agent and policy, from the counts of db/sla-results.ts.
import type { Channel } from "../../../shared/schemas";
import type { ReportSla } from "../../../shared/schemas/sla";
import type { SlaCount } from "../db/sla-results";
import type { ReportAgentInfo } from "./report";

const empty = () => ({ achieved: 0, breached: 0 });

function rows(counts: SlaCount[], name: (key: string) => string, keys: string[] = []) {
  const byKey = new Map(keys.map((k) => [k, { key: k, name: name(k), response: empty(), resolution: empty() }]));
  for (const c of counts) {
    const row = byKey.get(c.key) ?? { key: c.key, name: name(c.key), response: empty(), resolution: empty() };
    row[c.target] = { achieved: c.achieved, breached: c.breached };
    byKey.set(c.key, row);
  }
  return [...byKey.values()];
}

export function buildSlaReport(
  counts: { channel: SlaCount[]; agent: SlaCount[]; policy: SlaCount[] },
  agents: ReportAgentInfo[],
  channel: Channel | null,
): ReportSla {
  const names = new Map(agents.map((a) => [a.id, a.name]));
  const byChannel = rows(counts.channel, (k) => k, channel ? [channel] : []).filter((r) => !channel || r.key === channel);
  const totals = { response: empty(), resolution: empty() };
  for (const r of byChannel)
    for (const kind of ["response", "resolution"] as const) {
      totals[kind].achieved += r[kind].achieved;
      totals[kind].breached += r[kind].breached;
    }
  return {
    totals,
    byChannel,
    byAgent: rows(counts.agent, (k) => (k === "" ? "Unassigned" : (names.get(k) ?? "Removed agent"))),
    byPolicy: rows(counts.policy, (k) => k),
  };
}
