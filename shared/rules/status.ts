// Ticket status transitions (docs/api.md §4 Ticket statuses) and the activity line each one writes.
import type { TicketStatus } from "../schemas/common";

export type StatusEvent = { type: "agent"; to: TicketStatus; until?: Date } | { type: "customer_message" } | { type: "snooze_expired" } | { type: "blocked" };

export interface StatusState {
  status: TicketStatus;
  snoozedUntil: Date | null;
}

/** The next state, or null when the event changes nothing. Web-chat close-is-final is the router's concern. */
export function nextStatus(state: StatusState, event: StatusEvent): StatusState | null {
  switch (event.type) {
    case "agent":
      if (event.to === "snoozed") {
        if (!event.until) throw new Error("snooze needs a time");
        return { status: "snoozed", snoozedUntil: event.until };
      }
      return state.status === event.to ? null : { status: event.to, snoozedUntil: null };
    case "customer_message":
      return state.status === "open" ? null : { status: "open", snoozedUntil: null };
    case "snooze_expired":
      return state.status === "snoozed" ? { status: "open", snoozedUntil: null } : null;
    case "blocked":
      return state.status === "closed" ? null : { status: "closed", snoozedUntil: null };
  }
}

export function statusActivityText(to: StatusState, cause: StatusEvent, actorName: string | null): string {
  const who = actorName ?? "Sidedesk";
  switch (cause.type) {
    case "customer_message":
      return "Reopened by a new customer message";
    case "snooze_expired":
      return "Reopened: snooze time reached";
    case "blocked":
      return `Closed: profile blocked by ${who}`;
    case "agent":
      if (to.status === "snoozed") return `Snoozed by ${who} until ${to.snoozedUntil?.toISOString()}`;
      return to.status === "open" ? `Opened by ${who}` : `Closed by ${who}`;
  }
}
