// Reporting (docs/api.md §12 Reports): GET /api/reports query and answer — volume, first response and resolution, per day, channel, agent and tag.
import { z } from "zod";
import { ReportSla } from "./sla";
import { ReportCsat } from "./csat";
import { Channel } from "./common";

/** A calendar date, `2026-03-04`, read in the workspace time zone. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "use YYYY-MM-DD")
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), "not a real date");

export const MAX_REPORT_DAYS = 366;

export const ReportQuery = z
  .object({
    from: IsoDate.optional(),
    to: IsoDate.optional(),
    channel: Channel.optional(),
  })
  .strict();
export type ReportQuery = z.infer<typeof ReportQuery>;

const Seconds = z.number().nonnegative().nullable();

export const ReportTotals = z.object({
  /** Tickets created in the range. */
  created: z.number().int(),
  /** Tickets whose latest close falls in the range (a reopened ticket counts again only when closed again). */
  resolved: z.number().int(),
  /** Open right now (not snoozed, not closed), whatever the range. */
  openNow: z.number().int(),
  medianFirstResponseSeconds: Seconds,
  p90FirstResponseSeconds: Seconds,
  medianResolutionSeconds: Seconds,
});

export const ReportDay = z.object({ date: IsoDate, created: z.number().int(), resolved: z.number().int() });
export const ReportChannel = z.object({
  channel: Channel,
  created: z.number().int(),
  resolved: z.number().int(),
  medianFirstResponseSeconds: Seconds,
  medianResolutionSeconds: Seconds,
});
export const ReportAgent = z.object({
  /** null: the tickets nobody is assigned to. */
  agentId: z.string().nullable(),
  name: z.string(),
  /** Created in the range and assigned to this agent now. */
  assigned: z.number().int(),
  /** Closed in the range while assigned to this agent. */
  resolved: z.number().int(),
  /** Over the tickets created in the range that this agent answered first. */
  medianFirstResponseSeconds: Seconds,
});
export const ReportTag = z.object({ tag: z.string(), created: z.number().int(), resolved: z.number().int(), medianResolutionSeconds: Seconds });

const Money = z.object({ currency: z.string(), amount: z.string() });
/** Refunds, discount codes and replacement orders given in the range (every channel), by agent and by reason. */
export const ReportCompensation = z.object({
  totals: z.array(z.object({ kind: z.enum(["refund", "discount", "replacement"]), actions: z.number().int(), ...Money.shape })),
  byAgent: z.array(
    z.object({
      agentId: z.string(),
      name: z.string(),
      actions: z.number().int(),
      refunds: z.string(),
      discounts: z.string(),
      replacements: z.string(),
      currency: z.string(),
    }),
  ),
  byReason: z.array(z.object({ reason: z.string(), actions: z.number().int(), ...Money.shape })),
});
export type ReportCompensation = z.infer<typeof ReportCompensation>;

export const Report = z.object({
  range: z.object({ from: IsoDate, to: IsoDate, timezone: z.string(), channel: Channel.nullable() }),
  totals: ReportTotals,
  volume: z.array(ReportDay),
  byChannel: z.array(ReportChannel),
  byAgent: z.array(ReportAgent),
  byTag: z.array(ReportTag),
  compensation: ReportCompensation,
  /** SLA targets that ended in the range (docs/api.md §18). */
  sla: ReportSla,
  /** Satisfaction surveys sent in the range (docs/api.md §19). */
  csat: ReportCsat,
});
export type Report = z.infer<typeof Report>;
export type ReportAgent = z.infer<typeof ReportAgent>;
export type ReportTag = z.infer<typeof ReportTag>;
