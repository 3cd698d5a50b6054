// A ticket's state as its object stores it: one zod schema with a schema version, parsed on every read, and an upgrade
// from each older stored shape. Channel-specific data lives on the channel's branch of a discriminated union.
import { z } from "zod";
import { Attribution, ProfileRef, TicketStatus } from "../../../shared/schemas";

export const STATE_SCHEMA_VERSION = 2;

const EmailThread = z.object({
  subject: z.string(),
  rootId: z.string(),
  lastMessageId: z.string(),
  references: z.array(z.string()),
  /** Who else the customer's latest message went to: replies keep them on Cc. */
  cc: z.array(z.string()).default([]),
});

const SlaTarget = z.object({ startedAt: z.number(), dueAt: z.number(), breachedAt: z.number().nullable() });
/** The SLA targets running in the current open period (shared/rules/sla.ts); null without a policy. */
const Sla = z.object({ policy: z.string(), period: z.number(), response: SlaTarget.nullable(), resolution: SlaTarget.nullable() });

const Common = z.object({
  schemaVersion: z.literal(STATE_SCHEMA_VERSION),
  ticketId: z.string(),
  workspaceId: z.string(),
  /** False while the thread holds only keyword or flow/campaign messages: no ticket is listed yet. */
  opened: z.boolean(),
  number: z.number().int().nullable(),
  profile: ProfileRef,
  status: TicketStatus,
  snoozedUntil: z.number().nullable(),
  assigneeId: z.string().nullable(),
  followers: z.array(z.string()),
  tags: z.array(z.string()),
  description: z.string(),
  attribution: Attribution.nullable(),
  lastMarketing: z.object({ type: z.enum(["flow", "campaign"]), name: z.string(), at: z.number(), seq: z.number().int() }).nullable(),
  lastAttributedSeq: z.number().int().nullable(),
  lastInboundSeq: z.number().int(),
  blocked: z.boolean(),
  /** The origin the ticket was last reached at (Twilio status callbacks go there when no PUBLIC_URL is set). */
  origin: z.string().nullable(),
  /** Bumped by every commit; `projectedVersion` is what D1 has. */
  version: z.number().int(),
  projectedVersion: z.number().int(),
  indexedSeq: z.number().int(),
  createdAt: z.number(),
  updatedAt: z.number(),
  /** Reporting (see ticket-writer.ts): the first agent reply, when the current open period began, and its close. */
  firstResponseAt: z.number().nullable(),
  firstResponderId: z.string().nullable(),
  periodStartedAt: z.number(),
  closedAt: z.number().nullable(),
  /** Since when the customer waits for an agent: their first message asking for an answer after the last agent reply
   *  (keywords, automatic mail and notes do not start or end it); null once answered or closed. */
  waitingSince: z.number().nullable().default(null),
  /** Rules (ticket-rules.ts): when the ticket last became open, the last agent reply and customer message (the waiting
   *  clocks start from them), the number of the last rule event, and which clock start each waiting rule acted on. */
  openSince: z.number().nullable().default(null),
  lastAgentReplyAt: z.number().nullable().default(null),
  lastReplierId: z.string().nullable().default(null),
  lastCustomerAt: z.number().nullable().default(null),
  ruleEventSeq: z.number().int().default(0),
  ruleClocksFired: z.record(z.number()).default({}),
  sla: Sla.nullable().default(null),
  /** The satisfaction survey of the last closed period it was sent for (ticket-csat.ts). */
  csat: z
    .object({
      period: z.number(),
      surveyId: z.string(),
      token: z.string(),
      question: z.string().default(""),
      seq: z.number().int(),
      score: z.number().int().nullable(),
    })
    .nullable()
    .default(null),
});

export const TicketStateSchema = z.discriminatedUnion("channel", [
  Common.extend({ channel: z.literal("sms") }),
  /** Whether the customer's widget is connected (see ticket-chat.ts). */
  Common.extend({ channel: z.literal("webchat"), customerOnline: z.boolean() }),
  /** Subject, thread root, last customer Message-ID and the References chain for replies; null until the first inbound. */
  Common.extend({ channel: z.literal("email"), email: EmailThread.nullable() }),
]);
export type TicketState = z.infer<typeof TicketStateSchema>;
export type StateOf<C extends TicketState["channel"]> = Extract<TicketState, { channel: C }>;

/** Version 1 (no `schemaVersion`): optional reporting fields, web-chat presence and email thread possibly absent. */
function fromV1(raw: Record<string, unknown>): Record<string, unknown> {
  const createdAt = typeof raw.createdAt === "number" ? raw.createdAt : 0;
  return {
    ...raw,
    schemaVersion: 2,
    firstResponseAt: raw.firstResponseAt ?? null,
    firstResponderId: raw.firstResponderId ?? null,
    periodStartedAt: raw.periodStartedAt ?? createdAt,
    closedAt: raw.closedAt ?? null,
    ...(raw.channel === "webchat" ? { customerOnline: raw.customerOnline ?? false } : {}),
    ...(raw.channel === "email" ? { email: raw.email ?? null } : {}),
  };
}

const UPGRADES: Record<number, (raw: Record<string, unknown>) => Record<string, unknown>> = { 1: fromV1 };

/** Parses stored state of any known version into the current shape; throws on anything else (a corrupt row must not pass). */
export function upgradeState(stored: unknown): TicketState {
  let raw = z.record(z.unknown()).parse(stored);
  for (;;) {
    const version = typeof raw.schemaVersion === "number" ? raw.schemaVersion : 1;
    if (version === STATE_SCHEMA_VERSION) return TicketStateSchema.parse(raw);
    const upgrade = UPGRADES[version];
    if (!upgrade) throw new Error(`ticket state schema version ${version} is unknown`);
    raw = upgrade(raw);
  }
}
