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
