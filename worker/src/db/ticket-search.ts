// Text search for the inbox views: customer name, email and phone, message text, and description #hashtags.
// A phone typed as people type it ("(202) 555-0100", "555-0100", "2025550100") is read in the workspace's country.
import { hashtagKey } from "../../../shared/rules/hashtags";
import { toE164 } from "../domain/phone";

/** Digits, spaces and phone punctuation only, with enough digits to mean a number. */
export const looksLikePhone = (q: string): boolean => /^[\d\s()+.-]+$/.test(q.trim()) && q.replace(/\D/g, "").length >= 3;

/** Every word must match as a prefix; quotes keep user text from being read as FTS syntax. */
export function ftsQuery(q: string): string | null {
  const words = searchWords(q);
  return words.length ? words.map((w) => `"${w.replace(/"/g, "")}"*`).join(" ") : null;
}

function searchWords(q: string): string[] {
  return q
    .normalize("NFKC")
    .split(/[^\p{L}\p{N}@.+_-]+/u)
    .flatMap((w) => w.split(/[@.+_-]+/))
    .filter(Boolean)
    .slice(0, 8);
}

/** The `WHERE` clause for `q` (null when it has nothing to search for); `p` numbers a parameter, ?1 is the workspace. */
export function searchClause(q: string, country: string, p: (value: unknown) => string): string | null {
  const match = ftsQuery(q);
  if (!match) return null;
  const either = [
    `t.profile_id IN (SELECT p.id FROM profiles_fts JOIN profiles p ON p.rowid = profiles_fts.rowid WHERE profiles_fts MATCH ${p(match)} AND p.workspace_id = ?1)`,
    `t.id IN (SELECT ticket_id FROM messages_fts WHERE messages_fts MATCH ${p(match)} AND workspace_id = ?1)`,
  ];
  if (looksLikePhone(q)) {
    // Stored phones are E.164; a full national number becomes one, a part of a number matches anywhere in it.
    const digits = (toE164(q, country) ?? q).replace(/\D/g, "");
    either.push(`t.profile_id IN (SELECT id FROM profiles WHERE workspace_id = ?1 AND phone LIKE ${p(`%${digits}%`)})`);
  }
  const token = q.trim();
  if (!/\s/.test(token)) {
    const tag = hashtagKey(token); // one word, as hashtags are written ("#return-label" or "return-label")
    either.push(`t.id IN (SELECT ticket_id FROM ticket_hashtags WHERE workspace_id = ?1 AND tag >= ${p(tag)} AND tag < ${p(`${tag}\uffff`)})`);
  }
  return `(${either.join(" OR ")})`;
}
