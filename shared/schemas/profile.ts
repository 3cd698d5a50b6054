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

export const Profile = ProfileRef.extend({
  timezone: z.string().nullable(),
  location: z.string().nullable(),
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
