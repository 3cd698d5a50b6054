// The languages Sidedesk speaks (side panel, options page, chat widget), and how a browser's or a visitor's language
// preferences pick one of them.
export const LOCALES = ["en", "ko", "pt-BR", "it"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

/** Each language's own name, for the language picker. */
export const LOCALE_NAMES: Record<Locale, string> = { en: "English", ko: "한국어", "pt-BR": "Português (Brasil)", it: "Italiano" };

export const isLocale = (tag: string | null | undefined): tag is Locale => (LOCALES as readonly string[]).includes(tag ?? "");

/** The first supported language among BCP 47 tags in order of preference ("pt-PT" and "pt" read as Portuguese (Brasil),
 *  "ko-KR" as Korean), or null when none is supported. */
export function matchLocale(tags: readonly (string | null | undefined)[]): Locale | null {
  for (const raw of tags) {
    if (!raw) continue;
    const tag = raw.trim().replace(/_/g, "-");
    const exact = LOCALES.find((l) => l.toLowerCase() === tag.toLowerCase());
    if (exact) return exact;
    const language = tag.split("-")[0]?.toLowerCase();
    const byLanguage = LOCALES.find((l) => l.split("-")[0]!.toLowerCase() === language);
    if (byLanguage) return byLanguage;
  }
  return null;
}
