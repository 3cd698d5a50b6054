// Turns a parsed inbound email (postal-mime) into what a ticket stores: text, sanitized HTML, attachment list, thread ids.
import type { Email } from "postal-mime";
import type { Attachment } from "../../../shared/schemas";
import { sanitizeEmailHtml } from "./sanitize-html";
import { htmlToText } from "./email-text";
import { normalizeMessageId, parseIdList, threadCandidates } from "./email-thread";
import { attachmentName, attachmentType } from "./attachment-name";

export const MAX_TEXT = 50_000;

export interface InboundEmail {
  messageId: string;
  candidates: string[];
  references: string[];
  subject: string;
  from: { address: string; name: string | null };
  to: string[];
  cc: string[];
  text: string;
  html: string | null;
  attachments: Attachment[];
  /** The attachments' bytes, in the same order, for storing. */
  attachmentBytes: Uint8Array[];
}

const byteSize = (c: ArrayBuffer | Uint8Array | string) => (typeof c === "string" ? new TextEncoder().encode(c).byteLength : c.byteLength);

async function fallbackId(raw: Uint8Array): Promise<string> {
  // No Message-ID: a digest of the bytes, so a redelivery of the same message still de-duplicates.
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", raw));
  return `${[...digest.slice(0, 16)].map((b) => b.toString(16).padStart(2, "0")).join("")}@no-message-id.sidedesk`;
}

const addresses = (list: Email["to"]) =>
  (list ?? []).flatMap((a) => (a.address ? [a.address] : (a.group ?? []).map((g) => g.address))).map((a) => a.trim().toLowerCase());

export async function toInboundEmail(parsed: Email, raw: Uint8Array, envelopeFrom: string): Promise<InboundEmail> {
  const messageId = normalizeMessageId(parsed.messageId) ?? (await fallbackId(raw));
  const sender = parsed.from?.address ? parsed.from : parsed.sender?.address ? parsed.sender : null;
  const address = (sender?.address ?? envelopeFrom).trim().toLowerCase();
  const html = parsed.html ? await sanitizeEmailHtml(parsed.html) : null;
  const text = (parsed.text?.trim() ? parsed.text : parsed.html ? htmlToText(parsed.html) : "").replace(/\r\n?/g, "\n").trim();
  const attachments = parsed.attachments.map((a, i) => ({
    id: null,
    name: attachmentName(a.filename, a.mimeType, i),
    type: attachmentType(a.mimeType, a.filename),
    size: byteSize(a.content),
    error: null,
    contentId: a.contentId ? a.contentId.replace(/^<|>$/g, "").trim() || null : null,
  }));
  return {
    messageId,
    candidates: threadCandidates(parsed.inReplyTo, parsed.references).filter((id) => id !== messageId),
    references: parseIdList(parsed.references),
    subject: (parsed.subject ?? "").trim(),
    from: { address, name: sender?.name?.trim() || null },
    to: addresses(parsed.to),
    cc: addresses(parsed.cc),
    text: text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}\n[…]` : text,
    html,
    attachments,
    attachmentBytes: parsed.attachments.map((a) => (typeof a.content === "string" ? new TextEncoder().encode(a.content) : new Uint8Array(a.content))),
  };
}
