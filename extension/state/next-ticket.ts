// Working a queue: closing or snoozing a ticket moves on to the next one in the list, with Undo in the notice.
import type { StatusChange, TicketStatus } from "../../shared/schemas";
import { toasts } from "./toasts.svelte";
import { backToInbox, inbox, openTicket, ticket } from "./root.svelte";

/** Closes or snoozes the open ticket, then opens the one after it in the list (or returns to the list). */
export async function finishTicket(change: StatusChange & { status: Exclude<TicketStatus, "open"> }): Promise<void> {
  const d = ticket.detail;
  if (!d) return;
  const before: StatusChange = d.status === "snoozed" && d.snoozedUntil ? { status: "snoozed", until: d.snoozedUntil } : { status: d.status };
  const list = inbox.visible;
  const at = list.findIndex((t) => t.id === d.id);
  const next = at >= 0 ? list[at + 1] : undefined;
  try {
    await ticket.setStatus(change);
  } catch (err) {
    toasts.error(err instanceof Error ? err.message : "Something went wrong.");
    return;
  }
  const what = `${change.status === "closed" ? "Closed" : "Snoozed"} ${d.number ? `#${d.number}` : "the conversation"}`;
  toasts.show(what, "success", 8000, { label: "Undo", run: () => undo(d.id, before) });
  if (next) {
    await openTicket(next.id);
    inbox.active = Math.max(
      0,
      inbox.visible.findIndex((t) => t.id === next.id),
    );
  } else backToInbox();
}

async function undo(id: string, before: StatusChange): Promise<void> {
  try {
    await ticket.setStatusOf(id, before);
    await openTicket(id);
    toasts.show("Undone", "info");
  } catch (err) {
    toasts.error(err instanceof Error ? err.message : "Could not undo.");
  }
}
