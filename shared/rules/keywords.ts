// SMS compliance keywords (docs/api.md §6.2 Keywords): these change consent and never open a ticket. A workspace may
// add its own opt-in words (e.g. "VIP") and word its own HELP reply (settings.sms.keywords).
export type Keyword = "opt_out" | "opt_in" | "help";

const KEYWORDS: Record<string, Keyword> = {
  STOP: "opt_out",
  STOPALL: "opt_out",
  UNSUBSCRIBE: "opt_out",
  CANCEL: "opt_out",
  END: "opt_out",
  QUIT: "opt_out",
  START: "opt_in",
  YES: "opt_in",
  UNSTOP: "opt_in",
  JOIN: "opt_in",
  HELP: "help",
  INFO: "help",
};

/** The carriers' words (STOP, START, HELP…): a workspace's own opt-in words may not be one of them. */
export const BUILT_IN_KEYWORDS = Object.keys(KEYWORDS);

/** A keyword as merchants write it: one word of letters and digits, stored upper case. */
export const normalizeKeyword = (word: string) => word.trim().toUpperCase();

/** A message is a keyword only when it is the keyword alone: any case, with stray punctuation, quotes or emoji around it. */
export function detectKeyword(body: string, extraOptIn: readonly string[] = []): Keyword | null {
  const word = body.replace(/^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu, "").toUpperCase();
  return KEYWORDS[word] ?? (extraOptIn.includes(word) ? "opt_in" : null);
}

export function keywordReply(keyword: Keyword, org: string, supportEmail: string | null): string {
  switch (keyword) {
    case "opt_out":
      return `${org}: You are unsubscribed and will receive no more messages. Reply START to resubscribe.`;
    case "opt_in":
      return `${org}: You are subscribed to messages again. Msg & data rates may apply. Reply HELP for help, STOP to opt out.`;
    case "help":
      return `${org}: ${supportEmail ? `For help contact ${supportEmail}.` : "Reply to this message and we'll help."} Msg & data rates may apply. Reply STOP to opt out.`;
  }
}
