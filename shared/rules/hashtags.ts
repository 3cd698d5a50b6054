// #hashtags in a ticket's description: shown as chips in the panel and searchable ("#refund" finds the ticket).

/** Distinct hashtags with their `#`, in order of appearance, as written. */
export function hashtagsIn(text: string): string[] {
  return [...new Set(text.match(/#[\p{L}\p{N}_-]+/gu) ?? [])];
}

/** The searchable form: lower case, without `#`. */
export const hashtagKey = (tag: string): string => tag.replace(/^#/, "").normalize("NFKC").toLowerCase();
