// Ticket status transitions (docs/api.md §4 Ticket statuses) and the activity line each one writes.
import { activityLine } from "./activity";
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

/** The activity line for a status change: a catalogue key and parameters, with its English text. */
export function statusActivity(to: StatusState, cause: StatusEvent, actorName: string | null) {
  const who = actorName ?? "Sidedesk";
  switch (cause.type) {
    case "customer_message":
      return activityLine("reopenedByCustomer");
    case "snooze_expired":
      return activityLine("reopenedSnoozeEnded");
    case "blocked":
      return activityLine("closedBlocked", { who });
    case "agent":
      if (to.status === "snoozed") return activityLine("snoozed", { who, until: to.snoozedUntil?.toISOString() ?? "" });
      return activityLine(to.status === "open" ? "opened" : "closed", { who });
  }
}
