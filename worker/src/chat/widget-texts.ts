// The chat widget's texts in each language, from the shared catalogue, and which language a visitor gets.
import enWidget from "../../../shared/i18n/en/widget.json";
import itWidget from "../../../shared/i18n/it/widget.json";
import koWidget from "../../../shared/i18n/ko/widget.json";
import ptWidget from "../../../shared/i18n/pt-BR/widget.json";
import { DEFAULT_LOCALE, matchLocale, type Locale } from "../../../shared/i18n/locales";

export const WIDGET_TEXTS: Record<Locale, Record<string, string>> = { en: enWidget, ko: koWidget, "pt-BR": ptWidget, it: itWidget };

/** Texts only the survey page (routes/survey.ts) and the survey message use: the widget itself does not carry them. */
const SURVEY_PAGE_ONLY = new Set(["surveyQuestion", "surveyLink", "surveyComment", "surveySend", "surveyChange", "surveyInvalid", "surveyTitle"]);

/** The texts the widget gets for a language (inside its script for English, with /chat/:ws/config for the others). */
export const widgetTexts = (locale: Locale): Record<string, string> =>
  Object.fromEntries(Object.entries(WIDGET_TEXTS[locale]).filter(([key]) => !SURVEY_PAGE_ONLY.has(key)));

/** `lang` is what the widget sends: its `data-lang`, the visitor's languages, the storefront's, comma-separated. */
export function widgetLanguage(lang: string | null): { language: Locale; texts: Record<string, string> } {
  const language = matchLocale((lang ?? "").split(",").slice(0, 12)) ?? DEFAULT_LOCALE;
  return { language, texts: widgetTexts(language) };
}
