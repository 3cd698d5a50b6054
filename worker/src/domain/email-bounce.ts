// Recognizes a delivery-failure report (DSN / bounce) and the Message-IDs of the mail it reports on.
import type { Email } from "postal-mime";
import { normalizeMessageId } from "./email-thread";

export interface Bounce {
  messageIds: string[];
  reason: string;
}

const BOUNCE_SENDER = /^(mailer-daemon|postmaster)@/i;

export function detectBounce(parsed: Email, rawText: string, envelopeFrom: string): Bounce | null {
  const contentType = parsed.headers.find((h) => h.key === "content-type")?.value ?? "";
  const isReport = /multipart\/report/i.test(contentType) && /delivery-status/i.test(contentType);
  const fromDaemon = BOUNCE_SENDER.test(parsed.from?.address ?? "") || envelopeFrom === "" || envelopeFrom === "<>";
  if (!isReport && !fromDaemon) return null;
  const own = normalizeMessageId(parsed.messageId);
  const ids = [...rawText.matchAll(/^(?:message-id|in-reply-to|references):[ \t]*((?:<[^>\r\n]+>[ \t]*(?:\r?\n[ \t]+)?)+)/gim)]
    .flatMap((m) => [...(m[1] ?? "").matchAll(/<([^>]+)>/g)].map((x) => normalizeMessageId(x[1])))
    .filter((id): id is string => id !== null && id !== own);
  if (ids.length === 0) return null;
  const diagnostic = /^diagnostic-code:[ \t]*(?:smtp;)?[ \t]*(.+)$/im.exec(rawText)?.[1]?.trim();
  const status = /^status:[ \t]*(\d\.\d+\.\d+)/im.exec(rawText)?.[1];
  const reason = `Bounced${status ? ` (${status})` : ""}: ${diagnostic ?? parsed.subject ?? "the recipient's server refused the message"}`;
  return { messageIds: [...new Set(ids)], reason: reason.slice(0, 500) };
}

/**
 * An automatic answer (out-of-office, vacation responder, "we got your message"): RFC 3834's Auto-Submitted, and the
 * headers common mail servers set instead (X-Autoreply, X-Autorespond, Precedence: auto_reply).
 */
export function isAutoReply(parsed: Email): boolean {
  const header = (key: string) =>
    parsed.headers
      .find((h) => h.key === key)
      ?.value.trim()
      .toLowerCase() ?? "";
  // Any other machine report (abuse feedback, read receipts) is not a customer writing either.
  if (header("content-type").startsWith("multipart/report")) return true;
  const submitted = header("auto-submitted");
  if (submitted && submitted !== "no") return true;
  if (header("x-autoreply") || header("x-autorespond") || header("x-autoresponse")) return true;
  return header("precedence") === "auto_reply";
}
