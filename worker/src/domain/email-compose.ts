// Builds an outgoing RFC 5322 message (CRLF, UTF-8 base64 bodies) with mimetext; threading headers included.
import * as clock from "../clock";
import { Mailbox, MIMEMessage } from "mimetext";

export interface ComposeInput {
  from: { name?: string; address: string };
  to: string;
  replyTo?: string;
  subject: string;
  text: string;
  html?: string;
  messageId: string;
  inReplyTo?: string;
  references?: string[];
  date?: Date;
  /** Other recipients who stay on the conversation. */
  cc?: string[];
  attachments?: { name: string; type: string; bytes: Uint8Array }[];
}

const EOL = "\r\n";
const bytesToBase64 = (bytes: Uint8Array) => {
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
};
const utf8Base64 = (v: string) => bytesToBase64(new TextEncoder().encode(v));
const envctx = {
  toBase64: utf8Base64,
  toBase64WebSafe: (v: string) => utf8Base64(v).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, ""),
  eol: EOL,
  validateContentType: (v: string) => v,
};

/** `<id@host>` form; header values never carry CR/LF (no header injection). */
export const angle = (id: string) => `<${id.replace(/[\r\n<>\s]/g, "")}>`;
const oneLine = (v: string) => v.replace(/[\r\n]+/g, " ").trim();
const wrap76 = (b64: string) => b64.replace(/.{1,76}/g, (line) => line + EOL).trimEnd();

export function newMessageId(fromAddress: string): string {
  const domain = fromAddress.split("@")[1]?.trim() || "sidedesk.local";
  return `${crypto.randomUUID()}@${domain}`;
}

export function composeMime(input: ComposeInput): string {
  const msg = new MIMEMessage(envctx);
  msg.setSender({ addr: oneLine(input.from.address), ...(input.from.name ? { name: oneLine(input.from.name) } : {}) });
  msg.setTo(oneLine(input.to));
  if (input.cc?.length) msg.setCc(input.cc.map(oneLine));
  if (input.replyTo) msg.setHeader("Reply-To", new Mailbox(oneLine(input.replyTo)));
  msg.setSubject(oneLine(input.subject));
  msg.setHeader("Date", (input.date ?? clock.nowDate()).toUTCString().replace(/GMT|UTC/gi, "+0000"));
  msg.setHeader("Message-ID", angle(input.messageId));
  if (input.inReplyTo) msg.setHeader("In-Reply-To", angle(input.inReplyTo));
  const refs = (input.references ?? []).filter(Boolean).map(angle);
  if (refs.length) msg.setHeader("References", refs.join(`${EOL} `));
  msg.addMessage({ contentType: "text/plain", encoding: "base64", data: wrap76(utf8Base64(input.text)) });
  if (input.html) msg.addMessage({ contentType: "text/html", encoding: "base64", data: wrap76(utf8Base64(input.html)) });
  for (const file of input.attachments ?? []) {
    // mimetext writes the name into Content-Type and Content-Disposition as given: RFC 2047-encode anything not ASCII.
    const filename = /^[\x20-\x7e]*$/.test(file.name) ? file.name.replace(/["\\]/g, "_") : `=?UTF-8?B?${utf8Base64(file.name)}?=`;
    msg.addAttachment({ filename, contentType: file.type, data: wrap76(bytesToBase64(file.bytes)) });
  }
  return msg.asRaw();
}
