// Sends one email: Cloudflare's send_email binding (EMAIL), else an HTTP provider (MAIL_API_URL + MAIL_API_KEY,
// Resend-style JSON), else the local outbox (dev and tests). Failures surface as ProviderError(retryable).
import { EmailMessage } from "cloudflare:email";
import type { Env } from "../env";
import { composeMime, newMessageId } from "../domain/email-compose";
import { recordOutbox } from "../db/outbox";
import { ProviderError } from "./provider-error";
import { directory } from "../db/shards";
import { base64 } from "../http/crypto";

export interface OutgoingEmail {
  workspaceId: string;
  ticketId: string | null;
  from: { name?: string; address: string };
  to: string;
  replyTo?: string;
  subject: string;
  text: string;
  html?: string;
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
  cc?: string[];
  attachments?: { name: string; type: string; bytes: Uint8Array }[];
}

const ADDRESS = /^[^\s@<>,;"]+@[^\s@<>,;"]+\.?[^\s@<>,;"]*$/;
const errText = (err: unknown) => (err instanceof Error ? err.message : String(err));

export async function sendEmail(env: Env, mail: OutgoingEmail): Promise<{ providerId: string; messageId: string }> {
  if (!ADDRESS.test(mail.from.address)) throw new ProviderError(`Invalid sender address "${mail.from.address}".`, false);
  if (!ADDRESS.test(mail.to)) throw new ProviderError(`Invalid recipient address "${mail.to}".`, false);
  const messageId = (mail.messageId ?? newMessageId(mail.from.address)).replace(/^<|>$/g, "");
  for (const address of mail.cc ?? []) if (!ADDRESS.test(address)) throw new ProviderError(`Invalid Cc address "${address}".`, false);
  const raw = composeMime({ ...mail, messageId });
  if (env.EMAIL) return { providerId: await viaBinding(env.EMAIL, mail, raw), messageId };
  if (env.MAIL_API_URL && env.MAIL_API_KEY) return { providerId: await viaHttp(env.MAIL_API_URL, env.MAIL_API_KEY, mail, messageId), messageId };
  const id = await recordOutbox(directory(env), {
    workspaceId: mail.workspaceId,
    ticketId: mail.ticketId,
    channel: "email",
    to: mail.to,
    from: mail.from.address,
    subject: mail.subject,
    body: mail.text,
    mime: raw,
  });
  return { providerId: `outbox:${id}`, messageId };
}

async function viaBinding(binding: SendEmail, mail: OutgoingEmail, raw: string): Promise<string> {
  try {
    // One envelope per recipient: the binding takes a single destination; the headers still show To and Cc.
    const result = await binding.send(new EmailMessage(mail.from.address, mail.to, raw));
    for (const cc of mail.cc ?? []) await binding.send(new EmailMessage(mail.from.address, cc, raw));
    return `cf:${result?.messageId ?? "sent"}`;
  } catch (err) {
    // The binding rejects unverified/unknown destinations and malformed messages: retrying will not help.
    const msg = errText(err);
    throw new ProviderError(`Email sending refused the message: ${msg}`, /timeout|temporar|unavailable|internal/i.test(msg));
  }
}

/** POST {from, to[], reply_to, subject, text, html, headers} with a Bearer key; expects {id} (Resend's /emails shape). */
async function viaHttp(url: string, key: string, mail: OutgoingEmail, messageId: string): Promise<string> {
  const headers: Record<string, string> = { "Message-ID": `<${messageId}>` };
  if (mail.inReplyTo) headers["In-Reply-To"] = `<${mail.inReplyTo}>`;
  if (mail.references?.length) headers.References = mail.references.map((r) => `<${r}>`).join(" ");
  const from = mail.from.name ? `"${mail.from.name.replace(/["\\\r\n]/g, "")}" <${mail.from.address}>` : mail.from.address;
  let res: Response;
  try {
    res = await fetch(url, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({
        from,
        to: [mail.to],
        cc: mail.cc?.length ? mail.cc : undefined,
        reply_to: mail.replyTo,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers,
        attachments: mail.attachments?.map((a) => ({ filename: a.name, content: base64(a.bytes), content_type: a.type })),
      }),
    });
  } catch (err) {
    throw new ProviderError(`Mail provider unreachable: ${errText(err)}`, true);
  }
  const body = (await res.json().catch(() => ({}))) as { id?: unknown; message?: unknown };
  if (!res.ok || typeof body.id !== "string") {
    const detail = typeof body.message === "string" ? body.message : "no details";
    throw new ProviderError(`Mail provider refused the message (${res.status}): ${detail}`, res.status === 429 || res.status >= 500);
  }
  return `http:${body.id}`;
}
