// Workspace settings (docs/api.md §10 Settings). Secrets are write-only: GET shows `{ set: boolean }` in their place.
import { z } from "zod";
import { isTimeZone } from "./common";
import { OrderLimits } from "./order-action";
import { SlaSettings } from "./sla";
import { CsatSettings } from "./csat";
import { BUILT_IN_KEYWORDS } from "../rules/keywords";

/** A workspace's own opt-in word: one word of letters and digits (stored upper case), not one of the carriers' words. */
const OptInKeyword = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9]{2,20}$/, "one word of 2–20 letters or digits")
  .transform((w) => w.toUpperCase())
  .refine((w) => !BUILT_IN_KEYWORDS.includes(w), "already a carrier keyword (STOP, START, HELP…)");

export const AutoResponderAudience = z.enum(["all", "non_consented", "off"]);

const Hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "time as HH:MM");
export const Weekday = z.enum(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]);
export const BusinessHours = z.record(Weekday, z.array(z.object({ start: Hhmm, end: Hhmm })).max(4));

/** `https://shop.example` — scheme, host and optional port, nothing else. */
export const WebOrigin = z
  .string()
  .refine((u) => {
    try {
      const url = new URL(u);
      return /^https?:$/.test(url.protocol) && url.origin === u.replace(/\/$/, "");
    } catch {
      return false;
    }
  }, "an origin like https://shop.example")
  .transform((u) => new URL(u).origin);

/** An https:// address (customer-facing links and images are never plain http or anything else). */
const HttpsUrl = z
  .string()
  .max(500)
  .url()
  .refine((u) => u.startsWith("https://"), "an https:// address");

export const DEFAULT_AUTO_RESPONDER_TEXT = "{{Organization prefix}}: we can't reply because you have not consented to receive SMS. For help contact {{email}}";

/** The stored (and returned) non-secret settings, with defaults filled in. */
export const Settings = z.object({
  timezone: z.string().default("UTC"),
  unreadBadge: z.boolean().default(true),
  sms: z
    .object({
      fromNumber: z.string().nullable().default(null),
      autoResponder: z
        .object({
          audience: AutoResponderAudience.default("non_consented"),
          text: z.string().max(480).default(DEFAULT_AUTO_RESPONDER_TEXT),
        })
        .default({}),
      shortenLinks: z.boolean().default(true),
      attributionWindowHours: z
        .number()
        .int()
        .min(1)
        .max(24 * 30)
        .default(24),
      quietHours: z.object({ start: Hhmm.default("20:00"), end: Hhmm.default("08:00") }).default({}),
      /** The workspace's own opt-in words (besides START, YES, UNSTOP, JOIN) and its HELP reply (null: the standard one). */
      keywords: z
        .object({
          optIn: z.array(z.string()).max(10).default([]),
          helpReply: z.string().max(480).nullable().default(null),
        })
        .default({}),
    })
    .default({}),
  email: z
    .object({
      inboundAddress: z.string().email().nullable().default(null),
      supportAddress: z.string().email().nullable().default(null),
      notifyRecipients: z.array(z.string().email()).max(20).default([]),
      /** Added under every email reply (plain text; links become links in the HTML part). */
      signature: z.string().max(2000).default(""),
    })
    .default({}),
  webchat: z
    .object({
      welcomeMessage: z.string().max(1000).default("Hi! How can we help?"),
      businessHours: BusinessHours.default({}),
      inHoursReply: z.string().max(1000).default("Thanks for your message, we'll be with you shortly."),
      outOfHoursReply: z.string().max(1000).default("We're away right now; we'll reply as soon as we're back."),
      /** Storefront origins allowed to start chats (and to be linked from follow-up emails). Empty: any origin. */
      allowedOrigins: z.array(z.string()).max(20).default([]),
    })
    .default({}),
  // countryCode: the shop's country, used to read customers' national-format phone numbers as E.164.
  shopify: z
    .object({
      shopDomain: z.string().nullable().default(null),
      countryCode: z
        .string()
        .regex(/^[A-Z]{2}$/)
        .default("US"),
    })
    .default({}),
  /** Per-role limits on refunds and discounts an agent gives without an admin's approval (owners have none). */
  orders: z.object({ limits: OrderLimits.default({}) }).default({}),
  /** SLA policies (docs/api.md §18). */
  sla: SlaSettings.default({}),
  /** Satisfaction surveys (docs/api.md §19). */
  csat: CsatSettings.default({}),
  /** The brand in customer-facing email and pages: logo, accent colour, policy links (docs/api.md §7.4). */
  brand: z
    .object({
      logoUrl: z.string().nullable().default(null),
      accentColor: z.string().nullable().default(null),
      privacyUrl: z.string().nullable().default(null),
      termsUrl: z.string().nullable().default(null),
    })
    .default({}),
});
export type Settings = z.infer<typeof Settings>;

