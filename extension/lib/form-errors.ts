// Zod issues as one message per form field ("shopify.shopDomain" → "shop domain like …"), for inline errors, in the
// agent's language: the schemas' own messages are written for developers, so known fields get a catalogue message.
import type { ZodError } from "zod";
import { t } from "./i18n.svelte";

const FIELD_MESSAGES: Record<string, () => string> = {
  "shopify.shopDomain": () => t("settings.errors.shopDomain"),
  "shopify.countryCode": () => t("settings.errors.countryCode"),
};

/** The message shown beside a field the schema refused. */
const messageFor = (field: string): string => FIELD_MESSAGES[field]?.() ?? t("settings.errors.invalid");

export function fieldErrors(error: ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".");
    out[key] ??= messageFor(key);
  }
  return out;
}
