// ISO 3166-1 alpha-2 countries for pickers, named in the agent's language by the browser's Intl data (no bundled list needed).
import { i18n } from "./i18n.svelte";

// Codes ICU can name that are not ISO 3166-1 countries: groupings, pseudo-locales, reserved and withdrawn codes (XK stays: Shopify uses it).
const NOT_COUNTRIES = new Set("AC AN BU CP CQ CS DD DG DY EA EU EZ FX HV IC NH QO RH SU TA TP UK UN VD XA XB YD YU ZR ZZ".split(" "));
/** Per language: the sorted options and the region namer (building either for every call would be slow). */
const optionsByLocale = new Map<string, { code: string; name: string }[]>();
const namesByLocale = new Map<string, Intl.DisplayNames | null>();

function regionNames(locale: string): Intl.DisplayNames | null {
  try {
    return new Intl.DisplayNames([locale], { type: "region", fallback: "code" });
  } catch {
    return null;
  }
}

/** The region namer of the agent's language (read through the i18n rune, so a template using it re-renders). */
function names(): Intl.DisplayNames | null {
  const locale = i18n.locale;
  if (!namesByLocale.has(locale)) namesByLocale.set(locale, regionNames(locale));
  return namesByLocale.get(locale) ?? null;
}

/** The country's name in the agent's language, or null when the code names no region. */
export function countryName(code: string): string | null {
  const c = code.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(c) || NOT_COUNTRIES.has(c)) return null;
  const name = names()?.of(c);
  return name && name !== c ? name : null;
}

/** Every region code the browser can name, sorted by name in the agent's language. */
export function countryOptions(): { code: string; name: string }[] {
  const locale = i18n.locale;
  const cached = optionsByLocale.get(locale);
  if (cached) return cached;
  const out: { code: string; name: string }[] = [];
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      const name = countryName(code);
      if (name) out.push({ code, name });
    }
  }
  const sorted = out.sort((x, y) => x.name.localeCompare(y.name, locale));
  optionsByLocale.set(locale, sorted);
  return sorted;
}

/** "https://My-Store.myshopify.com/admin" → "my-store.myshopify.com"; a bare handle gets the myshopify.com suffix. */
export function normalizeShopDomain(input: string): string {
  const s = input
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, "")
    .replace(/[/?#].*$/, "");
  if (!s) return "";
  return /^[a-z0-9][a-z0-9-]*$/.test(s) ? `${s}.myshopify.com` : s;
}
