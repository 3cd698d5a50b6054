// Sends one outbound SMS for a ticket: through Twilio when the workspace has credentials, else the local outbox.
import type { Env } from "../env";
import { secretsKey } from "../config";
import { loadSettings, openSecrets } from "../db/settings";
import { recordOutbox } from "../db/outbox";
import { sendTwilioSms } from "./twilio-client";
import { directory } from "../db/shards";

export const TWILIO_API = "https://api.twilio.com";

export async function sendSms(env: Env, m: { workspaceId: string; ticketId: string; to: string; body: string; media: string[]; origin: string }) {
  const { settings, sealed } = await loadSettings(directory(env), m.workspaceId);
  const secrets = await openSecrets(secretsKey(env), m.workspaceId, sealed);
  const from = settings.sms.fromNumber;
  if (!secrets.smsAccountSid || !secrets.smsAuthToken || !from) {
    const id = await recordOutbox(directory(env), {
      workspaceId: m.workspaceId,
      channel: "sms",
      to: m.to,
      from,
      body: m.body,
      media: m.media,
      ticketId: m.ticketId,
    });
    return { providerId: `outbox:${id}`, status: "sent" as const };
  }
  const sent = await sendTwilioSms(
    env.TWILIO_API_BASE ?? TWILIO_API,
    { accountSid: secrets.smsAccountSid, authToken: secrets.smsAuthToken },
    {
      from,
      to: m.to,
      body: m.body,
      media: m.media,
      statusCallback: m.origin ? `${m.origin}/webhooks/${m.workspaceId}/twilio/status` : null,
    },
  );
  return { providerId: sent.sid, status: sent.status === "delivered" ? ("delivered" as const) : ("sent" as const) };
}
