// The chat widget's texts in each language, from the shared catalogue, and which language a visitor gets.
import enWidget from "../../../shared/i18n/en/widget.json";
import itWidget from "../../../shared/i18n/it/widget.json";
import koWidget from "../../../shared/i18n/ko/widget.json";
import ptWidget from "../../../shared/i18n/pt-BR/widget.json";
import { DEFAULT_LOCALE, matchLocale, type Locale } from "../../../shared/i18n/locales";

export const WIDGET_TEXTS: Record<Locale, Record<string, string>> = { en: enWidget, ko: koWidget, "pt-BR": ptWidget, it: itWidget };

/** `lang` is what the widget sends: its `data-lang`, the visitor's languages, the storefront's, comma-separated. */
export function widgetLanguage(lang: string | null): { language: Locale; texts: Record<string, string> } {
  const language = matchLocale((lang ?? "").split(",").slice(0, 12)) ?? DEFAULT_LOCALE;
  return { language, texts: WIDGET_TEXTS[language] };
}
