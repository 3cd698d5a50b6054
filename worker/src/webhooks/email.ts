// The worker's email() handler: inbound mail for a workspace's inbound address becomes a ticket message (docs/api.md §2 Webhooks, §8 Email).
// Route by envelope recipient → parse MIME → thread by Message-ID / In-Reply-To / References → ingest into the ticket object.
import * as clock from "../clock";
import { parseEmail } from "../domain/email-parse";
import type { Env } from "../env";
import { workspaceByInboundEmail, loadSettings } from "../db/settings";
import { findThreadRoot, linkMessageId } from "../db/email-threads";
import { upsertProfileByEmail } from "../db/profiles";
import { channels } from "../channels";
import { toInboundEmail } from "../domain/email-inbound";
import { detectBounce, isAutoReply } from "../domain/email-bounce";
import { emailProviderId } from "../objects/ticket-email";
import { dbFor, directory } from "../db/shards";
import { storeMessageFiles } from "../files/file-store";

export const MAX_RAW_BYTES = 25 * 1024 * 1024;

export async function handleEmail(message: ForwardableEmailMessage, env: Env): Promise<void> {
  const workspaceId = await workspaceByInboundEmail(directory(env), message.to);
  if (!workspaceId) return message.setReject(`No Sidedesk workspace receives email at ${message.to}.`);
  if (message.rawSize > MAX_RAW_BYTES) return message.setReject("Message too large.");
  const raw = new Uint8Array(await new Response(message.raw).arrayBuffer());
  const parsed = await parseEmail(raw);
  const bounce = detectBounce(parsed, new TextDecoder("latin1").decode(raw), message.from);
  if (bounce) return markBounced(env, workspaceId, bounce.messageIds, bounce.reason);

  const mail = await toInboundEmail(parsed, raw, message.from);
  // A redelivered message keeps the root it was first filed under; otherwise follow its references, else start a thread.
  const known = await findThreadRoot(dbFor(env, workspaceId), workspaceId, [mail.messageId, ...mail.candidates]);
  // An auto-reply joins the conversation it answers and changes nothing there; one that answers nothing we know is dropped.
  const automatic = isAutoReply(parsed);
  if (automatic && !known) return;
  const rootId = await linkMessageId(dbFor(env, workspaceId), workspaceId, mail.messageId, known ?? mail.messageId);
  const profile = await upsertProfileByEmail(dbFor(env, workspaceId), workspaceId, mail.from.address, mail.from.name ? { name: mail.from.name } : {});
  const { settings } = await loadSettings(directory(env), workspaceId);
  const objectId = env.TICKETS.idFromName(channels.email.ticketName(workspaceId, rootId));
  const stub = env.TICKETS.get(objectId);
  const files = mail.attachments.map((a, i) => ({ name: a.name, type: a.type, bytes: mail.attachmentBytes[i]!, contentId: a.contentId }));
  const attachments = await storeMessageFiles(env, workspaceId, objectId.toString(), mail.messageId, files);
  await stub.ingestInbound(
    {
      workspaceId,
      channel: "email",
      profile: { id: profile.id, name: profile.name, phone: profile.phone, email: profile.email },
      providerId: emailProviderId(mail.messageId),
      text: mail.text,
      media: [],
      at: clock.now(),
      origin: env.PUBLIC_URL ?? "",
      attributionWindowHours: settings.sms.attributionWindowHours,
      blocked: profile.blocked,
      automatic,
      email: { subject: mail.subject, html: mail.html, attachments, from: mail.from.address, to: mail.to, cc: mail.cc },
      emailThread: {
        subject: mail.subject,
        rootId,
        messageId: mail.messageId,
        references: mail.references,
        // Everyone else the customer wrote to stays on the conversation (an automatic answer changes nothing).
        cc: automatic ? undefined : otherRecipients(mail, [message.to, settings.email.inboundAddress, settings.email.supportAddress]),
      },
    },
    "flush",
  ); // nobody waits on email(): the work runs in line (a failure is still left to the alarm)
}

const MAX_CC = 20;

/** The message's To and Cc minus the sender and our own addresses: who a reply keeps on Cc. */
function otherRecipients(mail: { from: { address: string }; to: string[]; cc: string[] }, ours: (string | null)[]): string[] {
  const skip = new Set([mail.from.address, ...ours.filter((a): a is string => Boolean(a)).map((a) => a.toLowerCase())]);
  return [...new Set([...mail.to, ...mail.cc])].filter((a) => !skip.has(a)).slice(0, MAX_CC);
}

/** A bounce marks our outgoing message failed (with the server's reason) instead of opening a ticket. */
async function markBounced(env: Env, workspaceId: string, messageIds: string[], reason: string): Promise<void> {
  for (const id of messageIds) {
    const root = await findThreadRoot(dbFor(env, workspaceId), workspaceId, [id]);
    if (!root) continue;
    const stub = env.TICKETS.get(env.TICKETS.idFromName(channels.email.ticketName(workspaceId, root)));
    if (await stub.updateDelivery(emailProviderId(id), "failed", reason)) return;
  }
  console.warn(`bounce for ${workspaceId} matched no outgoing message`, messageIds);
}
