// Small display helpers in the agent's language: names, initials, relative and absolute times, numbers, channel labels.
import type { Channel, ProfileRef } from "../../shared/schemas";
import { i18n, t } from "./i18n.svelte";

export function displayName(p: ProfileRef): string {
  return p.name?.trim() || p.email || p.phone || t("common.unknownCustomer");
}

/** "Jane Cooper" → "JC"; "" when the name has no letters (e.g. only a phone number). */
export function initials(name: string): string {
  const words = name
    .replace(/[^\p{L}\s]/gu, " ")
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  if (!words.length) return "";
  return ((words[0]![0] ?? "") + (words.length > 1 ? (words[words.length - 1]![0] ?? "") : "")).toUpperCase();
}

/** The agent's locale, read through the i18n rune so a template using these re-renders on a language switch. */
const loc = () => i18n.locale;

/** "now", "5m", "3h", "Tue", "Mar 4" — compact times for list rows, in the agent's language. */
export function shortTime(iso: string, now = new Date()): string {
  const at = new Date(iso);
  const s = Math.round((now.getTime() - at.getTime()) / 1000);
  const unit = (n: number, u: "minute" | "hour") => new Intl.NumberFormat(loc(), { style: "unit", unit: u, unitDisplay: "narrow" }).format(n);
  if (s < 60) return t("common.now");
  if (s < 3600) return unit(Math.floor(s / 60), "minute");
  if (s < 86_400) return unit(Math.floor(s / 3600), "hour");
  if (s < 6 * 86_400) return at.toLocaleDateString(loc(), { weekday: "short" });
  return at.toLocaleDateString(loc(), { month: "short", day: "numeric", ...(at.getFullYear() !== now.getFullYear() ? { year: "numeric" } : {}) });
}

/** "14:05" or "2:05 PM", as the agent's language writes a time of day; in `timeZone` when given. */
export function shortClock(iso: string, timeZone?: string): string {
  return new Date(iso).toLocaleTimeString(loc(), { hour: "numeric", minute: "2-digit", timeZone });
}

/** "today 14:05", "tomorrow 09:00", "Mon, Mar 4, 09:00" — days counted in `timeZone` (the workspace's for snooze
 *  presets) or the browser's. */
export function whenLabel(iso: string, now = new Date(), timeZone?: string): string {
  const at = new Date(iso);
  const time = shortClock(iso, timeZone);
  const dayNumber = (d: Date) => {
    const p = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "numeric", day: "numeric" }).formatToParts(d);
    const get = (type: string) => Number(p.find((x) => x.type === type)?.value);
    return Date.UTC(get("year"), get("month") - 1, get("day")) / 86_400_000;
  };
  const diff = dayNumber(at) - dayNumber(now);
  if (Math.abs(diff) <= 1) return `${new Intl.RelativeTimeFormat(loc(), { numeric: "auto" }).format(diff, "day")} ${time}`;
  return `${at.toLocaleDateString(loc(), { weekday: "short", month: "short", day: "numeric", timeZone })}, ${time}`;
}

export function fullTime(iso: string, timeZone?: string): string {
  return new Date(iso).toLocaleString(loc(), { dateStyle: "medium", timeStyle: "short", timeZone });
}

/** A date without time ("Aug 4, 2026"). */
export function shortDate(iso: string): string {
  return new Date(iso).toLocaleDateString(loc(), { dateStyle: "medium" });
}

/** 10 → "10%" as the agent's language writes it. */
export function percent(n: number): string {
  return new Intl.NumberFormat(i18n.locale, { style: "percent", maximumFractionDigits: 2 }).format(n / 100);
}

/** A count in the agent's language ("1,234" / "1.234"). */
export function number(n: number): string {
  return new Intl.NumberFormat(loc()).format(n);
}

/** "SMS", "Web chat", "Email" in the agent's language. */
export const channelLabel = (c: Channel): string => t(`common.channel.${c}`);

/** Text split into plain runs and http(s) links, so links can be anchors while everything stays text. */
export function linkify(text: string): { text: string; href: string | null }[] {
  const out: { text: string; href: string | null }[] = [];
  const re = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/gi;
  let last = 0;
  for (const m of text.matchAll(re)) {
    if (m.index > last) out.push({ text: text.slice(last, m.index), href: null });
    out.push({ text: m[0], href: m[0] });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last), href: null });
  return out;
}
