// TicketObject: one Durable Object per ticket, the source of truth for its thread and state.
// Every change happens in one storage transaction, then is projected to D1 and published (retried by alarm).
import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env";
import { MAX_TAGS, type Channel, type Message, type NewAgentMessage, type ProfileRef, type TicketStatus } from "../../../shared/schemas";
import { nextStatus, statusActivityText, type StatusEvent } from "../../../shared/rules/status";
import { attributeReply } from "../../../shared/rules/attribution";
import { TicketStore, type NewMessage, type TicketState } from "./ticket-store";
import { syncTicket, deleteTicketEverywhere } from "./ticket-sync";
import { deliverMessage, SEND_PREFIX } from "./ticket-delivery";
import { fail, ok, type Outcome, type Actor, type TicketEdit } from "./outcome";

export interface InboundInput {
  workspaceId: string;
  channel: Channel;
  profile: ProfileRef;
  providerId: string;
  text: string;
  media: string[];
  at: number;
  origin: string;
  /** Set for compliance keywords: the message is shown but opens nothing; this reply is sent. */
  keywordReply?: string;
  /** Auto-responder text, sent when this message opens or reopens the ticket. */
  autoReply?: string | null;
  attributionWindowHours: number;
  /** Blocked profile: keep the message, but do not reopen or notify. */
  blocked?: boolean;
}

export interface MarketingInput {
  workspaceId: string;
  channel: Channel;
  profile: ProfileRef;
  providerId: string;
  source: "flow" | "campaign";
  name: string;
  text: string;
  at: number;
}

const RETRY_MS = 5_000;
const SYSTEM = { type: "system", id: null, name: null } as const;

