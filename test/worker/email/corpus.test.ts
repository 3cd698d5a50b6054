// Real mail as clients and servers wrote it (test/fixtures/email, licences in LICENSES.md), delivered to the email()
// handler and read back through the agent API: each message is one ticket message with the sender's text, subject,
// address and attachments as an independent parser (mailparser, run in Node by the test config) reads them; reports
// (bounces, abuse feedback) open nothing; nothing makes the worker fail.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { CorpusEntry } from "./corpus.node";
import { attachmentName } from "../../../worker/src/domain/attachment-name";
import { listIds } from "../inbox-helpers";
import { deliver, detail, emailWorkspace } from "./email-helpers";

const corpus = JSON.parse(env.EMAIL_CORPUS) as CorpusEntry[];

/**
 * Where mailparser is the one that is wrong, what the agent sees instead:
 * - a UTF-8 file name written raw in the header (RFC 6532) — mailparser reads it as Latin-1;
 * - a name declared iso-2022-jp but holding a byte that charset cannot have — the byte becomes U+FFFD, not a guess;
 * - two Subject headers (RFC 5322 allows one) — the first one counts, as in Thunderbird and Apple Mail;
 * - a text part declared ISO-8859-1 — its bytes are read as ISO-8859-1, not guessed to be UTF-8.
 */
const KNOWN: Record<string, Partial<{ names: (string | null)[]; subject: string; textEnd: string }>> = {
  "mikel-mail/attachment_emails-attachment_nonascii_filename.eml": { names: ["ciële.txt"] },
  "mikel-mail/attachment_emails-attachment_with_encoded_name.eml": { names: ["01 Quien Te Dij\uFFFDat. Pitbull.mp3"] },
  "mikel-mail/mime_emails-raw_email_with_binary_encoded.eml": { subject: "Testing outlook" },
  "mikel-mail/attachment_emails-attachment_pdf_non_ascii.eml": { textEnd: "going wrong here. Ã" },
};

const bytesOf = (base64: string) => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
const oneSpace = (s: string) => s.replace(/\s+/g, " ").trim();
/** The words a reader sees: the two parsers print the header block of an inlined forwarded message differently. */
const readable = (text: string) =>
  oneSpace(
    text
      .split(/\r?\n/)
      .filter((line) => !/^\s*(from|to|cc|subject|date):/i.test(line) && !/^\s*-{5,}\s*$/.test(line))
      .join("\n"),
  );

describe("a corpus of real mail", () => {
  it("holds the kinds of mail the issue names", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(50);
    const files = corpus.map((c) => c.file).join(" ");
    for (const kind of ["bounce", "calendar", "japanese", "nodemailer", "attachment_pdf", "8bits", "arf"]) expect(files).toContain(kind);
  });

  it.each(corpus.map((c) => [c.file, c] as const))("%s", async (file, entry) => {
    const ws = await emailWorkspace();
    const { expected } = entry;
    const known = KNOWN[file] ?? {};
    const sender = expected.from ?? "unknown@customer.example";
    const { rejected } = await deliver(sender, ws.inbound, bytesOf(entry.base64));
    expect(rejected).toBeNull();
    const ids = await listIds(ws.owner.token, "view=all");
    if (expected.kind === "report") return expect(ids).toEqual([]);
    expect(ids).toHaveLength(1);

    const d = await detail(ws.owner.token, ids[0]!);
    const inbound = d.messages.filter((m) => m.kind === "inbound");
    expect(inbound).toHaveLength(1);
    const message = inbound[0]!;
    expect(oneSpace(message.email?.subject ?? "")).toBe(oneSpace(known.subject ?? expected.subject));
    if (expected.from) expect(message.email?.from).toBe(expected.from);
    if (known.textEnd) expect(oneSpace(message.text)).toContain(known.textEnd);
    else if (!expected.text.trim() && !message.email?.html) expect(message.text).toBe("");
    else {
      // Every line the sender wrote is there, in order; an HTML part mailparser leaves out of its text may be added.
      const ours = readable(message.text);
      let from = 0;
      for (const line of expected.text.split(/\r?\n/).map(readable).filter(Boolean)) {
        const at = ours.indexOf(line, from);
        expect(at, `"${line}" in the agent's text`).toBeGreaterThanOrEqual(0);
        from = at + line.length;
      }
      // No part headers leak into the text (the HTML-only spam message really has them in its body).
      if (expected.text.trim() && !/content-transfer-encoding:/i.test(expected.text)) expect(message.text).not.toMatch(/content-transfer-encoding:/i);
    }

    const names = known.names ?? expected.attachments.map((a) => a.name);
    expect(message.files.map((f) => [f.name, f.type, f.size])).toEqual(
      expected.attachments.map((a, i) => [names[i] ?? attachmentName(null, a.type, i), a.type, a.size]),
    );
  });
});
