// The customer (profile) and what the API shows about them.
import { z } from "zod";
import { IsoTime, SmsConsent } from "./common";

export const ProfileRef = z.object({
  id: z.string(),
  name: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
});
export type ProfileRef = z.infer<typeof ProfileRef>;

/** Where a profile's place came from, most precise first (worker/src/domain/customer-place.ts). */
export const PlaceSource = z.enum(["store_address", "webchat_visitor", "phone_area_code", "phone_country"]);
export type PlaceSource = z.infer<typeof PlaceSource>;

export const Profile = ProfileRef.extend({
  /** IANA zone, when known (quiet hours and "local time" use it; else the workspace's). */
  timezone: z.string().nullable(),
  /** "Portland, Oregon": below the country, when known. */
  location: z.string().nullable(),
  /** ISO 3166-1 alpha-2, when known. */
  country: z.string().nullable().default(null),
  placeSources: z.object({ location: PlaceSource.nullable(), timezone: PlaceSource.nullable() }).default({ location: null, timezone: null }),
  smsConsent: SmsConsent,
  blocked: z.boolean(),
  storeCustomerId: z.string().nullable(),
  createdAt: IsoTime,
});
export type Profile = z.infer<typeof Profile>;

export const ActivityEvent = z.object({
  id: z.string(),
  metric: z.string(),
  properties: z.record(z.unknown()),
  at: IsoTime,
});
export type ActivityEvent = z.infer<typeof ActivityEvent>;

/** Predictive stats on a profile (see worker/src/domain/profile-stats.ts for how each is computed). */
export const ProfileStats = z.object({
  lifetimeValue: z.number(),
  currency: z.string().nullable(),
  orderCount: z.number().int(),
  cancelledCount: z.number().int(),
  lastOrderAt: IsoTime.nullable(),
  averageDaysBetweenOrders: z.number().nullable(),
  expectedNextOrderAt: IsoTime.nullable(),
  churnRisk: z.enum(["low", "medium", "high"]).nullable(),
  ticketCount: z.number().int(),
});
export type ProfileStats = z.infer<typeof ProfileStats>;
