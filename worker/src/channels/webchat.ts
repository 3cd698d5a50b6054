// Web chat: one ticket per widget session; replies are pushed to the customer's sockets (a follow-up email goes out
// while they are away); a closed chat never reopens, the widget starts a new session instead.
import type { ChannelAdapter } from "./channel";
import { deliverToChat } from "../objects/ticket-chat-sockets";

export const webchat: ChannelAdapter<"webchat"> = {
  channel: "webchat",
  label: "Web chat",
  ticketName: (workspaceId, sessionId) => `chat:${workspaceId}:${sessionId}`,
  newState: () => ({ channel: "webchat", customerOnline: false }),
  whenClosed: "refuse",
  onInbound: () => {},
  replyGate: () => null,
  prepareReply: (_env, _at, text) => Promise.resolve(text),
  send: ({ ctx, store, state, message }) => Promise.resolve(deliverToChat(ctx, store, state, message)),
  afterSend: () => {},
  detail: (state, at) => ({
    quietHours: null,
    customerOnline: state.customerOnline,
    followUpEmail: Boolean(at.settings.email.supportAddress && at.customerEmail),
    followUpAt: at.followUpAt === null ? null : new Date(at.followUpAt).toISOString(),
  }),
};
