// The customer's sockets on a chat ticket object: their tag and attachment, sending frames, last sign of life,
// and the `webchat` delivery (push an agent's reply live; while the customer is away, arm the follow-up email).
import * as clock from "../clock";
import type { Message } from "../../../shared/schemas";
import type { ChatServerFrame } from "../../../shared/schemas/chat";
import { chatView } from "./ticket-chat-store";
import type { TicketStore } from "./ticket-store";
import type { StateOf } from "./ticket-state";

export const CUSTOMER_TAG = "customer";
export const FOLLOWUP_TIMER = "followup";
export const FOLLOWUP_DELAY_MS = 3 * 60_000;

export interface SocketAttachment {
  tag: typeof CUSTOMER_TAG;
  sessionId: string;
  connectedAt: number;
}

/** The `webchat` delivery: push to the customer's sockets; while they are away, (re-)arm the follow-up email. */
export function deliverToChat(ctx: DurableObjectState, store: TicketStore, state: StateOf<"webchat">, message: Message) {
  for (const ws of ctx.getWebSockets(CUSTOMER_TAG)) send(ws, { type: "message", message: chatView(message, null, state.csat) });
  // The follow-up email tells a customer who left about agents' replies and the satisfaction question.
  if (!state.customerOnline && (message.source === "agent" || message.source === "survey")) store.setTimer(FOLLOWUP_TIMER, clock.now() + FOLLOWUP_DELAY_MS);
  return { providerId: `chat-out:${message.id}`, status: "sent" as const };
}

export function lastSeenOf(ctx: DurableObjectState, ws: WebSocket): number {
  const attachment = ws.deserializeAttachment() as SocketAttachment | null;
  const answered = ctx.getWebSocketAutoResponseTimestamp(ws); // the runtime's wall clock, not ours
  return Math.max(attachment?.connectedAt ?? 0, answered ? clock.fromWallTime(answered.getTime()) : 0);
}

export function send(ws: WebSocket, frame: ChatServerFrame) {
  try {
    ws.send(JSON.stringify(frame));
  } catch {
    // closing under us; its close handler updates presence
  }
}
