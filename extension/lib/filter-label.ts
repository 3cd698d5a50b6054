// A short human description of a ticket filter ("All · open · SMS · #vip · “jacket”"), for saved views and their tooltips.
import type { TicketFilter } from "../../shared/schemas";

const VIEW_LABELS: Record<TicketFilter["view"], string> = {
  mine: "My inbox",
  unassigned: "Unassigned",
  all: "All",
  unread: "Unread",
  favorites: "Favorites",
  sessions: "My sessions",
};
const CHANNELS = { sms: "SMS", webchat: "Web chat", email: "Email" } as const;

export function describeFilter(f: TicketFilter, agentName: (id: string | null) => string): string {
  const parts: string[] = [VIEW_LABELS[f.view]];
  if (f.status) parts.push(f.status);
  if (f.channel) parts.push(CHANNELS[f.channel]);
  if (f.assignee) parts.push(f.assignee === "none" ? "unassigned" : `assigned to ${agentName(f.assignee)}`);
  if (f.tag) parts.push(`#${f.tag}`);
  if (f.flow) parts.push(`flow ${f.flow}`);
  if (f.campaign) parts.push(`campaign ${f.campaign}`);
  if (f.q) parts.push(`“${f.q}”`);
  return parts.join(" · ");
}
