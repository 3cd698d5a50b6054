// Working a queue: closing or snoozing a ticket moves on to the next one in the list, with Undo in the notice.
import type { StatusChange, TicketStatus } from "../../shared/schemas";
import { t } from "../lib/i18n.svelte";
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
    toasts.error(err instanceof Error ? err.message : t("signin.errors.generic"));
    return;
  }
  toasts.show(finishedLabel(change.status, d.number), "success", 8000, { label: t("inbox.toast.undo"), run: () => undo(d.id, before) });
  if (next) {
    await openTicket(next.id);
    inbox.active = Math.max(
      0,
      inbox.visible.findIndex((t) => t.id === next.id),
    );
  } else backToInbox();
}

/** "Closed #1042", "Snoozed the conversation". */
function finishedLabel(status: Exclude<TicketStatus, "open">, number: number | null | undefined): string {
  const closed = status === "closed";
  if (number) return t(closed ? "inbox.toast.closedNumber" : "inbox.toast.snoozedNumber", { number: String(number) });
  return t(closed ? "inbox.toast.closedThis" : "inbox.toast.snoozedThis");
}

async function undo(id: string, before: StatusChange): Promise<void> {
  try {
    await ticket.setStatusOf(id, before);
    await openTicket(id);
    toasts.show(t("inbox.toast.undone"), "info");
  } catch (err) {
    toasts.error(err instanceof Error ? err.message : t("inbox.toast.undoFailed"));
  }
}
