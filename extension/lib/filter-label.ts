// A short human description of a ticket filter ("All · open · SMS · #vip · “jacket”"), for saved views and their tooltips.
import type { TicketFilter } from "../../shared/schemas";
import { channelLabel } from "./format";
import { t } from "./i18n.svelte";

/** In the agent's language; call it where it re-renders (a template or $derived) so a language switch updates it. */
export function describeFilter(f: TicketFilter, agentName: (id: string | null) => string): string {
  const parts: string[] = [t(`inbox.views.${f.view}`)];
  if (f.status) parts.push(t(`inbox.statusLower.${f.status}`));
  if (f.channel) parts.push(channelLabel(f.channel));
  if (f.assignee) parts.push(f.assignee === "none" ? t("inbox.filterLabel.unassigned") : t("inbox.filterLabel.assignedTo", { name: agentName(f.assignee) }));
  if (f.tag) parts.push(`#${f.tag}`);
  if (f.flow) parts.push(t("inbox.filterLabel.flow", { name: f.flow }));
  if (f.campaign) parts.push(t("inbox.filterLabel.campaign", { name: f.campaign }));
  if (f.sla) parts.push(t(`inbox.filterLabel.sla.${f.sla}`));
  if (f.q) parts.push(t("inbox.filterLabel.search", { q: f.q }));
  return parts.join(" · ");
}
