// Shared fixtures for the extension's component tests.
import type { TicketView } from "../../extension/lib/schemas";

/** An open SMS ticket of a customer without consent (replies gated). */
export const base: TicketView = {
  id: "t1",
  number: 4,
  channel: "sms",
  status: "open",
  snoozedUntil: null,
  assigneeId: null,
  tags: [],
  unread: false,
  favorite: false,
  profile: { id: "p1", name: "Priya Shah", phone: "+15551230003", email: null },
  lastMessage: null,
  attribution: null,
  createdAt: "2026-03-01T12:00:00.000Z",
  updatedAt: "2026-03-01T12:00:00.000Z",
  followers: [],
  description: "",
  smsConsent: null,
  canReply: false,
  replyBlockedReason: "This customer has not consented to receive SMS.",
  quietHours: null,
  blocked: false,
  customerOnline: null,
  followUpEmail: false,
  followUpAt: null,
  phoneDisplay: null,
};
