// Email: one ticket per thread root Message-ID; replies go out threaded from the support address, and each sent
// Message-ID joins the References chain so the customer's answer threads back.
import type { ChannelAdapter } from "./channel";
import { threadAfterInbound, appendReference } from "../domain/email-thread";
import { sendEmailReply } from "../objects/ticket-email";

export const email: ChannelAdapter<"email"> = {
  channel: "email",
  label: "Email",
  ticketName: (workspaceId, rootMessageId) => `email:${workspaceId}:${rootMessageId.toLowerCase()}`,
  newState: () => ({ channel: "email", email: null }),
  whenClosed: "reopen",
  onInbound: (state, facts) => {
    if (facts.emailThread) state.email = threadAfterInbound(state.email ?? undefined, facts.emailThread);
  },
  replyGate: () => null,
  prepareReply: (_env, _at, text) => Promise.resolve(text),
  send: ({ env, state, message }) => sendEmailReply(env, state, message.text, message.files),
  afterSend: (state, sent) => {
    if (!sent.messageId || !state.email) return;
    const lastMessageId = state.email.lastMessageId || sent.messageId; // an agent-started thread's first email
    state.email = { ...state.email, lastMessageId, references: appendReference(state.email.references, sent.messageId) };
  },
  detail: () => ({ quietHours: null, customerOnline: null, followUpEmail: false, followUpAt: null }),
};
