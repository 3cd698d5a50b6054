// Auto-assign recommendation (docs/api.md §9.4 Auto-assign recommendation): prefer online agents, then operators, then the lowest open load.
import type { AgentLoad } from "./schemas";

export function recommendAgent(loads: readonly AgentLoad[], exclude: string | null = null): AgentLoad | null {
  const candidates = loads.filter((a) => a.agentId !== exclude);
  if (!candidates.length) return null;
  return (
    [...candidates].sort(
      (a, b) => Number(b.online) - Number(a.online) || Number(b.operator) - Number(a.operator) || a.open - b.open || a.name.localeCompare(b.name),
    )[0] ?? null
  );
}
