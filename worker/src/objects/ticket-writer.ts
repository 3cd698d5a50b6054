// The write vocabulary of a ticket: append messages, queue sends, move status, commit a version.
// Every call runs inside the caller's storage transaction.
import * as clock from "../clock";
import type { Activity, Attribution, Channel, Message, ProfileRef } from "../../../shared/schemas";
import { nextStatus, statusActivity, type StatusEvent } from "../../../shared/rules/status";
import type { NewMessage, TicketStore } from "./ticket-store";
import { STATE_SCHEMA_VERSION, type TicketState } from "./ticket-state";
import { channels } from "../channels";
import { z } from "zod";
import { RuleEvent } from "../../../shared/schemas/rules";
import { scheduleFollowMail } from "./ticket-follow-mail";

export const SEND_TIMER = "send";
export const SEND_PREFIX = `${SEND_TIMER}:`; // send:<seq>, one per queued outbound message
/** Older rows (before the registry) may carry no payload: the seq is then read from the key. */
export const SendPayload = z.object({ seq: z.number().int() }).nullable();
export const WAKE_TIMER = "wake";
export const SYNC_RETRY_MS = 5_000;
/** The projection retry: the flusher's own timer, kept by every commit until D1 has the new version. */
export const SYNC_TIMER = "sync";
export const SYSTEM = { type: "system", id: null, name: null } as const;
/** rules:<n>, one per event the rules look at (ticket-rules.ts). */
export const RULES_TIMER = "rules";
/** How deep rules may set off rules: a rule's own actions never re-trigger it, and a chain stops here. */
const MAX_RULE_CHAIN = 4;
export const RuleEventPayload = z.object({
  event: RuleEvent,
  /** The rules whose actions led to this event: they do not run on it again. */
  cause: z.array(z.string()),
  at: z.number(),
});
export type RuleEventPayload = z.infer<typeof RuleEventPayload>;

export interface OutboundDraft {
  text: string;
  source: NewMessage["source"];
  author?: NewMessage["author"];
  clientId?: string;
  media?: string[];
  files?: NewMessage["files"];
  at: number;
  /** When to hand it to the provider, if later than `at` (a rule's SMS held until the customer's quiet hours end). */
  sendAt?: number;
}

export class TicketWriter {
  /** Set while rules act, so the events their actions cause carry them (and do not trigger them again). */
  cause: string[] = [];

  constructor(
    private readonly store: TicketStore,
    private readonly ticketId: string,
  ) {}

  /** The ticket's state, created (not yet opened) on its first message. */
  stateOrNew(workspaceId: string, channel: Channel, profile: ProfileRef, at: number): TicketState {
    const state = this.store.state();
    if (state) {
      if (state.workspaceId !== workspaceId) throw new Error("ticket object addressed with another workspace");
      state.profile = profile;
      return state;
    }
    return {
      ...channels[channel].newState(),
      schemaVersion: STATE_SCHEMA_VERSION,
      ticketId: this.ticketId,
      workspaceId,
      opened: false,
      number: null,
      profile,
      status: "open",
      snoozedUntil: null,
      assigneeId: null,
      followers: [],
      tags: [],
      description: "",
      attribution: null,
      lastMarketing: null,
      lastAttributedSeq: null,
      lastInboundSeq: 0,
      blocked: false,
      origin: null,
      version: 0,
      projectedVersion: 0,
      indexedSeq: 0,
      createdAt: at,
      updatedAt: at,
      firstResponseAt: null,
      firstResponderId: null,
      periodStartedAt: at,
      closedAt: null,
      waitingSince: null,
      openSince: at,
      lastAgentReplyAt: null,
      lastReplierId: null,
      lastCustomerAt: null,
      ruleEventSeq: 0,
      ruleClocksFired: {},
      sla: null,
      csat: null,
    };
  }

  append(state: TicketState, m: NewMessage): Message {
    const stored = this.store.append(m);
    this.store.queueEvent({ type: "message.created", ticketId: state.ticketId, message: stored });
    return stored;
  }

  /** A message stored before its author was known (SMS): fills in author and attribution, then announces it. */
  adopt(state: TicketState, seq: number, author: Message["author"], attribution: Attribution | null): Message {
    const stored = this.store.setInboundDetails(seq, author, attribution);
    this.store.queueEvent({ type: "message.created", ticketId: state.ticketId, message: stored });
    return stored;
  }

