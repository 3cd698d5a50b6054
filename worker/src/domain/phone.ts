// Phone numbers as the store gives them ("(202) 555-0142", "+44 20 7946 0018") → E.164, read in a country.
import { isSupportedCountry, parsePhoneNumberFromString } from "libphonenumber-js";

/** E.164 form of `raw`, reading national formats as numbers of `country`; null when it is not a valid number. */
export function toE164(raw: string | null | undefined, country: string): string | null {
  if (!raw?.trim()) return null;
  const code = country.toUpperCase();
  const parsed = isSupportedCountry(code) ? parsePhoneNumberFromString(raw, code) : parsePhoneNumberFromString(raw);
  return parsed?.isValid() ? parsed.number : null;
}

/** How people read a stored number: international format with spaces ("+1 202 555 0101"); as stored when unparseable. */
export function displayPhone(e164: string | null): string | null {
  if (!e164) return null;
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}
