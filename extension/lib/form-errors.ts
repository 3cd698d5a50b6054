// Zod issues as one message per form field ("shopify.shopDomain" → "shop domain like …"), for inline errors.
import type { ZodError } from "zod";

export function fieldErrors(error: ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".");
    out[key] ??= issue.message;
  }
  return out;
}
