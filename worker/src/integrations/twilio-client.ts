// Twilio REST: send an SMS/MMS (Messages resource). Tests replace Twilio at this HTTP edge only.
import { ProviderError } from "./provider-error";

export { ProviderError };
export interface TwilioCredentials {
  accountSid: string;
  authToken: string;
}

export async function sendTwilioSms(
  apiBase: string,
  creds: TwilioCredentials,
  msg: { from: string; to: string; body: string; media: string[]; statusCallback: string | null },
): Promise<{ sid: string; status: string }> {
  const form = new URLSearchParams({ To: msg.to, From: msg.from, Body: msg.body });
  if (msg.statusCallback) form.set("StatusCallback", msg.statusCallback);
  for (const url of msg.media) form.append("MediaUrl", url);
  let res: Response;
  try {
    res = await fetch(`${apiBase}/2010-04-01/Accounts/${encodeURIComponent(creds.accountSid)}/Messages.json`, {
      method: "POST",
      headers: { authorization: `Basic ${btoa(`${creds.accountSid}:${creds.authToken}`)}`, "content-type": "application/x-www-form-urlencoded" },
      body: form,
    });
  } catch (err) {
    throw new ProviderError(`Twilio unreachable: ${err instanceof Error ? err.message : String(err)}`, true);
  }
  const body = (await res.json().catch(() => ({}))) as { sid?: string; status?: string; message?: string; code?: number };
  if (!res.ok || !body.sid) {
    // 4xx (bad number, unverified, auth) will not get better by retrying; 429 and 5xx may.
    const retryable = res.status === 429 || res.status >= 500;
    throw new ProviderError(`Twilio refused the message (${res.status}${body.code ? ` code ${body.code}` : ""}): ${body.message ?? "no details"}`, retryable);
  }
  return { sid: body.sid, status: body.status ?? "queued" };
}