export class TicketObject extends DurableObject<Env> {
  private readonly store: TicketStore;
  private syncing: Promise<void> = Promise.resolve();
  /** Test seam: lets a test make D1 fail to prove the alarm repairs the projection. */
  db: D1Database;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.store = new TicketStore(ctx.storage.sql);
    this.db = env.DB;
  }

  async ingestInbound(input: InboundInput): Promise<{ message: Message; duplicate: boolean; ticketId: string; opened: boolean }> {
    const dup = this.store.findByProviderId(input.providerId);
    if (dup) return { message: dup, duplicate: true, ticketId: this.ctx.id.toString(), opened: this.store.state()?.opened ?? false };
    const message = this.ctx.storage.transactionSync(() => {
      const state = this.stateOrNew(input.workspaceId, input.channel, input.profile, input.at);
      state.origin = input.origin;
      const attribution = input.keywordReply ? null
        : attributeReply(state.lastMarketing ? { ...state.lastMarketing, at: new Date(state.lastMarketing.at) } : null, state.lastAttributedSeq, new Date(input.at), input.attributionWindowHours);
      const inbound = this.appendMessage(state, {
        kind: "inbound", text: input.text, author: { type: "customer", id: input.profile.id, name: input.profile.name }, status: null,
        source: "customer", providerId: input.providerId, media: input.media, attribution, at: input.at,
      });
      if (input.keywordReply) {
        this.queueOutbound(state, { text: input.keywordReply, source: "keyword", at: input.at });
      } else if (!input.blocked) {
        state.lastInboundSeq = inbound.seq;
        if (attribution) Object.assign(state, { attribution, lastAttributedSeq: inbound.seq });
        const wasOpened = state.opened;
        state.opened = true;
        const reopened = wasOpened && this.transition(state, { type: "customer_message" }, null, input.at);
        if ((!wasOpened || reopened) && input.autoReply) this.queueOutbound(state, { text: input.autoReply, source: "auto_responder", at: input.at });
      }
      this.commit(state, "message");
      return inbound;
    });
    await this.flush();
    return { message, duplicate: false, ticketId: this.ctx.id.toString(), opened: this.store.state()?.opened ?? false };
  }

  async hasMessage(providerId: string): Promise<boolean> {
    return this.store.findByProviderId(providerId) !== null;
  }

  /** A flow or campaign message sent by another system: shown in the thread, feeds attribution, opens nothing. */
  async logMarketing(input: MarketingInput): Promise<{ duplicate: boolean }> {
    if (this.store.findByProviderId(input.providerId)) return { duplicate: true };
    this.ctx.storage.transactionSync(() => {
      const state = this.stateOrNew(input.workspaceId, input.channel, input.profile, input.at);
      const sent = this.appendMessage(state, {
        kind: "outbound", text: input.text, author: SYSTEM, status: "sent", source: input.source, providerId: input.providerId,
        attribution: { type: input.source, name: input.name }, at: input.at,
      });
      // Attribution follows the latest send, not the latest logged: a late backfill of an older send does not take over.
      if (!state.lastMarketing || input.at >= state.lastMarketing.at) state.lastMarketing = { type: input.source, name: input.name, at: input.at, seq: sent.seq };
      this.commit(state, "message");
    });
    await this.flush();
    return { duplicate: false };
  }

  async view(workspaceId: string, agentId: string): Promise<Outcome<{ state: TicketState; messages: Message[]; hasMore: boolean; favorite: boolean; unread: boolean }>> {
    const state = this.owned(workspaceId);
    if (!state) return fail(404, "not_found", "No such ticket.");
    const page = this.store.page(null, 50);
    const mine = this.store.agentStates().find((a) => a.agentId === agentId);
    const unread = (mine?.markedUnread ?? false) || (mine?.readSeq ?? 0) < state.lastInboundSeq;
    return ok({ state, ...page, favorite: mine?.favorite ?? false, unread });
  }

  async olderMessages(workspaceId: string, before: number, limit: number): Promise<Outcome<{ messages: Message[]; hasMore: boolean }>> {
    if (!this.owned(workspaceId)) return fail(404, "not_found", "No such ticket.");
    return ok(this.store.page(before, limit));
  }

  async postAgentMessage(workspaceId: string, actor: Actor, body: NewAgentMessage & { text: string }, origin: string): Promise<Outcome<{ message: Message; duplicate: boolean }>> {
    const existing = this.owned(workspaceId);
    if (!existing) return fail(404, "not_found", "No such ticket.");
    if (body.clientId) {
      const dup = this.store.findByClientId(body.clientId);
      if (dup) return ok({ message: dup, duplicate: true });
    }
    const message = this.ctx.storage.transactionSync(() => {
      const state = this.store.state() as TicketState;
      state.origin = origin;
      const author = { type: "agent" as const, id: actor.id, name: actor.name };
      const m = body.kind === "note"
        ? this.appendMessage(state, { kind: "note", text: body.text, author, status: null, source: "agent", clientId: body.clientId, at: Date.now() })
        : this.queueOutbound(state, { text: body.text, source: "agent", author, clientId: body.clientId, media: body.media, at: Date.now() });
      this.store.setAgentState(actor.id, { readSeq: state.lastInboundSeq, markedUnread: false });
      this.commit(state, "message");
      return m;
    });
    await this.flush();
    return ok({ message: this.store.message(message.seq) ?? message, duplicate: false });
  }

  async setStatus(workspaceId: string, actor: Actor, to: TicketStatus, until: number | null): Promise<Outcome<TicketState>> {
    if (!this.owned(workspaceId)) return fail(404, "not_found", "No such ticket.");
    if (to === "snoozed" && (until === null || until <= Date.now())) return fail(400, "invalid_snooze", "The snooze time must be in the future.");
    this.ctx.storage.transactionSync(() => {
      const state = this.store.state() as TicketState;
      if (this.transition(state, { type: "agent", to, until: until === null ? undefined : new Date(until) }, actor.name, Date.now())) this.commit(state, "status");
    });
    await this.flush();
    return ok(this.store.state() as TicketState);
  }

  async update(workspaceId: string, actor: Actor, edit: TicketEdit & { assigneeName?: string | null }): Promise<Outcome<TicketState>> {
    const current = this.owned(workspaceId);
    if (!current) return fail(404, "not_found", "No such ticket.");
    const tags = applyEdit(edit.tags ?? current.tags, edit.addTags, edit.removeTags);
    if (tags.length > MAX_TAGS) return fail(400, "too_many_tags", `A ticket has at most ${MAX_TAGS} tags.`);
    this.ctx.storage.transactionSync(() => {
      const state = this.store.state() as TicketState;
      const now = Date.now();
      if (edit.assigneeId !== undefined && edit.assigneeId !== state.assigneeId) {
        state.assigneeId = edit.assigneeId;
        this.activity(state, edit.assigneeId ? `Assigned to ${edit.assigneeName ?? "an agent"} by ${actor.name}` : `Unassigned by ${actor.name}`, now);
      }
      state.followers = applyEdit(edit.followers ?? state.followers, edit.addFollowers, edit.removeFollowers);
      state.tags = tags;
      if (edit.description !== undefined) state.description = edit.description;
      if (edit.favorite !== undefined) this.store.setAgentState(actor.id, { favorite: edit.favorite });
      this.commit(state, "updated");
    });
    await this.flush();
    return ok(this.store.state() as TicketState);
  }

  async setRead(workspaceId: string, agentId: string, read: boolean): Promise<Outcome<null>> {
    const state = this.owned(workspaceId);
    if (!state) return fail(404, "not_found", "No such ticket.");
    this.ctx.storage.transactionSync(() => {
      this.store.setAgentState(agentId, read ? { readSeq: state.lastInboundSeq, markedUnread: false } : { markedUnread: true });
      this.commit(this.store.state() as TicketState, "read");
    });
    await this.flush();
    return ok(null);
  }

  async leave(workspaceId: string, agentId: string): Promise<Outcome<TicketState>> {
    const state = this.owned(workspaceId);
    if (!state) return fail(404, "not_found", "No such ticket.");
    if (!state.followers.includes(agentId)) return ok(state);
    this.ctx.storage.transactionSync(() => {
      state.followers = state.followers.filter((f) => f !== agentId);
      this.commit(state, "updated");
    });
    await this.flush();
    return ok(state);
  }

  /** Blocking the profile closes its ticket; later messages are kept but reopen nothing. */
  async block(workspaceId: string, actor: Actor, blocked: boolean): Promise<Outcome<null>> {
    if (!this.owned(workspaceId)) return fail(404, "not_found", "No such ticket.");
    this.ctx.storage.transactionSync(() => {
      const state = this.store.state() as TicketState;
      state.blocked = blocked;
      if (blocked) this.transition(state, { type: "blocked" }, actor.name, Date.now());
      else this.activity(state, `Profile unblocked by ${actor.name}`, Date.now());
      this.commit(state, "status");
    });
    await this.flush();
    return ok(null);
  }

  async updateDelivery(providerId: string, status: "sent" | "delivered" | "failed", error: string | null): Promise<boolean> {
    const found = this.store.findByProviderId(providerId);
    if (!found || found.kind !== "outbound") return false;
    if (found.status === "delivered" || (found.status === "failed" && status !== "delivered")) return true; // callbacks arrive out of order
    this.ctx.storage.transactionSync(() => {
      const state = this.store.state() as TicketState;
      const updated = this.store.setDelivery(found.seq, status, { error });
      if (updated) this.store.queueEvent({ type: "message.updated", ticketId: state.ticketId, message: updated });
      this.commit(state, "delivery");
    });
    await this.flush();
    return true;
  }

  /** Permanent delete: D1 rows first (so a failure leaves everything intact), then the object's storage. */
  async destroy(workspaceId: string): Promise<Outcome<null>> {
    const state = this.owned(workspaceId);
    if (!state) return fail(404, "not_found", "No such ticket.");
    await this.syncing; // let an in-flight projection land first, so it cannot re-create rows after the delete
    await deleteTicketEverywhere(this.db, this.env, state);
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
    // The object lives on (an SMS ticket's name is the customer's number): a later message starts a fresh, empty ticket.
    this.store.createTables();
    return ok(null);
  }

  override async alarm(): Promise<void> {
    const now = Date.now();
    for (const timer of this.store.dueTimers(now)) {
      if (timer.key === "wake") {
        this.ctx.storage.transactionSync(() => {
          this.store.clearTimer("wake");
          const state = this.store.state();
          if (state && this.transition(state, { type: "snooze_expired" }, null, now)) this.commit(state, "status");
        });
      }
    }
    await this.flush();
  }

  // ---- internals ----

  private owned(workspaceId: string): TicketState | null {
    const state = this.store.state();
    return state && state.workspaceId === workspaceId && state.opened ? state : null;
  }

  private stateOrNew(workspaceId: string, channel: Channel, profile: ProfileRef, at: number): TicketState {
    const state = this.store.state();
    if (state) {
      if (state.workspaceId !== workspaceId) throw new Error("ticket object addressed with another workspace");
      state.profile = profile;
      return state;
    }
    return {
      ticketId: this.ctx.id.toString(), workspaceId, channel, opened: false, number: null, profile, status: "open", snoozedUntil: null,
      assigneeId: null, followers: [], tags: [], description: "", attribution: null, lastMarketing: null, lastAttributedSeq: null,
      lastInboundSeq: 0, blocked: false, origin: null, version: 0, projectedVersion: 0, indexedSeq: 0, createdAt: at, updatedAt: at,
    };
  }

  private appendMessage(state: TicketState, m: NewMessage): Message {
    const stored = this.store.append(m);
    this.store.queueEvent({ type: "message.created", ticketId: state.ticketId, message: stored });
    return stored;
  }

  private queueOutbound(state: TicketState, o: { text: string; source: NewMessage["source"]; author?: NewMessage["author"]; clientId?: string; media?: string[]; at: number }): Message {
    const m = this.appendMessage(state, { kind: "outbound", text: o.text, author: o.author ?? SYSTEM, status: "queued", source: o.source, clientId: o.clientId, media: o.media, at: o.at });
    this.store.setTimer(`${SEND_PREFIX}${m.seq}`, o.at, { seq: m.seq });
    return m;
  }

  private activity(state: TicketState, text: string, at: number) {
    this.appendMessage(state, { kind: "activity", text, author: SYSTEM, status: null, source: "system", at });
  }

  /** Applies a status event; writes the activity line and the wake timer. True when the status changed. */
  private transition(state: TicketState, event: StatusEvent, actorName: string | null, at: number): boolean {
    const next = nextStatus({ status: state.status, snoozedUntil: state.snoozedUntil === null ? null : new Date(state.snoozedUntil) }, event);
    if (!next) return false;
    state.status = next.status;
    state.snoozedUntil = next.snoozedUntil?.getTime() ?? null;
    if (state.snoozedUntil !== null) this.store.setTimer("wake", state.snoozedUntil);
    else this.store.clearTimer("wake");
    this.activity(state, statusActivityText(next, event, actorName), at);
    return true;
  }

  /** Records a new version and schedules its projection; the `sync` timer is the safety net if this request dies. */
  private commit(state: TicketState, change: string) {
    state.version += 1;
    state.updatedAt = Date.now();
    this.store.saveState(state);
    if (state.opened) {
      this.store.queueEvent({ type: "counts.changed" });
      this.store.setTimer("sync", Date.now() + RETRY_MS, { change });
    }
  }

  /** Sends queued messages, projects to D1 and publishes; anything that fails stays as a timer for the alarm. */
  private flush(): Promise<void> {
    this.syncing = this.syncing.then(() => this.flushNow()).catch((err) => console.error("ticket flush failed", err));
    return this.syncing;
  }

  private async flushNow() {
    const now = Date.now();
    for (const timer of this.store.dueTimers(now)) {
      if (timer.key.startsWith(SEND_PREFIX)) await deliverMessage(this.env, this.store, this.ctx, Number(timer.key.slice(SEND_PREFIX.length)));
    }
    const state = this.store.state();
    if (state?.opened && (state.projectedVersion < state.version || this.store.pendingEvents().length > 0)) {
      try {
        await syncTicket(this.db, this.env, this.store);
        this.store.clearTimer("sync");
      } catch (err) {
        console.warn(`projection of ticket ${state.ticketId} failed; the alarm will retry`, err instanceof Error ? err.message : err);
        this.store.setTimer("sync", Date.now() + RETRY_MS);
      }
    } else {
      this.store.clearTimer("sync");
    }
    await this.rearm();
  }

  private async rearm() {
    const next = this.store.earliestTimer();
    if (next === null) await this.ctx.storage.deleteAlarm();
    else await this.ctx.storage.setAlarm(Math.max(next, Date.now() + 1));
  }
}

function applyEdit(base: string[], add: string[] = [], remove: string[] = []): string[] {
  return [...new Set([...base, ...add])].filter((x) => !remove.includes(x));
}
