// TicketObject: one Durable Object per ticket, the source of truth for its thread and state.
// Every change happens in one storage transaction, then is projected to D1 and published (retried by alarm).
import * as clock from "../clock";
import { activityLine } from "../../../shared/rules/activity";
import { textTooLong, tooLongMessage } from "../../../shared/rules/reply-limits";
import { DurableObject } from "cloudflare:workers";
import { z } from "zod";
import type { Env } from "../env";
import { MAX_TAGS, type Activity, type Attachment, type Message, type NewAgentMessage, type TicketStatus } from "../../../shared/schemas";
import { dbFor } from "../db/shards";
import { TicketStore } from "./ticket-store";
import type { TicketState } from "./ticket-state";
import { deleteTicketEverywhere } from "./ticket-sync";
import { SEND_PREFIX, SEND_TIMER, SendPayload, TicketWriter, WAKE_TIMER } from "./ticket-writer";
import { deliverMessage } from "./ticket-delivery";
import { TicketFlusher } from "./ticket-flusher";
import { applyInbound, applyMarketing, NOTIFY_TIMER, type InboundInput, type MarketingInput } from "./ticket-ingest";
import { runNotifyTimer } from "./ticket-notify";
import { fetchSmsMedia, SMS_MEDIA_TIMER, SmsMediaPayload } from "./ticket-sms-media";
import { applySmsArrival, SMS_INBOUND_TIMER, SmsInboundPayload, storeSmsArrival, type SmsArrival } from "./ticket-sms-inbound";
import { fail, ok, type Outcome, type Actor, type TicketEdit } from "./outcome";
import { applyEdit, editTicket } from "./ticket-edit";
import { FOLLOWUP_TIMER, PRESENCE_TIMER, TicketChat, type ChatAuth, type ChatStartInput } from "./ticket-chat";
import { TicketRules } from "./ticket-rules";
import { recordAnswer } from "./ticket-csat";
import { FOLLOW_MAIL_TIMER, runFollowMail } from "./ticket-follow-mail";
import { applyStart, type StartInput } from "./ticket-outbound";

export type { InboundInput, MarketingInput } from "./ticket-ingest";

