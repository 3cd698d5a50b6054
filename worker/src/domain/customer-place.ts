// The customer's place and time zone from what is known, most precise first: the store's customer address, the
// location Cloudflare attaches to a web-chat visitor's request, the phone number's area code, its country.
// Each value records its source; a less precise source never overwrites a more precise one (db/profile-place.ts).
import { getCountry } from "countries-and-timezones";
import { parsePhoneNumberFromString } from "libphonenumber-js";
import PHONE_ZONES from "./data/phone-time-zones.json";

import type { PlaceSource } from "../../../shared/schemas";

export type { PlaceSource };
/** Higher is more precise. */
export const PLACE_RANK: Record<PlaceSource, number> = { store_address: 4, webchat_visitor: 3, phone_area_code: 2, phone_country: 1 };

export interface Place {
  /** "Portland, Oregon": what is known below the country, or null. */
  location: string | null;
  /** ISO 3166-1 alpha-2. */
  country: string | null;
  timezone: string | null;
  source: PlaceSource;
}

const zones = PHONE_ZONES as Record<string, string>;
const valid = (zone: string | null | undefined): string | null => {
  if (!zone) return null;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return zone;
  } catch {
    return null;
  }
};
const joined = (...parts: (string | null | undefined)[]) =>
  parts
    .map((p) => p?.trim())
    .filter(Boolean)
    .join(", ") || null;

/** A phone number's country, and its zone from libphonenumber's prefix map (area code for North America). */
export function placeFromPhone(e164: string | null): Place | null {
  const parsed = e164 ? parsePhoneNumberFromString(e164) : undefined;
  if (!parsed?.country) return null;
  const digits = parsed.number.slice(1);
  let prefix = digits;
  while (prefix && !zones[prefix]) prefix = prefix.slice(0, -1);
  const zone = prefix ? valid(zones[prefix]) : null;
  const byArea = zone !== null && prefix.length > parsed.countryCallingCode.length;
  return { location: null, country: parsed.country, timezone: zone, source: byArea ? "phone_area_code" : "phone_country" };
}

/** What Cloudflare knows of a web-chat visitor's request (`request.cf`). */
export function placeFromVisitor(raw: object | undefined): Place | null {
  if (!raw) return null;
  const cf = raw as { city?: unknown; region?: unknown; country?: unknown; timezone?: unknown };
  const text = (v: unknown) => (typeof v === "string" && v.trim() && v !== "XX" && v !== "T1" ? v.trim() : null);
  const country = text(cf.country)?.toUpperCase() ?? null;
  const place: Place = { location: joined(text(cf.city), text(cf.region)), country, timezone: valid(text(cf.timezone)), source: "webchat_visitor" };
  return place.location || place.country || place.timezone ? place : null;
}

/** The store's customer address; its zone when the country keeps one clock, else from an area code in that country
 *  among the customer's phones (E.164). */
export function placeFromAddress(
  a: { city?: string | null; province?: string | null; country_code?: string | null } | null | undefined,
  phones: (string | null)[] = [],
): Place | null {
  const country = a?.country_code?.trim().toUpperCase() || null;
  if (!a || !country) return null;
  const countryZones = getCountry(country)?.timezones ?? [];
  const single = countryZones.length > 0 && sameClock(countryZones) ? countryZones[0]! : null;
  const fromPhone = phones.map(placeFromPhone).find((p) => p?.country === country && p.source === "phone_area_code");
  return { location: joined(a.city, a.province), country, timezone: valid(single) ?? fromPhone?.timezone ?? null, source: "store_address" };
}

/** Zones that read the same clock in winter and summer (a country such as Italy or Korea). */
function sameClock(list: string[]): boolean {
  const offset = (zone: string, at: Date) =>
    new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" }).formatToParts(at).find((p) => p.type === "timeZoneName")?.value;
  return [new Date(Date.UTC(2025, 0, 15)), new Date(Date.UTC(2025, 6, 15))].every((at) => new Set(list.map((z) => offset(z, at))).size === 1);
}
