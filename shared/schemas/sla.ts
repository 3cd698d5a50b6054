// SLA policies (docs/api.md §18): first-response and resolution targets per channel and tag, in business hours when
// the policy says so; a ticket's due time as listings show it; the SLA section of the reports.
import { z } from "zod";
import { Channel, Tag } from "./common";

export const SlaTargetKind = z.enum(["response", "resolution"]);
export type SlaTargetKind = z.infer<typeof SlaTargetKind>;

const Minutes = z
  .number()
  .int()
  .min(1)
  .max(60 * 24 * 60)
  .nullable()
  .default(null);

export const SlaPolicy = z
  .object({
    name: z.string().trim().min(1).max(60),
    /** Empty: every channel. */
    channels: z.array(Channel).max(3).default([]),
    /** Empty: any ticket; else tickets with one of these tags (or a tag under one). */
    tags: z.array(Tag).max(10).default([]),
    firstResponseMinutes: Minutes,
    resolutionMinutes: Minutes,
    /** Count only the workspace's business hours (Settings → Web chat's weekly schedule). */
    businessHours: z.boolean().default(false),
  })
  .strict()
  .refine((p) => p.firstResponseMinutes !== null || p.resolutionMinutes !== null, "a policy needs a first-response or a resolution target");
export type SlaPolicy = z.infer<typeof SlaPolicy>;

export const SlaSettings = z.object({
  /** In order: the first that fits a ticket applies. */
  policies: z
    .array(SlaPolicy)
    .max(20)
    .refine((ps) => new Set(ps.map((p) => p.name.toLowerCase())).size === ps.length, "each policy name once")
    .default([]),
  /** "Breaching soon": due within this many minutes (or overdue). */
  soonMinutes: z.number().int().min(5).max(1440).default(30),
});

/** On a ticket summary: the target due first, when, and whether it is already missed. */
export const SummarySla = z.object({ policy: z.string(), target: SlaTargetKind, dueAt: z.string(), breached: z.boolean() });
export type SummarySla = z.infer<typeof SummarySla>;

const SlaCell = z.object({ achieved: z.number().int(), breached: z.number().int() });
/** One group's targets that ended in the range: first response and resolution, achieved and missed. */
export const SlaReportRow = z.object({ key: z.string(), name: z.string(), response: SlaCell, resolution: SlaCell });
export const ReportSla = z.object({
  totals: z.object({ response: SlaCell, resolution: SlaCell }),
  byChannel: z.array(SlaReportRow),
  byAgent: z.array(SlaReportRow),
  byPolicy: z.array(SlaReportRow),
});
export type ReportSla = z.infer<typeof ReportSla>;
