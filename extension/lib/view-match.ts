// Does a (live-updated) ticket still belong in the list being shown? Decides removals without a refetch;
// returns null when the summary alone cannot tell (e.g. followers for My sessions), so the list re-fetches.
import type { TicketFilter, TicketSummary } from "../../shared/schemas";

type Live = Omit<TicketSummary, "unread" | "favorite"> & Partial<Pick<TicketSummary, "unread" | "favorite">>;

export function matchesFilter(t: Live, f: TicketFilter, me: string): boolean | null {
  const defaultOpen = f.view === "mine" || f.view === "unassigned" || f.view === "sessions";
  const status = f.status ?? (defaultOpen ? "open" : undefined);
  if (status && t.status !== status) return false;
  if (f.channel && t.channel !== f.channel) return false;
  if (f.assignee && (f.assignee === "none" ? t.assigneeId !== null : t.assigneeId !== f.assignee)) return false;
  if (f.tag && !t.tags.some((x) => x === f.tag || x.startsWith(`${f.tag}/`))) return false;
  if (f.flow && !(t.attribution?.type === "flow" && t.attribution.name === f.flow)) return false;
  if (f.campaign && !(t.attribution?.type === "campaign" && t.attribution.name === f.campaign)) return false;
  // Without a running target it has left an SLA list; with one, only the worker knows the "soon" window.
  if (f.sla) return t.sla && t.status !== "closed" ? null : false;
  switch (f.view) {
    case "mine":
      return t.assigneeId === me;
    case "unassigned":
      return t.assigneeId === null;
    case "unread":
      return t.unread ?? null;
    case "favorites":
      return t.favorite ?? null;
    case "sessions":
      return t.assigneeId === me ? true : null;
    case "all":
      return f.q ? null : true;
  }
}
