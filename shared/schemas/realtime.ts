// Frames pushed to agents over `GET /api/realtime` (one JSON object per frame, keyed on `type`).
import { z } from "zod";
import { TicketSummary } from "./ticket";
import { Message } from "./message";
import { OrderAction } from "./order-action";

export const RealtimeEvent = z.discriminatedUnion("type", [
  z.object({ type: z.literal("hello"), agentId: z.string(), online: z.array(z.string()), operators: z.array(z.string()) }),
  z.object({ type: z.literal("ticket.updated"), ticket: TicketSummary.omit({ unread: true, favorite: true }), change: z.string() }),
  z.object({ type: z.literal("ticket.deleted"), ticketId: z.string() }),
  z.object({ type: z.literal("message.created"), ticketId: z.string(), message: Message }),
  z.object({ type: z.literal("message.updated"), ticketId: z.string(), message: Message }),
  z.object({ type: z.literal("counts.changed") }),
  z.object({ type: z.literal("presence"), online: z.array(z.string()), operators: z.array(z.string()) }),
  z.object({ type: z.literal("pong") }),
  /** An order action's request was filed, approved, declined or refused (admins' approval queue, the requester's outcome). */
  z.object({ type: z.literal("approval.changed"), action: OrderAction }),
]);
export type RealtimeEvent = z.infer<typeof RealtimeEvent>;

/** Frames an agent may send. */
export const RealtimeClientFrame = z.discriminatedUnion("type", [z.object({ type: z.literal("ping") })]);

/** The WebSocket subprotocol of GET /api/realtime. Browsers cannot set headers on a WebSocket, so the panel sends its
 *  token as a second offered protocol (`bearer.<token>`), which keeps it out of URLs and logs; the server answers
 *  with this one. */
export const REALTIME_PROTOCOL = "sidedesk.v1";
export const BEARER_PROTOCOL_PREFIX = "bearer.";
