// SMS: one ticket per customer phone number; replies need consent and go through Twilio, links shortened if asked;
// the detail shows the customer's quiet hours. Keywords (STOP, START, HELP) are planned in domain/sms-inbound.ts.
import type { ChannelAdapter } from "./channel";
import { quietHours } from "../../../shared/rules/quiet-hours";
import { sendSms } from "../integrations/sms-sender";
import { ProviderError } from "../integrations/provider-error";
import { shortenLinks } from "../integrations/shortener";
import { directory } from "../db/shards";
import { fileKey } from "../files/file-store";
import { MMS_LINK_SECONDS, signFileLink } from "../files/file-links";

export const sms: ChannelAdapter<"sms"> = {
  channel: "sms",
  label: "SMS",
  ticketName: (workspaceId, phone) => `sms:${workspaceId}:${phone}`,
  newState: () => ({ channel: "sms" }),
  whenClosed: "reopen",
  onInbound: () => {},
  replyGate: (profile) =>
    profile?.blocked
      ? { code: "profile_blocked", message: "This profile is blocked; unblock it to reply." }
      : profile?.smsConsent
        ? null
        : { code: "consent_required", message: "This customer has not consented to receive SMS, so replies by SMS are not allowed." },
  prepareReply: (env, at, text) =>
    at.settings.sms.shortenLinks ? shortenLinks(directory(env), at.workspaceId, at.ticketId, at.origin, text) : Promise.resolve(text),
  send: async ({ env, state, message }) => {
    if (!state.profile.phone) throw new ProviderError("The profile has no phone number.", false);
    // Where Twilio's status callbacks go: the public URL, else the origin the ticket was last reached at (none: no callbacks).
    const origin = env.PUBLIC_URL ?? state.origin ?? "";
    const stored = message.files.filter((f) => f.id);
    if (stored.length && !origin) throw new ProviderError("The worker has no public URL (PUBLIC_URL) for Twilio to fetch the files from.", false);
    // Twilio fetches each file from a signed link that expires, so the media is public only while it is being sent.
    const links = await Promise.all(stored.map((f) => signFileLink(env, origin, fileKey(state.workspaceId, state.ticketId, f.id!), MMS_LINK_SECONDS)));
    return sendSms(env, {
      workspaceId: state.workspaceId,
      ticketId: state.ticketId,
      to: state.profile.phone,
      body: message.text,
      media: [...message.media, ...links.map((l) => l.url)],
      origin,
    });
  },
  afterSend: () => {},
  detail: (_state, at) => ({
    quietHours: quietHours(at.now, at.timeZone, at.settings.sms.quietHours),
    customerOnline: null,
    followUpEmail: false,
    followUpAt: null,
  }),
};
