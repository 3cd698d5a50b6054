// The panel's and options page's language: i18next over the shared catalogue (English bundled, the others loaded when
// chosen), with the current locale in a rune so every `t(...)` in a template re-renders when the agent switches.
// Dates, times, numbers and money go through Intl in the same locale (lib/format.ts).
import i18next, { type TFunction } from "i18next";
import { en } from "../../shared/i18n/catalogue";
import { DEFAULT_LOCALE, matchLocale, type Locale } from "../../shared/i18n/locales";
import { languageItem } from "./storage";

const LOADERS: Record<Exclude<Locale, "en">, () => Promise<{ default: unknown }>> = {
  ko: () => import("../../shared/i18n/ko/index"),
  "pt-BR": () => import("../../shared/i18n/pt-BR/index"),
  it: () => import("../../shared/i18n/it/index"),
};

/** Keys a render asked for that the catalogue lacks (tests and the e2e fail on any). */
export const missingKeys: string[] = [];

void i18next.init({
  lng: DEFAULT_LOCALE,
  fallbackLng: DEFAULT_LOCALE,
  resources: { en: { translation: en } },
  interpolation: { escapeValue: false }, // Svelte renders text, never HTML
  initAsync: false,
  saveMissing: true,
  missingKeyHandler: (_lngs, _ns, key) => {
    missingKeys.push(key);
    console.error(`missing i18n key: ${key}`);
  },
});

class I18n {
  locale = $state<Locale>(DEFAULT_LOCALE);

  /** Switches to the agent's language (null: the browser's), loading its catalogue first. */
  async use(preferred: string | null): Promise<Locale> {
    const locale = matchLocale([preferred, ...(typeof navigator === "undefined" ? [] : navigator.languages)]) ?? DEFAULT_LOCALE;
    if (locale !== "en" && !i18next.hasResourceBundle(locale, "translation")) {
      const { default: messages } = await LOADERS[locale]();
      i18next.addResourceBundle(locale, "translation", messages);
    }
    await i18next.changeLanguage(locale);
    if (typeof document !== "undefined") document.documentElement.lang = locale;
    this.locale = locale;
    void languageItem.setValue(locale).catch(() => undefined);
    return locale;
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
