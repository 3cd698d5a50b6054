// Applying a ticket edit (PATCH fields, or bulk relative tag/follower edits) to the state inside a transaction:
// assignment writes its activity line and adds the assignee to the followers; tags, followers and description change in place.
import { activityLine } from "../../../shared/rules/activity";
import type { Actor, TicketEdit } from "./outcome";
import type { TicketState } from "./ticket-state";
import type { TicketWriter } from "./ticket-writer";

/** `base` plus `add`, minus `remove`, without duplicates. */
export function applyEdit(base: string[], add: string[] = [], remove: string[] = []): string[] {
  return [...new Set([...base, ...add])].filter((x) => !remove.includes(x));
}

export function editTicket(
  writer: TicketWriter,
  state: TicketState,
  actor: Actor,
  edit: TicketEdit & { assigneeName?: string | null },
  tags: string[],
  now: number,
) {
  if (edit.assigneeId !== undefined && edit.assigneeId !== state.assigneeId) {
    state.assigneeId = edit.assigneeId;
    const line = edit.assigneeId
      ? activityLine("assigned", { assignee: edit.assigneeName ?? "an agent", who: actor.name })
      : activityLine("unassigned", { who: actor.name });
    writer.activity(state, line, now);
  }
  state.followers = applyEdit(edit.followers ?? state.followers, edit.addFollowers, edit.removeFollowers);
  // The assignee takes part in the conversation: assigning makes them a follower (they stay one when it moves on).
  if (edit.assigneeId && !state.followers.includes(edit.assigneeId)) state.followers = [...state.followers, edit.assigneeId];
  const added = tags.filter((t) => !state.tags.includes(t));
  state.tags = tags;
  if (added.length > 0) writer.emit(state, { type: "tag_added", tags: added });
  if (edit.description !== undefined) state.description = edit.description;
}
