// Link shortening for outbound SMS: each URL becomes `<origin>/s/<code>`, which redirects and counts clicks.
import * as clock from "../clock";
import { randomToken } from "../http/crypto";
import { insertShortLinks } from "../db/short-links";

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/gi;

export async function shortenLinks(db: D1Database, workspaceId: string, ticketId: string, origin: string, text: string): Promise<string> {
  const urls = [...new Set(text.match(URL_PATTERN) ?? [])].filter((u) => !u.startsWith(`${origin}/s/`));
  if (urls.length === 0) return text;
  const now = clock.now();
  const codes = urls.map(() => randomToken("l", 6).slice(2));
  await insertShortLinks(
    db,
    urls.map((url, i) => ({ code: codes[i]!, workspaceId, ticketId, url, createdAt: now })),
  );
  // One pass over the links as matched, so a link that extends another (`/a` and `/a/b`) keeps its own code.
  const short = new Map(urls.map((url, i) => [url, `${origin}/s/${codes[i]}`]));
  return text.replace(URL_PATTERN, (url) => short.get(url) ?? url);
}
