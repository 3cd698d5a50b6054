// Parses inbound MIME with postal-mime, corrected so an attachment keeps the bytes the sender attached (the sizes an
// independent parser such as mailparser reports), and so a named forwarded message stays a file:
// - 7bit / 8bit / binary / quoted-printable parts: postal-mime ends every line with LF, the last one included, but the
//   line break before a boundary belongs to the boundary (RFC 2046 §5.1.1) and mail's own line ends are CRLF;
// - text/calendar: postal-mime rewrites the invite with LF line ends; the attachment keeps the bytes as sent;
// - message/rfc822 with a file name (a forwarded .eml) is an attachment, as mail clients show it, not merged text.
// postal-mime builds a fresh parser for each inline forwarded message, so the corrections sit on its prototype.
import { AsyncLocalStorage } from "node:async_hooks";
import PostalMime, { type Email } from "postal-mime";
import { utf8Headers } from "./email-8bit";

interface PartNode {
  contentTransferEncoding: { encoding: string };
  contentType: { parsed: { value: string; params: Record<string, unknown> } };
  contentDisposition: { parsed: { value: string; params: Record<string, unknown> } };
}
interface ParserInternals {
  collectAttachment(node: PartNode, content: ArrayBuffer, related: boolean, depthExceeded: boolean): void;
  isInlineMessageRfc822(node: PartNode): boolean;
  attachments: { content: ArrayBuffer | string }[];
  /** Set on the top-level parser: whether the message's own lines end in CRLF (nested ones default to SMTP's CRLF). */
  sidedeskCrlf?: boolean;
}

const CR = 0x0d;
const LF = 0x0a;
const CALENDAR = new Set(["text/calendar", "application/ics"]);

/** A line-decoded part (lines + "\n" each) back to the body as it was sent: no final break, the message's line ends. */
export function lineDecodedBody(content: Uint8Array, crlf: boolean): Uint8Array {
  const body = content.length > 0 && content[content.length - 1] === LF ? content.subarray(0, content.length - 1) : content;
  if (!crlf) return body.slice();
  const out: number[] = [];
  body.forEach((byte, i) => {
    if (byte === LF && body[i - 1] !== CR) out.push(CR);
    out.push(byte);
  });
  return Uint8Array.from(out);
}

/** The top-level message's line ends, for the parsers postal-mime makes for forwarded messages inside it. */
const crlfOfParse = new AsyncLocalStorage<boolean>();
const proto = PostalMime.prototype as unknown as ParserInternals;
const collect = proto.collectAttachment;
const inlineRfc822 = proto.isInlineMessageRfc822;
proto.collectAttachment = function (this: ParserInternals, node, content, related, depthExceeded) {
  collect.call(this, node, content, related, depthExceeded);
  // Everything but base64 is decoded line by line (7bit, 8bit, binary, quoted-printable, and unknown values).
  const lineDecoded = node.contentTransferEncoding.encoding !== "base64";
  if (!lineDecoded && !CALENDAR.has(node.contentType.parsed.value)) return;
  const attachment = this.attachments[this.attachments.length - 1];
  if (!attachment) return;
  attachment.content = lineDecoded
    ? (lineDecodedBody(new Uint8Array(content), this.sidedeskCrlf ?? crlfOfParse.getStore() ?? true).buffer as ArrayBuffer)
    : content;
};
proto.isInlineMessageRfc822 = function (this: ParserInternals, node) {
  const named = node.contentDisposition.parsed.params.filename || node.contentType.parsed.params.name;
  return !named && inlineRfc822.call(this, node);
};

export async function parseEmail(raw: Uint8Array): Promise<Email> {
  const parser = new PostalMime({ attachmentEncoding: "arraybuffer" });
  const lf = raw.indexOf(LF);
  const crlf = lf > 0 && raw[lf - 1] === CR;
  (parser as unknown as ParserInternals).sidedeskCrlf = crlf;
  return crlfOfParse.run(crlf, () => parser.parse(utf8Headers(raw)));
}
