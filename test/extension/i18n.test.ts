// The message catalogue is complete in every language: each English key exists in Korean, Portuguese (Brazil) and
// Italian (plural keys in the forms each language's plural rules need), with the same {{placeholders}}, nothing extra.
import { describe, expect, it } from "vitest";
import { en } from "../../shared/i18n/catalogue";
import { LOCALES, matchLocale } from "../../shared/i18n/locales";
import it_ from "../../shared/i18n/it/index";
import ko from "../../shared/i18n/ko/index";
import ptBR from "../../shared/i18n/pt-BR/index";

const CATALOGUES: Record<string, unknown> = { ko, "pt-BR": ptBR, it: it_ };
const PLURAL = /_(zero|one|two|few|many|other)$/;

function flatten(value: unknown, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === "string") out.set(prefix, value);
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) for (const [key, text] of flatten(v, prefix ? `${prefix}.${k}` : k)) out.set(key, text);
  return out;
}
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]).sort();

/** The keys a language must have: plain keys as in English; a plural key in each form the language's rules use. */
function expectedKeys(locale: string): Map<string, string> {
  const want = new Map<string, string>();
  const forms = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
  for (const [key, text] of flatten(en)) {
    if (!PLURAL.test(key)) want.set(key, text);
    else for (const form of forms) want.set(key.replace(PLURAL, `_${form}`), text);
  }
  return want;
}

describe("message catalogue", () => {
  it("English has text for every key, and plural keys come as _one and _other", () => {
    const keys = flatten(en);
    expect(keys.size).toBeGreaterThan(100);
    for (const [key, text] of keys) expect(text.trim(), key).not.toBe("");
    for (const key of keys.keys()) if (key.endsWith("_one")) expect(keys.has(key.replace(/_one$/, "_other")), key).toBe(true);
  });

  it.each(Object.keys(CATALOGUES))("%s has every key, with the same placeholders, and nothing English lacks", (locale) => {
    const have = flatten(CATALOGUES[locale]);
    const want = expectedKeys(locale);
    expect(
      [...want.keys()].filter((k) => !have.has(k)),
      "missing",
    ).toEqual([]);
    const extra = [...have.keys()].filter((k) => !want.has(k) && !(PLURAL.test(k) && want.has(k.replace(PLURAL, "_other"))));
    expect(extra, "not in English").toEqual([]);
    for (const [key, text] of have) {
      expect(text.trim(), `${locale} ${key}`).not.toBe("");
      const source = want.get(key) ?? want.get(key.replace(PLURAL, "_other"));
      if (source !== undefined) expect(placeholders(text), `${locale} ${key}`).toEqual(placeholders(source));
    }
  });

  it("picks a supported language from a browser's or visitor's preferences", () => {
    expect(LOCALES).toEqual(["en", "ko", "pt-BR", "it"]);
    expect(matchLocale(["ko-KR", "en"])).toBe("ko");
    expect(matchLocale(["pt-PT"])).toBe("pt-BR");
    expect(matchLocale(["pt_br"])).toBe("pt-BR");
    expect(matchLocale(["fr-FR", "it-IT"])).toBe("it");
    expect(matchLocale(["fr-FR", "de"])).toBeNull();
    expect(matchLocale([null, "", "EN-gb"])).toBe("en");
  });
});
