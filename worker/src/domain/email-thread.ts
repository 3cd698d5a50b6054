// Email threading rules: Message-ID normalization, which earlier ids a message points at, reply subjects and References.
export interface EmailThread {
  subject: string;
  rootId: string;
  lastMessageId: string;
  references: string[];
  cc: string[];
}

/** Message-IDs compare without angle brackets and case-insensitively (ticket names are lower-cased too). */
export function normalizeMessageId(raw: string | null | undefined): string | null {
  const id = (raw ?? "")
    .trim()
    .replace(/^<+|>+$/g, "")
    .trim()
    .toLowerCase();
  return id && !/[\s<>]/.test(id) ? id : null;
}

/** Ids in an In-Reply-To / References header: `<a@x> <b@y>`, tolerating missing brackets. */
export function parseIdList(header: string | null | undefined): string[] {
  if (!header) return [];
  const bracketed = [...header.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1] ?? "");
  const ids = bracketed.length ? bracketed : header.split(/[\s,]+/);
  return ids.map(normalizeMessageId).filter((id): id is string => id !== null);
}

/** Where to look for the thread, best first: the direct parent, then References from newest to oldest. */
export function threadCandidates(inReplyTo: string | null | undefined, references: string | null | undefined): string[] {
  const ids = [...parseIdList(inReplyTo), ...parseIdList(references).reverse()];
  return [...new Set(ids)].slice(0, 50);
}

/** "Re: <subject>", without stacking prefixes ("Re: Re:", "RE:", "Aw:"). */
export function replySubject(subject: string): string {
  const base = subject.replace(/^\s*((re|aw|sv|antw)\s*(\[\d+\])?\s*:\s*)+/i, "").trim();
  return `Re: ${base || "(no subject)"}`;
}

/** Keeps a References chain bounded: the root plus the most recent ids (RFC 5322 allows trimming the middle). */
export function appendReference(chain: string[], id: string, max = 20): string[] {
  const next = chain.includes(id) ? chain : [...chain, id];
  return next.length <= max ? next : [next[0]!, ...next.slice(next.length - (max - 1))];
}

/** The ticket's thread state after a customer message: subject kept from the first message, chain extended. */
export function threadAfterInbound(
  prev: EmailThread | undefined,
  msg: { subject: string; rootId: string; messageId: string; references: string[]; cc?: string[] },
): EmailThread {
  let chain = prev?.references ?? [];
  for (const id of [...msg.references, msg.messageId]) chain = appendReference(chain, id);
  return {
    subject: prev?.subject || msg.subject,
    rootId: prev?.rootId ?? msg.rootId,
    lastMessageId: msg.messageId,
    references: chain,
    cc: msg.cc ?? prev?.cc ?? [],
  };
}
