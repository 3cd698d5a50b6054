// Customer satisfaction (docs/api.md §19): after a ticket closes, one 1–5 question on its own channel — a signed short
// link to a small page (SMS, email) or inline in the web-chat widget — and the answers in the reports.
import { z } from "zod";
import { Channel } from "./common";

export const CsatSettings = z.object({
  /** The channels that ask (none: the survey is off). */
  channels: z.array(Channel).max(3).default([]),
  /** How long after the close the question goes out (a reopen before then cancels it). */
  delayMinutes: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60)
    .default(60),
  /** The question; null: the standard one in the customer's language. */
  question: z.string().trim().min(1).max(200).nullable().default(null),
});
export type CsatSettings = z.infer<typeof CsatSettings>;

/** An answer, from the survey page (form fields) or the widget (JSON). */
export const CsatAnswer = z
  .object({
    score: z.coerce.number().int().min(1, "a score from 1 to 5").max(5, "a score from 1 to 5"),
    comment: z.string().trim().max(1000).default(""),
  })
  .strict();
export type CsatAnswer = z.infer<typeof CsatAnswer>;

/** On a chat message that carries the survey: the token the widget answers with, and the answer so far. */
export const ChatSurvey = z.object({ token: z.string(), question: z.string(), score: z.number().int().nullable() });

const CsatRow = z.object({ key: z.string(), name: z.string(), sent: z.number().int(), answered: z.number().int(), satisfied: z.number().int() });
/** GET /api/reports `csat`: surveys sent in the range, answered, and satisfied (4 or 5); the latest comments. */
export const ReportCsat = z.object({
  totals: CsatRow.omit({ key: true, name: true }),
  byAgent: z.array(CsatRow),
  byChannel: z.array(CsatRow),
  byTag: z.array(CsatRow),
  comments: z.array(
    z.object({
      ticketId: z.string(),
      number: z.number().int().nullable(),
      channel: Channel,
      score: z.number().int(),
      comment: z.string(),
      answeredAt: z.string(),
    }),
  ),
});
export type ReportCsat = z.infer<typeof ReportCsat>;
