// Runs in Node when the worker tests start (vitest.worker.config.ts): reads every fixture in test/fixtures/email and
// what an independent parser (mailparser) reads from the same bytes, for corpus.test.ts to compare inside workerd.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { simpleParser } from "mailparser";

export interface CorpusEntry {
  file: string;
  base64: string;
  expected: {
    /** "report": a delivery report or other machine report, which opens no ticket. */
    kind: "message" | "report";
    subject: string;
    from: string | null;
    text: string;
    attachments: { name: string | null; type: string; size: number }[];
  };
}

const ROOT = "test/fixtures/email";

function* emlFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* emlFiles(path);
    else if (name.endsWith(".eml")) yield path;
  }
}

export async function loadEmailCorpus(): Promise<CorpusEntry[]> {
  const entries: CorpusEntry[] = [];
  for (const path of emlFiles(ROOT)) {
    const raw = readFileSync(path);
    const mail = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true });
    const contentType = mail.headers.get("content-type");
    const type = typeof contentType === "object" && contentType && "value" in contentType ? String(contentType.value) : "";
    entries.push({
      file: relative(ROOT, path),
      base64: raw.toString("base64"),
      expected: {
        kind: type.toLowerCase() === "multipart/report" ? "report" : "message",
        subject: mail.subject ?? "",
        from: mail.from?.value[0]?.address?.toLowerCase() ?? null,
        text: mail.text ?? "",
        attachments: mail.attachments.map((a) => ({ name: a.filename ?? null, type: a.contentType, size: a.size })),
      },
    });
  }
  return entries;
}
