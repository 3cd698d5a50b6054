// Legacy mail writes raw 8-bit header text in the sender's charset (Latin-1, windows-1252) instead of RFC 2047 words.
// MIME parsers read header bytes as UTF-8, which turns "Frösche" into "Fr�sche". Before parsing, header lines (the
// message's and each part's) that are not valid UTF-8 are re-encoded as UTF-8 from the charset that block declares,
// else the message's, else windows-1252 (what such mail almost always is). Bodies are left alone: the parser decodes
// them with their declared charset already.
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

export function utf8Headers(raw: Uint8Array): Uint8Array {
  if (!raw.some((b) => b >= 0x80)) return raw;
  const lines = splitLines(raw);
  const boundaries = new Set<string>();
  let inHeaders = true;
  let block: Uint8Array[] = [];
  let messageCharset: string | null = null;
  const out: Uint8Array[] = [];
  const flush = () => {
    const text = latin1(block);
    for (const m of text.matchAll(/boundary\s*=\s*"?([^";\r\n]+)"?/gi)) boundaries.add(m[1]!.trim());
    const declared = /charset\s*=\s*"?([\w.:-]+)"?/i.exec(text)?.[1] ?? null;
    messageCharset ??= declared;
    for (const line of block) out.push(isUtf8(line) ? line : reencode(line, declared ?? messageCharset));
    block = [];
  };
  for (const line of lines) {
    if (inHeaders) {
      if (line[0] === 0x0a || (line[0] === 0x0d && line[1] === 0x0a) || line.length === 0) {
        flush();
        inHeaders = false;
        out.push(line);
      } else block.push(line);
      continue;
    }
    out.push(line);
    if (line[0] !== 0x2d || line[1] !== 0x2d || line.length > 200) continue; // not "--boundary"
    const boundary = latin1([line.subarray(2)]).trimEnd();
    if (boundaries.has(boundary)) inHeaders = true; // a part's headers follow
  }
  if (block.length) flush();
  return concat(out);
}

function reencode(line: Uint8Array, charset: string | null): Uint8Array {
  let text: string;
  try {
    text = new TextDecoder(charset ?? "windows-1252").decode(line);
  } catch {
    text = new TextDecoder("windows-1252").decode(line); // an unknown or unsupported charset name
  }
  return new TextEncoder().encode(text);
}

function isUtf8(line: Uint8Array): boolean {
  if (!line.some((b) => b >= 0x80)) return true;
  try {
    utf8.decode(line);
    return true;
  } catch {
    return false;
  }
}

const single = new TextDecoder("windows-1252");
const latin1 = (parts: Uint8Array[]) => parts.map((p) => single.decode(p)).join("");

/** Lines with their line ends kept, so the message is rebuilt byte for byte where nothing changed. */
function splitLines(raw: Uint8Array): Uint8Array[] {
  const lines: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === 0x0a) {
      lines.push(raw.subarray(start, i + 1));
      start = i + 1;
    }
  }
  if (start < raw.length) lines.push(raw.subarray(start));
  return lines;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
