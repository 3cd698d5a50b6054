// An agent-started conversation in the ticket object (docs/api.md §20): the SMS thread of the customer's number (opened
// again if it was closed) or a new email thread, with the agent's first message queued like any reply.
import type { Channel, Message, ProfileRef } from "../../../shared/schemas";
import type { Actor } from "./outcome";
import { editTicket } from "./ticket-edit";
import type { TicketWriter } from "./ticket-writer";
import type { TicketStore } from "./ticket-store";

export interface StartInput {
  workspaceId: string;
  channel: Extract<Channel, "sms" | "email">;
  profile: ProfileRef;
  text: string;
  clientId: string;
  origin: string;
  /** Email: the new thread's subject and root Message-ID. */
  thread?: { subject: string; rootId: string };
  at: number;
}

/** Inside a storage transaction: opens the ticket, assigns it to the agent if nobody has it, queues the message. */
export function applyStart(store: TicketStore, writer: TicketWriter, actor: Actor, input: StartInput): Message {
  const state = writer.stateOrNew(input.workspaceId, input.channel, input.profile, input.at);
  state.origin = input.origin;
  if (state.channel === "email" && input.thread && !state.email) {
    state.email = { subject: input.thread.subject, rootId: input.thread.rootId, lastMessageId: "", references: [], cc: [] };
  }
  state.opened = true;
  if (state.status !== "open") writer.transition(state, { type: "agent", to: "open" }, actor.name, input.at);
  if (!state.assigneeId) editTicket(writer, state, actor, { assigneeId: actor.id, assigneeName: actor.name }, state.tags, input.at);
  const author = { type: "agent" as const, id: actor.id, name: actor.name };
  const message = writer.queueOutbound(state, { text: input.text, source: "agent", author, clientId: input.clientId, at: input.at });
  store.setAgentState(actor.id, { readSeq: state.lastInboundSeq, markedUnread: false });
  writer.commit(state, "message");
  return message;
}
