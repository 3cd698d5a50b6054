// GET and PUT /api/settings answers (docs/api.md §10): the settings with `{ set }` in place of each secret. Kept out of
// the schema index, so the side panel's first screen does not carry them (the settings screen loads them).
import { z } from "zod";
import { Channel } from "./common";
import { AutoResponderAudience, BusinessHours, type Settings } from "./settings";

const RoleLimitAnswer = z.object({ refund: z.number().nullable(), discount: z.number().nullable(), discountPercent: z.number().nullable() });
const SecretFlag = z.object({ set: z.boolean() });
/**
 * The stored settings as the worker answers them: every field present (the worker fills the defaults, so unlike
 * `Settings` this schema has none and a missing field fails the parse instead of being filled in here).
 */
const SettingsAnswer = z.object({
  timezone: z.string(),
  unreadBadge: z.boolean(),
  sms: z.object({
    fromNumber: z.string().nullable(),
    autoResponder: z.object({ audience: AutoResponderAudience, text: z.string() }),
    shortenLinks: z.boolean(),
    attributionWindowHours: z.number().int(),
    quietHours: z.object({ start: z.string(), end: z.string() }),
    keywords: z.object({ optIn: z.array(z.string()), helpReply: z.string().nullable() }),
  }),
  email: z.object({
    inboundAddress: z.string().nullable(),
    supportAddress: z.string().nullable(),
    notifyRecipients: z.array(z.string()),
    signature: z.string(),
  }),
  webchat: z.object({
    welcomeMessage: z.string(),
    businessHours: BusinessHours,
    inHoursReply: z.string(),
    outOfHoursReply: z.string(),
    allowedOrigins: z.array(z.string()),
  }),
  shopify: z.object({ shopDomain: z.string().nullable(), countryCode: z.string() }),
  orders: z.object({ limits: z.object({ admin: RoleLimitAnswer, manager: RoleLimitAnswer, support: RoleLimitAnswer }) }),
  sla: z.object({
    policies: z.array(
      z.object({
        name: z.string(),
        channels: z.array(Channel),
        tags: z.array(z.string()),
        firstResponseMinutes: z.number().nullable(),
        resolutionMinutes: z.number().nullable(),
        businessHours: z.boolean(),
      }),
    ),
    soonMinutes: z.number(),
  }),
  csat: z.object({ channels: z.array(Channel), delayMinutes: z.number(), question: z.string().nullable() }),
  brand: z.object({ logoUrl: z.string().nullable(), accentColor: z.string().nullable(), privacyUrl: z.string().nullable(), termsUrl: z.string().nullable() }),
});
/** Fails to compile when `Settings` gains, loses or changes a field that the answer above does not. */
const settingsAnswerInSync: [z.infer<typeof SettingsAnswer>, Settings] extends [Settings, z.infer<typeof SettingsAnswer>] ? true : never = true;
void settingsAnswerInSync;
/** GET and PUT /api/settings: the settings with `{ set }` in place of each secret. */
export const SettingsView = SettingsAnswer.extend({
  sms: SettingsAnswer.shape.sms.extend({ accountSid: SecretFlag, authToken: SecretFlag }),
  shopify: SettingsAnswer.shape.shopify.extend({ adminToken: SecretFlag, webhookSecret: SecretFlag }),
  events: z.object({ signingSecret: SecretFlag }),
});
export type SettingsView = z.infer<typeof SettingsView>;
