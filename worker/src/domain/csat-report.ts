// The reports' satisfaction section (docs/api.md §19): surveys sent in the range, answered, and satisfied (a 4 or 5),
// in total and by agent, channel and tag, with the latest comments.
import { ReportCsat } from "../../../shared/schemas/csat";
import type { CsatCountRow } from "../db/csat";
import type { ReportAgentInfo } from "./report";

type Counts = { agent: CsatCountRow[]; channel: CsatCountRow[]; tag: CsatCountRow[] };
type Comment = { ticket_id: string; channel: string; score: number; comment: string; answered_at: number };

const row = (r: CsatCountRow, name: string) => ({ key: r.key, name, sent: r.sent, answered: r.answered, satisfied: r.satisfied ?? 0 });

export function buildCsatReport(counts: Counts, comments: Comment[], numbers: Map<string, number | null>, agents: ReportAgentInfo[]): ReportCsat {
  const names = new Map(agents.map((a) => [a.id, a.name]));
  const sum = (k: "sent" | "answered" | "satisfied") => counts.channel.reduce((n, r) => n + (r[k] ?? 0), 0);
  return ReportCsat.parse({
    totals: { sent: sum("sent"), answered: sum("answered"), satisfied: sum("satisfied") },
    byAgent: counts.agent.map((r) => row(r, r.key === "" ? "Unassigned" : (names.get(r.key) ?? "Removed agent"))),
    byChannel: counts.channel.map((r) => row(r, r.key)),
    byTag: counts.tag.map((r) => row(r, r.key)),
    comments: comments.map((c) => ({
      ticketId: c.ticket_id,
      number: numbers.get(c.ticket_id) ?? null,
      channel: c.channel,
      score: c.score,
      comment: c.comment,
      answeredAt: new Date(c.answered_at).toISOString(),
    })),
  });
}
