// Link shortening for outbound SMS: each URL becomes `<origin>/s/<code>`, which redirects and counts clicks.
import * as clock from "../clock";
import { randomToken } from "../http/crypto";

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/gi;

export async function shortenLinks(db: D1Database, workspaceId: string, ticketId: string, origin: string, text: string): Promise<string> {
  const urls = [...new Set(text.match(URL_PATTERN) ?? [])].filter((u) => !u.startsWith(`${origin}/s/`));
  if (urls.length === 0) return text;
  const now = clock.now();
  const codes = urls.map(() => randomToken("l", 6).slice(2));
  await db.batch(urls.map((url, i) =>
    db.prepare("INSERT INTO short_links (code, workspace_id, ticket_id, url, created_at) VALUES (?1, ?2, ?3, ?4, ?5)").bind(codes[i], workspaceId, ticketId, url, now)));
  // One pass over the links as matched, so a link that extends another (`/a` and `/a/b`) keeps its own code.
  const short = new Map(urls.map((url, i) => [url, `${origin}/s/${codes[i]}`]));
  return text.replace(URL_PATTERN, (url) => short.get(url) ?? url);
}

/** Counts the click and returns where to go, or null for an unknown code. */
export async function followShortLink(db: D1Database, code: string): Promise<string | null> {
  const row = await db.prepare("UPDATE short_links SET clicks = clicks + 1 WHERE code = ?1 RETURNING url").bind(code).first<{ url: string }>();
  return row?.url ?? null;
}