/** Secrets, stored AES-GCM encrypted. Never returned. */
export const Secrets = z.object({
  smsAccountSid: z.string().optional(),
  smsAuthToken: z.string().optional(),
  shopifyAdminToken: z.string().optional(),
  shopifyWebhookSecret: z.string().optional(),
  eventsSigningSecret: z.string().optional(),
});
export type Secrets = z.infer<typeof Secrets>;

const secret = z.string().min(1).max(500).nullable();
/** PUT /api/settings body: any subset; secrets may be set (string) or cleared (null). */
export const SettingsUpdate = z
  .object({
    timezone: z.string().refine(isTimeZone, "unknown IANA time zone").optional(),
    unreadBadge: z.boolean().optional(),
    sms: z
      .object({
        accountSid: secret.optional(),
        authToken: secret.optional(),
        fromNumber: z
          .string()
          .regex(/^\+[1-9]\d{6,14}$/, "E.164 number")
          .nullable()
          .optional(),
        autoResponder: z
          .object({ audience: AutoResponderAudience.optional(), text: z.string().min(1).max(480).optional() })
          .strict()
          .optional(),
        shortenLinks: z.boolean().optional(),
        attributionWindowHours: z
          .number()
          .int()
          .min(1)
          .max(24 * 30)
          .optional(),
        quietHours: z.object({ start: Hhmm.optional(), end: Hhmm.optional() }).strict().optional(),
        keywords: z
          .object({
            optIn: z
              .array(OptInKeyword)
              .max(10)
              .refine((ws) => new Set(ws).size === ws.length, "each keyword once")
              .optional(),
            helpReply: z.string().trim().min(1).max(480).nullable().optional(),
          })
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
    email: z
      .object({
        inboundAddress: z.string().email().nullable().optional(),
        supportAddress: z.string().email().nullable().optional(),
        notifyRecipients: z.array(z.string().email()).max(20).optional(),
        signature: z.string().max(2000).optional(),
      })
      .strict()
      .optional(),
    webchat: z
      .object({
        welcomeMessage: z.string().max(1000).optional(),
        businessHours: BusinessHours.optional(),
        inHoursReply: z.string().max(1000).optional(),
        outOfHoursReply: z.string().max(1000).optional(),
        allowedOrigins: z.array(WebOrigin).max(20).optional(),
      })
      .strict()
      .optional(),
    shopify: z
      .object({
        shopDomain: z
          .string()
          .regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/, "shop domain like your-store.myshopify.com")
          .nullable()
          .optional(),
        countryCode: z
          .string()
          .regex(/^[A-Z]{2}$/, "ISO 3166-1 alpha-2 country code")
          .optional(),
        adminToken: secret.optional(),
        webhookSecret: secret.optional(),
      })
      .strict()
      .optional(),
    events: z.object({ signingSecret: secret.optional() }).strict().optional(),
    orders: z.object({ limits: OrderLimits }).strict().optional(),
    sla: z.object({ policies: SlaSettings.shape.policies.optional(), soonMinutes: SlaSettings.shape.soonMinutes.optional() }).strict().optional(),
    brand: z
      .object({
        logoUrl: HttpsUrl.nullable().optional(),
        accentColor: z
          .string()
          .regex(/^#[0-9a-fA-F]{6}$/, "a colour like #1f6feb")
          .nullable()
          .optional(),
        privacyUrl: HttpsUrl.nullable().optional(),
        termsUrl: HttpsUrl.nullable().optional(),
      })
      .strict()
      .optional(),
    csat: z
      .object({
        channels: CsatSettings.shape.channels.optional(),
        delayMinutes: CsatSettings.shape.delayMinutes.optional(),
        question: CsatSettings.shape.question.optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type SettingsUpdate = z.infer<typeof SettingsUpdate>;
