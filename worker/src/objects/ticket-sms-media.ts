// An inbound MMS's media, kept: after the message is stored (and the webhook answered), a timer fetches every
// MediaUrlN with the account's credentials, stores the files in R2 and puts them on the message. Twilio's trouble is
// retried a few times; a file that cannot be had is listed with the reason, so the agent knows something was sent.
import { z } from "zod";
import type { Attachment } from "../../../shared/schemas";
import { MAX_FILE_BYTES } from "../../../shared/rules/files";
import * as clock from "../clock";
import { secretsKey } from "../config";
import { loadSettings, openSecrets } from "../db/settings";
import { directory } from "../db/shards";
import { attachmentName } from "../domain/attachment-name";
import { isDevelopment, type Env } from "../env";
import { storeMessageFiles } from "../files/file-store";
import { ProviderError } from "../integrations/provider-error";
import { fetchTwilioMedia } from "../integrations/twilio-media";
import type { TicketStore } from "./ticket-store";

export const SMS_MEDIA_TIMER = "sms-media";
export const SmsMediaPayload = z.object({ seq: z.number().int(), workspaceId: z.string(), attempt: z.number().int().default(0) });
const RETRIES = [30_000, 120_000, 600_000];

export const smsMediaTimerKey = (seq: number) => `${SMS_MEDIA_TIMER}:${seq}`;

export async function fetchSmsMedia(env: Env, ctx: DurableObjectState, store: TicketStore, p: z.input<typeof SmsMediaPayload>) {
  const key = smsMediaTimerKey(p.seq);
  const message = store.message(p.seq);
  if (!message?.media.length) return store.clearTimer(key);
  const { sealed } = await loadSettings(directory(env), p.workspaceId);
  const secrets = await openSecrets(secretsKey(env), p.workspaceId, sealed);
  const creds = secrets.smsAccountSid && secrets.smsAuthToken ? { accountSid: secrets.smsAccountSid, authToken: secrets.smsAuthToken } : null;
  const devOrigin = isDevelopment(env) ? (env.PUBLIC_URL ?? store.state()?.origin ?? undefined) : undefined;
  const results = await Promise.allSettled(message.media.map((url) => fetchTwilioMedia(url, creds, MAX_FILE_BYTES, devOrigin || undefined)));
  const attempt = p.attempt ?? 0;
  const retry = RETRIES[attempt];
  if (retry !== undefined && results.some((r) => r.status === "rejected" && r.reason instanceof ProviderError && r.reason.retryable)) {
    return store.setTimer(key, clock.now() + retry, { ...p, attempt: attempt + 1 });
  }
  const fetched = results.flatMap((r, i) => (r.status === "fulfilled" ? [{ i, name: attachmentName(null, r.value.type, i), ...r.value }] : []));
  const stored = await storeMessageFiles(env, p.workspaceId, ctx.id.toString(), `mms:${message.id}`, fetched);
  const files: Attachment[] = results.map((r, i) => {
    const kept = stored[fetched.findIndex((f) => f.i === i)];
    if (kept) return kept;
    const reason = r.status === "rejected" && r.reason instanceof Error ? r.reason.message : "unknown error";
    return { id: null, name: `attachment-${i + 1}`, type: "application/octet-stream", size: 0, error: `Not kept: ${reason}`, contentId: null };
  });
  ctx.storage.transactionSync(() => {
    const updated = store.setFiles(p.seq, files);
    const state = store.state();
    if (updated && state) store.queueEvent({ type: "message.updated", ticketId: state.ticketId, message: updated });
    store.clearTimer(key);
  });
}
