// The panel's and options page's language: i18next over the shared catalogue, with the current locale in a rune so
// every `t(...)` in a template re-renders when the agent switches. The first screen bundles only the English texts it
// shows; each part loaded on demand (ticket, settings, reports, customer, bulk) brings its texts in the agent's
// language (Lazy.svelte's `texts`). Dates, times, numbers and money go through Intl in the same locale (lib/format.ts).
import i18next, { type TFunction } from "i18next";
import type { Catalogue } from "../../shared/i18n/catalogue";
import common from "../../shared/i18n/en/common.json";
import inbox from "../../shared/i18n/en/inbox.json";
import signin from "../../shared/i18n/en/signin.json";
import { DEFAULT_LOCALE, matchLocale, type Locale } from "../../shared/i18n/locales";
import { languageItem } from "./storage";

type Namespace = keyof Catalogue;
export type Part = "ticket" | "settings" | "reports" | "customer" | "bulk";
const CORE: Namespace[] = ["common", "inbox", "signin"];
const PARTS: Record<Part, Namespace[]> = {
  ticket: ["ticket", "composer", "activity"], // activity lines are in the thread only
  settings: ["settings", "activity"], // rules say why an action can't run with the activity lines' reasons
  reports: ["reports"],
  customer: ["customer", "orders"],
  bulk: ["bulk"],
};
const FILES = import.meta.glob<{ default: Record<string, unknown> }>(["../../shared/i18n/*/*.json", "!../../shared/i18n/*/widget.json"]);

/** Keys a render asked for that the catalogue lacks (tests and the e2e fail on any). */
export const missingKeys: string[] = [];

void i18next.init({
  lng: DEFAULT_LOCALE,
  fallbackLng: DEFAULT_LOCALE,
  resources: { en: { translation: { common, inbox, signin } } },
  interpolation: { escapeValue: false }, // Svelte renders text, never HTML
  initAsync: false,
  showSupportNotice: false,
  saveMissing: true,
  missingKeyHandler: (_lngs, _ns, key) => {
    missingKeys.push(key);
    console.error(`missing i18n key: ${key}`);
  },
});

const loaded = new Set(CORE.map((ns) => `en/${ns}`));
async function loadNamespace(locale: Locale, ns: Namespace): Promise<void> {
  const id = `${locale}/${ns}`;
  if (loaded.has(id)) return;
  const file = FILES[`../../shared/i18n/${id}.json`];
  if (!file) throw new Error(`no texts for ${id}`);
  i18next.addResourceBundle(locale, "translation", { [ns]: (await file()).default }, true, true);
  loaded.add(id);
}

class I18n {
  locale = $state<Locale>(DEFAULT_LOCALE);
  /** Parts whose texts are in use: a language switch loads them in the new language too. */
  private parts = new Set<Part>();

  /** Switches to the agent's language (null: the browser's), loading its texts first. */
  async use(preferred: string | null): Promise<Locale> {
    const locale = matchLocale([preferred, ...(typeof navigator === "undefined" ? [] : navigator.languages)]) ?? DEFAULT_LOCALE;
    await Promise.all(this.namespaces().map((ns) => loadNamespace(locale, ns)));
    await i18next.changeLanguage(locale);
    if (typeof document !== "undefined") document.documentElement.lang = locale;
    this.locale = locale;
    void languageItem.setValue(locale).catch(() => undefined);
    return locale;
  }

  /** The texts of parts about to show, in English (the fallback) and the current language. */
  async need(parts: Part[]): Promise<void> {
    for (const p of parts) this.parts.add(p);
    const namespaces = parts.flatMap((p) => PARTS[p]);
    await Promise.all([...new Set([DEFAULT_LOCALE, this.locale])].flatMap((locale) => namespaces.map((ns) => loadNamespace(locale, ns))));
  }

  private namespaces(): Namespace[] {
    return [...CORE, ...[...this.parts].flatMap((p) => PARTS[p])];
  }
}

export const i18n = new I18n();

/** Before the first render: the language the panel last showed (or the browser's), so it does not flash English. */
export async function startI18n(): Promise<void> {
  const last = await languageItem.getValue().catch(() => null);
  await i18n.use(last).catch(() => undefined);
}

/** Translate: typed keys and placeholders from the English catalogue; reads the locale rune so callers re-render. */
export const t: TFunction = ((...args: unknown[]) => {
  void i18n.locale;
  return (i18next.t as unknown as (...a: unknown[]) => string)(...args);
}) as unknown as TFunction;