export class TicketObject extends DurableObject<Env> {
  private readonly store: TicketStore;
  private readonly writer: TicketWriter;
  private readonly flusher: TicketFlusher;
  private readonly chat: TicketChat;
  private readonly rules: TicketRules;
  /** Test seam: lets a test make D1 fail to prove the alarm repairs the projection (null: the workspace's shard). */
  db: D1Database | null = null;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    clock.initClock(env);
    this.store = new TicketStore(ctx.storage.sql);
    this.writer = new TicketWriter(this.store, ctx.id.toString());
    this.flusher = new TicketFlusher(env, ctx, this.store, this.shard);
    this.chat = new TicketChat(ctx, env, this.store, this.writer, () => this.flush());
    const timers = this.flusher.timers;
    timers.define(SEND_TIMER, { payload: SendPayload, run: (key, p) => deliverMessage(env, this.store, ctx, p?.seq ?? Number(key.slice(SEND_PREFIX.length))) });
    timers.define(WAKE_TIMER, { payload: z.unknown(), run: () => this.wake() });
    timers.define(FOLLOWUP_TIMER, { payload: z.unknown(), run: () => this.chat.followUp() });
    timers.define(PRESENCE_TIMER, { payload: z.unknown(), run: () => this.chat.checkHeartbeats() });
    timers.define(SMS_INBOUND_TIMER, { payload: SmsInboundPayload, run: (_key, p) => applySmsArrival(env, ctx, this.store, this.writer, this.shard, p) });
    timers.define(SMS_MEDIA_TIMER, { payload: SmsMediaPayload, run: (_key, p) => fetchSmsMedia(env, ctx, this.store, p) });
    timers.define(NOTIFY_TIMER, { payload: z.unknown(), run: (key, p) => runNotifyTimer(env, this.store, key, p) }); // parses its own payload
    timers.define(FOLLOW_MAIL_TIMER, { payload: z.unknown(), run: (key, p) => runFollowMail(env, this.store, key, p) });
    this.rules = new TicketRules(env, ctx, this.store, this.writer, this.shard);
    this.rules.define(timers);
  }

  /**
   * One durable write, then the answer: the message and its transition commit in one storage transaction; projection,
   * publish, auto-replies and notifications run right after from the object's timers (`answerAfter: "flush"` waits).
   */
  async ingestInbound(
    input: InboundInput,
    answerAfter: "commit" | "flush" = "commit",
  ): Promise<{ message: Message; duplicate: boolean; ticketId: string; opened: boolean }> {
    const dup = this.store.findByProviderId(input.providerId);
    if (dup) return { message: dup, duplicate: true, ticketId: this.ctx.id.toString(), opened: this.store.state()?.opened ?? false };
    const message = this.ctx.storage.transactionSync(() => applyInbound(this.writer, input));
    if (answerAfter === "flush") await this.flush();
    else await this.flusher.afterCommit();
    return { message, duplicate: false, ticketId: this.ctx.id.toString(), opened: this.store.state()?.opened ?? false };
  }

  /**
   * An inbound SMS: stored and answered after one storage transaction and no D1 call; the profile, consent, opening
   * and replies follow from the object's timer (ticket-sms-inbound.ts). A redelivered MessageSid is a duplicate.
   */
  async receiveSms(arrival: SmsArrival): Promise<{ duplicate: boolean }> {
    if (this.store.findByProviderId(arrival.providerId)) return { duplicate: true };
    this.ctx.storage.transactionSync(() => storeSmsArrival(this.store, arrival));
    await this.flusher.afterCommit();
    return { duplicate: false };
  }

  /** After the workspace's rules changed: this ticket's waiting clocks are set again from them. */
  async refreshRuleClocks(): Promise<void> {
    await this.rules.refreshClocks();
    await this.flusher.arm();
  }

  /** The customer answered the satisfaction survey (docs/api.md §19); false when it is not this ticket's current one. */
  async answerSurvey(workspaceId: string, surveyId: string, score: number, comment: string): Promise<Outcome<boolean>> {
    if (!this.owned(workspaceId)) return fail(404, "not_found", "No such ticket.");
    const recorded = recordAnswer(this.rules, surveyId, score, comment);
    await this.flush();
    return ok(recorded);
  }

  /** Resolves once the work after the last commit (projection, sends, publish) has run: for tests and tools. */
  async settled(): Promise<void> {
    await this.flusher.settled();
  }

  /** A flow or campaign message sent by another system: shown in the thread, feeds attribution, opens nothing. */
  async logMarketing(input: MarketingInput): Promise<{ duplicate: boolean }> {
    if (this.store.findByProviderId(input.providerId)) return { duplicate: true };
    this.ctx.storage.transactionSync(() => applyMarketing(this.writer, input));
    await this.flush();
    return { duplicate: false };
  }

  async view(
    workspaceId: string,
    agentId: string,
  ): Promise<Outcome<{ state: TicketState; messages: Message[]; hasMore: boolean; favorite: boolean; unread: boolean; followUpAt: number | null }>> {
    const state = this.owned(workspaceId);
    if (!state) return fail(404, "not_found", "No such ticket.");
    const page = this.store.page(null, 50);
    const mine = this.store.agentStates().find((a) => a.agentId === agentId);
    const unread = (mine?.markedUnread ?? false) || (mine?.readSeq ?? 0) < state.lastInboundSeq;
    return ok({ state, ...page, favorite: mine?.favorite ?? false, unread, followUpAt: this.store.timer(FOLLOWUP_TIMER) });
  }

  async olderMessages(workspaceId: string, before: number, limit: number): Promise<Outcome<{ messages: Message[]; hasMore: boolean }>> {
    if (!this.owned(workspaceId)) return fail(404, "not_found", "No such ticket.");
    return ok(this.store.page(before, limit));
  }

  async postAgentMessage(
    workspaceId: string,
    actor: Actor,
    body: NewAgentMessage & { text: string },
    origin: string,
    files: Attachment[] = [],
  ): Promise<Outcome<{ message: Message; duplicate: boolean }>> {
    const existing = this.owned(workspaceId);
    if (!existing) return fail(404, "not_found", "No such ticket.");
    const tooLong = body.kind === "reply" ? textTooLong("reply", existing.channel, body.text) : null; // after link shortening
    if (tooLong) return fail(400, "text_too_long", tooLongMessage("reply", existing.channel, tooLong));
    if (body.clientId) {
      const dup = this.store.findByClientId(body.clientId);
      if (dup) return ok({ message: dup, duplicate: true });
    }
    const message = this.ctx.storage.transactionSync(() => {
      const state = this.store.current();
      state.origin = origin;
      const author = { type: "agent" as const, id: actor.id, name: actor.name };
      const m =
        body.kind === "note"
          ? this.writer.append(state, { kind: "note", text: body.text, author, status: null, source: "agent", clientId: body.clientId, files, at: clock.now() })
          : this.writer.queueOutbound(state, { text: body.text, source: "agent", author, clientId: body.clientId, media: body.media, files, at: clock.now() });
      this.store.setAgentState(actor.id, { readSeq: state.lastInboundSeq, markedUnread: false });
      this.writer.commit(state, "message");
      return m;
    });
    // The agent gets the stored message at once (a reply still `queued`); the send, projection and publish follow from
    // the object's timers, and `message.updated` tells every panel when the provider took it.
    await this.flusher.afterCommit();
    return ok({ message: this.store.message(message.seq) ?? message, duplicate: false });
  }

  /** An agent starts the conversation (docs/api.md §20); the same clientId twice starts it once. */
  async startConversation(actor: Actor, input: StartInput): Promise<Outcome<{ message: Message; duplicate: boolean; ticketId: string }>> {
    const existing = this.store.state();
    if (existing && existing.workspaceId !== input.workspaceId) return fail(404, "not_found", "No such ticket.");
    const dup = this.store.findByClientId(input.clientId);
    if (dup) return ok({ message: dup, duplicate: true, ticketId: this.ctx.id.toString() });
    const message = this.ctx.storage.transactionSync(() => applyStart(this.store, this.writer, actor, input));
    await this.flusher.afterCommit();
    return ok({ message, duplicate: false, ticketId: this.ctx.id.toString() });
  }

  async setStatus(workspaceId: string, actor: Actor, to: TicketStatus, until: number | null): Promise<Outcome<TicketState>> {
    if (!this.owned(workspaceId)) return fail(404, "not_found", "No such ticket.");
    if (to === "snoozed" && (until === null || until <= clock.now())) return fail(400, "invalid_snooze", "The snooze time must be in the future.");
    const event = { type: "agent" as const, to, until: until === null ? undefined : new Date(until) };
    const moved = this.ctx.storage.transactionSync(() => {
      const state = this.store.current();
      if (!this.writer.transition(state, event, actor.name, clock.now())) return false;
      this.writer.commit(state, "status");
      return true;
    });
    if (moved) this.chat.announceStatus(); // a closed chat shows as ended in the widget at once
    await this.flush();
    return ok(this.store.current());
  }

  async update(workspaceId: string, actor: Actor, edit: TicketEdit & { assigneeName?: string | null }): Promise<Outcome<TicketState>> {
    const current = this.owned(workspaceId);
    if (!current) return fail(404, "not_found", "No such ticket.");
    const tags = applyEdit(edit.tags ?? current.tags, edit.addTags, edit.removeTags);
    if (tags.length > MAX_TAGS) return fail(400, "too_many_tags", `A ticket has at most ${MAX_TAGS} tags.`);
    await this.change("updated", (state) => {
      editTicket(this.writer, state, actor, edit, tags, clock.now());
      if (edit.favorite !== undefined) this.store.setAgentState(actor.id, { favorite: edit.favorite });
    });
    return ok(this.store.current());
  }

  async setRead(workspaceId: string, agentId: string, read: boolean): Promise<Outcome<null>> {
    const state = this.owned(workspaceId);
    if (!state) return fail(404, "not_found", "No such ticket.");
    await this.change("read", () => this.store.setAgentState(agentId, read ? { readSeq: state.lastInboundSeq, markedUnread: false } : { markedUnread: true }));
    return ok(null);
  }

  async leave(workspaceId: string, agentId: string): Promise<Outcome<TicketState>> {
    const state = this.owned(workspaceId);
    if (!state) return fail(404, "not_found", "No such ticket.");
    if (!state.followers.includes(agentId)) return ok(state);
    await this.change("updated", (current) => {
      current.followers = current.followers.filter((f) => f !== agentId);
    });
    return ok(this.store.current());
  }

  /** Blocking the profile closes its ticket; later messages are kept but reopen nothing. */
  async block(workspaceId: string, actor: Actor, blocked: boolean): Promise<Outcome<null>> {
    if (!this.owned(workspaceId)) return fail(404, "not_found", "No such ticket.");
    this.ctx.storage.transactionSync(() => {
      const state = this.store.current();
      state.blocked = blocked;
      if (blocked) this.writer.transition(state, { type: "blocked" }, actor.name, clock.now());
      else this.writer.activity(state, activityLine("unblocked", { who: actor.name }), clock.now());
      this.writer.commit(state, "status");
    });
    this.chat.announceStatus();
    await this.flush();
    return ok(null);
  }

  /** An activity line from outside the ticket (an order action, an approval), once per `key`; false when already there. */
  async recordActivity(workspaceId: string, key: string, line: { text: string; activity: Activity }): Promise<Outcome<boolean>> {
    if (!this.owned(workspaceId)) return fail(404, "not_found", "No such ticket.");
    const providerId = `activity:${key}`;
    if (this.store.findByProviderId(providerId)) return ok(false);
    await this.change("activity", (state) => this.writer.activity(state, line, clock.now(), providerId));
    return ok(true);
  }

  /** The customer opened a short link (`/s/<code>`): the message that carried it counts the click, live in every panel. */
  async linkClicked(workspaceId: string, code: string): Promise<boolean> {
    if (!this.owned(workspaceId)) return false;
    let found = false;
    await this.change("link", (state) => {
      const message = this.store.countLinkClick(`/s/${code}`);
      found = message !== null;
      if (message) this.store.queueEvent({ type: "message.updated", ticketId: state.ticketId, message });
    });
    return found;
  }

  async updateDelivery(providerId: string, status: "sent" | "delivered" | "failed", error: string | null): Promise<boolean> {
    const found = this.store.findByProviderId(providerId);
    if (found?.kind !== "outbound") return false;
    if (found.status === "delivered" || (found.status === "failed" && status !== "delivered")) return true; // callbacks arrive out of order
    await this.change("delivery", (state) => {
      const updated = this.store.setDelivery(found.seq, status, { error });
      if (updated) this.store.queueEvent({ type: "message.updated", ticketId: state.ticketId, message: updated });
    });
    return true;
  }

  /** Permanent delete: D1 rows first (so a failure leaves everything intact), then the object's storage. */
  async destroy(workspaceId: string): Promise<Outcome<null>> {
    const state = this.owned(workspaceId);
    if (!state) return fail(404, "not_found", "No such ticket.");
    await this.flusher.settled(); // let an in-flight projection land first, so it cannot re-create rows after the delete
    await deleteTicketEverywhere(this.db ?? dbFor(this.env, state.workspaceId), this.env, state);
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
    // The object lives on (an SMS ticket's name is the customer's number): a later message starts a fresh, empty ticket.
    this.store.createTables();
    return ok(null);
  }

  // ---- web chat (ticket-chat.ts): the widget's session, messages and socket ----
  async chatStart(input: ChatStartInput) {
    return this.chat.start(input);
  }
  async chatVerify(auth: ChatAuth) {
    const v = await this.chat.verify(auth);
    return v.ok ? ok({ profileId: v.value.state.profile.id }) : v;
  }
  async chatPost(auth: ChatAuth, input: Parameters<TicketChat["post"]>[1]) {
    return this.chat.post(auth, input);
  }
  async chatThread(auth: ChatAuth, after: number) {
    return this.chat.thread(auth, after);
  }
  async chatSetProfile(auth: ChatAuth, profile: Parameters<TicketChat["setProfile"]>[1]) {
    return this.chat.setProfile(auth, profile);
  }
  /** Only for the customer's WebSocket upgrade; agents' sockets live in InboxObject. */
  override async fetch(request: Request): Promise<Response> {
    return this.chat.connect(request);
  }
  override async webSocketMessage(ws: WebSocket): Promise<void> {
    this.chat.socketMessage(ws);
  }
  override async webSocketClose(ws: WebSocket): Promise<void> {
    await this.chat.socketGone(ws);
  }
  override async webSocketError(ws: WebSocket): Promise<void> {
    await this.chat.socketGone(ws);
  }

  override async alarm(): Promise<void> {
    await this.flush();
  }

  private wake() {
    const now = clock.now();
    this.ctx.storage.transactionSync(() => {
      this.store.clearTimer(WAKE_TIMER);
      const state = this.store.state();
      if (state && this.writer.transition(state, { type: "snooze_expired" }, null, now)) this.writer.commit(state, "status");
    });
  }

  // ---- internals ----

  /** The workspace's D1 shard, unless a test put another database in its place. */
  private readonly shard = (workspaceId: string): D1Database => this.db ?? dbFor(this.env, workspaceId);

  private owned(workspaceId: string): TicketState | null {
    const state = this.store.state();
    return state && state.workspaceId === workspaceId && state.opened ? state : null;
  }

  /** One storage transaction on the current state, committed as `kind`, then the work that follows a commit. */
  private async change(kind: string, apply: (state: TicketState) => void): Promise<void> {
    this.ctx.storage.transactionSync(() => {
      const state = this.store.current();
      apply(state);
      this.writer.commit(state, kind);
    });
    await this.flush();
  }

  private flush(): Promise<void> {
    return this.flusher.flush();
  }
}