  /** Stores an outbound message as queued and schedules its delivery (sent right after the transaction). */
  queueOutbound(state: TicketState, o: OutboundDraft): Message {
    const m = this.append(state, {
      kind: "outbound",
      text: o.text,
      author: o.author ?? SYSTEM,
      status: "queued",
      source: o.source,
      clientId: o.clientId,
      media: o.media,
      files: o.files,
      at: o.at,
    });
    if (recordFirstResponse(state, o)) this.emit(state, { type: "agent_replied" });
    this.store.setTimer(`${SEND_PREFIX}${m.seq}`, o.sendAt ?? o.at, { seq: m.seq });
    return m;
  }

  /** A customer message on a followed ticket: the followers' email goes out shortly (ticket-follow-mail.ts). */
  notifyFollowers(state: TicketState, seq: number, at: number) {
    scheduleFollowMail(this.store, state, seq, at);
  }

  /** Queues an event for the rules, run right after this transaction from the ticket's `rules:<n>` timer. */
  emit(state: TicketState, event: RuleEvent) {
    if (!state.opened || this.cause.length >= MAX_RULE_CHAIN) return;
    state.ruleEventSeq += 1;
    const payload: RuleEventPayload = { event, cause: this.cause, at: clock.now() };
    this.store.setTimer(`${RULES_TIMER}:${state.ruleEventSeq}`, clock.now(), payload);
  }

  /** A durable timer row, run by the flusher's handler for its key prefix. */
  schedule(key: string, at: number, payload: unknown = null) {
    this.store.setTimer(key, at, payload);
  }

  /** An activity line: its English text and the catalogue key behind it (shared/rules/activity.ts). */
  activity(state: TicketState, line: { text: string; activity: Activity }, at: number, providerId: string | null = null) {
    this.append(state, { kind: "activity", text: line.text, activity: line.activity, author: SYSTEM, status: null, source: "system", providerId, at });
  }

  /** Applies a status event; writes the activity line and the wake timer. True when the status changed. */
  transition(state: TicketState, event: StatusEvent, actorName: string | null, at: number): boolean {
    const next = nextStatus({ status: state.status, snoozedUntil: state.snoozedUntil === null ? null : new Date(state.snoozedUntil) }, event);
    if (!next) return false;
    recordResolution(state, state.status, next.status, at);
    if (next.status === "open") state.openSince = at;
    const changed = next.status !== state.status;
    state.status = next.status;
    state.snoozedUntil = next.snoozedUntil?.getTime() ?? null;
    if (state.snoozedUntil !== null) this.store.setTimer(WAKE_TIMER, state.snoozedUntil);
    else this.store.clearTimer(WAKE_TIMER);
    this.activity(state, statusActivity(next, event, actorName), at);
    if (changed) this.emit(state, { type: "status_changed", to: next.status });
    return true;
  }

  /** Records a new version and schedules its projection; the `sync` timer is the safety net if this request dies. */
  commit(state: TicketState, change: string) {
    state.version += 1;
    state.updatedAt = clock.now();
    this.store.saveState(state);
    if (state.opened) {
      this.store.queueEvent({ type: "counts.changed" });
      this.store.setTimer(SYNC_TIMER, clock.now() + SYNC_RETRY_MS, { change });
    }
  }
}

/** An agent's reply (true) answers the customer and starts the "no customer reply" clocks.
 *  First response = the first agent-written reply to the customer (auto-replies, keyword answers and notes do not count).
 *  It is the ticket's first ever, measured from `createdAt`: a reopened ticket keeps it. */
function recordFirstResponse(state: TicketState, o: OutboundDraft): boolean {
  if (o.source !== "agent" || o.author?.type !== "agent") return false;
  state.waitingSince = null; // answered
  state.lastAgentReplyAt = o.at;
  state.lastReplierId = o.author.id;
  if (state.firstResponseAt) return true;
  state.firstResponseAt = o.at;
  state.firstResponderId = o.author.id;
  return true;
}

/** Resolution is the latest close. Leaving `closed` starts a new open period and makes the ticket unresolved again, so
 *  resolution time is `closedAt − periodStartedAt` (the current period, not the ticket's birth): a years-long SMS thread
 *  reopened today and closed an hour later was resolved in an hour. Snoozing is not resolving. */
function recordResolution(state: TicketState, from: TicketState["status"], to: TicketState["status"], at: number) {
  if (to === "closed") {
    state.closedAt = at;
    state.waitingSince = null;
  } else if (from === "closed") {
    state.closedAt = null;
    state.periodStartedAt = at;
  }
}
