// Auto-assign recommendation (docs/api.md §9.4 Auto-assign recommendation): prefer online agents, then those who follow
// one of the ticket's tags, then operators, then the lowest open load (Channel Talk's tag followers).
import type { AgentLoad } from "./schemas";

export { followsTicket } from "../../shared/rules/tags";

export function recommendAgent(
  loads: readonly AgentLoad[],
  exclude: string | null = null,
  follows: (agentId: string) => boolean = () => false,
): AgentLoad | null {
  const candidates = loads.filter((a) => a.agentId !== exclude);
  if (!candidates.length) return null;
  const rank = (a: AgentLoad) => Number(follows(a.agentId));
  return (
    [...candidates].sort(
      (a, b) =>
        Number(b.online) - Number(a.online) || rank(b) - rank(a) || Number(b.operator) - Number(a.operator) || a.open - b.open || a.name.localeCompare(b.name),
    )[0] ?? null
  );
}
