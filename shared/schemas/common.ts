// Primitives shared by every schema: ids, roles, channels, statuses, ISO times.
import { z } from "zod";

export const Role = z.enum(["owner", "admin", "manager", "support", "analyst"]);
export type Role = z.infer<typeof Role>;
/** Roles that may use the inbox; anything else (e.g. analyst) is refused. */
export const INBOX_ROLES: readonly Role[] = ["owner", "admin", "manager", "support"];

export const Channel = z.enum(["sms", "webchat", "email"]);
export type Channel = z.infer<typeof Channel>;

export const TicketStatus = z.enum(["open", "snoozed", "closed"]);
export type TicketStatus = z.infer<typeof TicketStatus>;

export const SnoozePreset = z.enum(["later_today", "tomorrow", "next_week"]);
export type SnoozePreset = z.infer<typeof SnoozePreset>;

export const SmsConsent = z.enum(["marketing", "transactional"]).nullable();
export type SmsConsent = z.infer<typeof SmsConsent>;

export const IsoTime = z.string().datetime({ offset: true });
export const Id = z.string().min(1).max(128);

/** Hierarchical tag such as `shipping/delayed`: lowercase words separated by `/`. */
export const Tag = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(64)
  .regex(/^[\p{L}\p{N}_-]+( ?[\p{L}\p{N}_-]+)*(\/[\p{L}\p{N}_-]+( ?[\p{L}\p{N}_-]+)*)*$/u, "tags are words separated by '/'");
export const MAX_TAGS = 8;
export const Tags = z.array(Tag).max(MAX_TAGS, `a ticket has at most ${MAX_TAGS} tags`);

/** Whether Intl knows the IANA time zone. */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
