// The compensation part of the report: money given away through order actions (refunds, fixed-amount discount codes,
// replacement orders), summed per kind, agent and reason, one currency per row (a shop has one, but sums never mix).
import type { ReportCompensation } from "../../../shared/schemas/report";
import { fromCents } from "../../../shared/rules/money";
import type { compensationTotals } from "../db/order-actions";

type Row = Awaited<ReturnType<typeof compensationTotals>>[number];

export function buildCompensation(rows: Row[]): ReportCompensation {
  const sum = <K extends string>(key: (r: Row) => K) => {
    const out = new Map<string, { key: K; currency: string; actions: number; cents: number }>();
    for (const r of rows) {
      const k = `${key(r)}\u0000${r.currency ?? ""}`;
      const e = out.get(k) ?? { key: key(r), currency: r.currency ?? "", actions: 0, cents: 0 };
      e.actions += r.actions;
      e.cents += r.cents;
      out.set(k, e);
    }
    return [...out.values()].sort((a, b) => b.cents - a.cents || b.actions - a.actions);
  };
  const agents = new Map<string, ReportCompensation["byAgent"][number] & { cents: number }>();
  for (const r of rows) {
    const k = `${r.agent_id}\u0000${r.currency ?? ""}`;
    const a = agents.get(k) ?? {
      agentId: r.agent_id,
      name: r.agent_name,
      actions: 0,
      refunds: "0.00",
      discounts: "0.00",
      replacements: "0.00",
      currency: r.currency ?? "",
      cents: 0,
    };
    const field = r.kind === "refund" ? "refunds" : r.kind === "discount" ? "discounts" : "replacements";
    a[field] = fromCents(Math.round(Number(a[field]) * 100) + r.cents);
    a.actions += r.actions;
    a.cents += r.cents;
    agents.set(k, a);
  }
  return {
    totals: sum((r) => r.kind).map((e) => ({ kind: e.key, actions: e.actions, currency: e.currency, amount: fromCents(e.cents) })),
    byAgent: [...agents.values()].sort((a, b) => b.cents - a.cents).map(({ cents: _c, ...a }) => a),
    byReason: sum((r) => r.reason || "—").map((e) => ({ reason: e.key, actions: e.actions, currency: e.currency, amount: fromCents(e.cents) })),
  };
}
