// Provider webhook bodies: Twilio form fields, the generic events API.
import { z } from "zod";
import { IsoTime } from "./common";

const E164 = z.string().regex(/^\+[1-9]\d{6,14}$/, "E.164 phone number");

/** Twilio inbound SMS/MMS (form-encoded; only the fields Sidedesk uses). */
export const TwilioInbound = z
  .object({
    MessageSid: z.string().regex(/^(SM|MM)[0-9a-fA-F]{32}$/, "Twilio MessageSid"),
    AccountSid: z.string().optional(),
    From: E164,
    To: E164,
    Body: z.string().max(1600).default(""),
    NumMedia: z.coerce.number().int().min(0).max(10).default(0),
  })
  .passthrough();
export type TwilioInbound = z.infer<typeof TwilioInbound>;

export const TwilioStatus = z
  .object({
    MessageSid: z.string().min(10).max(64),
    MessageStatus: z.enum([
      "accepted",
      "scheduled",
      "queued",
      "sending",
      "sent",
      "delivered",
      "undelivered",
      "failed",
      "read",
      "receiving",
      "received",
      "canceled",
    ]),
    To: E164,
    ErrorCode: z.string().optional(),
  })
  .passthrough();
export type TwilioStatus = z.infer<typeof TwilioStatus>;

const ProfileKey = z
  .object({ phone: E164.optional(), email: z.string().email().optional(), name: z.string().max(200).optional() })
  .refine((p) => p.phone || p.email, "profile needs a phone or an email");

/** `POST /webhooks/:workspaceId/events` — outbound flow/campaign messages and profile activity. */
export const GenericEvent = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("outbound_message"),
    id: z.string().min(1).max(200),
    profile: ProfileKey,
    channel: z.literal("sms").default("sms"),
    source: z.enum(["flow", "campaign"]),
    name: z.string().min(1).max(200),
    text: z.string().min(1).max(1600),
    at: IsoTime.optional(),
  }),
  z.object({
    type: z.literal("activity"),
    id: z.string().min(1).max(200),
    profile: ProfileKey,
    metric: z.string().min(1).max(100),
    properties: z.record(z.unknown()).default({}),
    at: IsoTime.optional(),
  }),
]);
export type GenericEvent = z.infer<typeof GenericEvent>;
export const GenericEventsBody = z.object({ events: z.array(GenericEvent).min(1).max(100) });
