// Web chat inside a TicketObject: the session and its token, customer messages, the customer's hibernatable sockets,
// presence (socket closed or no heartbeat → offline) and the follow-up email timer. Called through TicketObject's RPC.
import * as clock from "../clock";
import type { Env } from "../env";
import type { Attachment, ProfileRef } from "../../../shared/schemas";
import { CHAT_PING, CHAT_PONG, type ChatMessage, type ChatServerFrame, type ChatThread } from "../../../shared/schemas/chat";
import { safeEqual, sha256Hex } from "../http/crypto";
import { getProfile } from "../db/profiles";
import { applyInbound, refusesCustomerMessage } from "./ticket-ingest";
import { summaryOf } from "./ticket-sync";
import { fail, ok, type Outcome } from "./outcome";
import { ChatSessionStore, CHAT_IN_PREFIX, chatView } from "./ticket-chat-store";
import { CUSTOMER_TAG, FOLLOWUP_DELAY_MS, FOLLOWUP_TIMER, lastSeenOf, send, type SocketAttachment } from "./ticket-chat-sockets";
import { sendFollowUp } from "./ticket-chat-followup";
import type { TicketStore } from "./ticket-store";
import type { TicketState } from "./ticket-state";
import type { TicketWriter } from "./ticket-writer";

export { FOLLOWUP_TIMER } from "./ticket-chat-sockets";
import { dbFor } from "../db/shards";
export const PRESENCE_TIMER = "presence";
export const HEARTBEAT_TIMEOUT_MS = 60_000;
const PRESENCE_CHECK_MS = 30_000;

export interface ChatAuth {
  workspaceId: string;
  sessionId: string;
  token: string;
}
export interface ChatStartInput {
  workspaceId: string;
  sessionId: string;
  tokenHash: string;
  profile: ProfileRef;
  welcome: string;
  pageUrl: string | null;
  origin: string;
}

export class TicketChat {
  readonly session: ChatSessionStore;

  constructor(
    private readonly ctx: DurableObjectState,
    private readonly env: Env,
    private readonly store: TicketStore,
    private readonly writer: TicketWriter,
    private readonly flush: () => Promise<void>,
  ) {
    this.session = new ChatSessionStore(ctx.storage.sql);
    // Heartbeats are answered by the runtime without waking the object; the timestamp tells us the widget is alive.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(CHAT_PING, CHAT_PONG));
  }

  /** A new session: the state (not yet a listed ticket: the customer writes first) and the welcome message. */
  async start(input: ChatStartInput): Promise<Outcome<ChatThread>> {
    if (this.store.state() || this.session.get()) return fail(409, "session_exists", "That chat session already exists.");
    const at = clock.now();
    this.ctx.storage.transactionSync(() => {
      const state = this.writer.stateOrNew(input.workspaceId, "webchat", input.profile, at);
      state.origin = input.origin;
      this.session.save({ sessionId: input.sessionId, tokenHash: input.tokenHash, pageUrl: input.pageUrl, startedAt: at });
      if (input.welcome.trim()) this.writer.queueOutbound(state, { text: input.welcome, source: "welcome", at });
      this.writer.commit(state, "chat started");
    });
    await this.flush();
    return ok({ status: "open", messages: this.session.visible(0, 100) });
  }

  async verify(auth: ChatAuth): Promise<Outcome<{ state: TicketState; pageUrl: string | null }>> {
    const hash = await sha256Hex(auth.token);
    const session = this.session.get();
    const state = this.store.state();
    if (!session || !state || state.workspaceId !== auth.workspaceId || session.sessionId !== auth.sessionId) {
      return fail(404, "session_not_found", "No such chat session; start a new one.");
    }
    if (!safeEqual(session.tokenHash, hash)) return fail(401, "invalid_session_token", "The chat session token is not valid.");
    return ok({ state, pageUrl: session.pageUrl });
  }

  /** A customer message. Idempotent by clientId; a closed chat never reopens (the widget starts a new session). */
  async post(
    auth: ChatAuth,
    input: { clientId: string; text: string; files: Attachment[]; autoReply: string | null; origin: string },
  ): Promise<Outcome<{ message: ChatMessage; duplicate: boolean }>> {
    const verified = await this.verify(auth);
    if (!verified.ok) return verified;
    const profile = await getProfile(dbFor(this.env, auth.workspaceId), auth.workspaceId, verified.value.state.profile.id);
    // No awaits from here on: the duplicate and closed checks and the write cannot interleave with another request.
    const providerId = `${CHAT_IN_PREFIX}${input.clientId}`;
    const dup = this.store.findByProviderId(providerId);
    if (dup) return ok({ message: chatView(dup, input.clientId), duplicate: true });
    const state = this.store.current();
    if (refusesCustomerMessage(state)) return fail(409, "chat_closed", "This chat has ended. Start a new chat session to write again.");
    const message = this.ctx.storage.transactionSync(() => {
      this.store.clearTimer(FOLLOWUP_TIMER); // the customer is here: they have seen the replies
      return applyInbound(this.writer, {
        workspaceId: auth.workspaceId,
        channel: "webchat",
        profile: state.profile,
        providerId,
        text: input.text,
        media: [],
        files: input.files,
        at: clock.now(),
        origin: input.origin,
        autoReply: state.opened ? null : input.autoReply,
        autoReplySource: "business_hours",
        attributionWindowHours: 0,
        blocked: profile?.blocked ?? false,
      });
    });
    const view = chatView(message, input.clientId);
    this.broadcast({ type: "message", message: view }); // the customer's other tabs
    await this.flush();
    return ok({ message: view, duplicate: false });
  }

  async thread(auth: ChatAuth, after: number): Promise<Outcome<ChatThread>> {
    const verified = await this.verify(auth);
    if (!verified.ok) return verified;
    return ok({ status: verified.value.state.status, messages: this.session.visible(after, 200, verified.value.state.csat) });
  }

  /** The customer gave a name or email: the route has already found or created the profile in D1. */
  async setProfile(auth: ChatAuth, profile: ProfileRef): Promise<Outcome<null>> {
    const verified = await this.verify(auth);
    if (!verified.ok) return verified;
    this.ctx.storage.transactionSync(() => {
      const state = this.store.current();
      state.profile = profile;
      this.writer.commit(state, "profile");
    });
    await this.flush();
    return ok(null);
  }

  /** WebSocket upgrade from the widget (token in the query: browsers cannot set headers on sockets). */
  async connect(request: Request): Promise<Response> {
    if (request.headers.get("upgrade")?.toLowerCase() !== "websocket") return errorJson(426, "upgrade_required", "Connect with a WebSocket.");
    const url = new URL(request.url);
    const auth = {
      workspaceId: url.searchParams.get("workspace") ?? "",
      sessionId: url.searchParams.get("session") ?? "",
      token: url.searchParams.get("token") ?? "",
    };
    const verified = await this.verify(auth);
    if (!verified.ok) return errorJson(verified.status, verified.code, verified.message);
    const pair = new WebSocketPair();
    const [client, server] = [pair[0], pair[1]];
    this.ctx.acceptWebSocket(server, [CUSTOMER_TAG]);
    server.serializeAttachment({ tag: CUSTOMER_TAG, sessionId: auth.sessionId, connectedAt: clock.now() } satisfies SocketAttachment);
    const state = this.store.current();
    send(server, { type: "hello", status: state.status, lastSeq: this.session.maxVisibleSeq() });
    this.setOnline(true);
    this.store.setTimer(PRESENCE_TIMER, clock.now() + PRESENCE_CHECK_MS);
    await this.flush();
    return new Response(null, { status: 101, webSocket: client });
  }

  /** Heartbeats are auto-answered; anything else from the widget gets a pong too (it proves the socket works). */
  socketMessage(ws: WebSocket) {
    send(ws, { type: "pong" });
  }

  /** A customer socket closed or errored: offline once none is left. */
  async socketGone(ws: WebSocket): Promise<void> {
    try {
      ws.close(1000, "bye");
    } catch {
      /* already closed */
    }
    if (this.liveSockets(ws).length === 0 && this.goOffline(clock.now())) await this.flush();
  }

  /** Timer: closes sockets whose heartbeat stopped (a sleeping laptop never sends a close). Runs inside the flusher. */
  checkHeartbeats() {
    this.store.clearTimer(PRESENCE_TIMER);
    const now = clock.now();
    let lastSeen = 0;
    const stale: WebSocket[] = [];
    for (const ws of this.liveSockets()) {
      const seen = lastSeenOf(this.ctx, ws);
      if (now - seen > HEARTBEAT_TIMEOUT_MS) {
        stale.push(ws);
        lastSeen = Math.max(lastSeen, seen);
      }
    }
    for (const ws of stale) {
      try {
        ws.close(4000, "heartbeat timeout");
      } catch {
        /* gone */
      }
    }
    if (this.liveSockets(...stale).length > 0) this.store.setTimer(PRESENCE_TIMER, now + PRESENCE_CHECK_MS);
    else this.goOffline(lastSeen || now);
  }

  /** Timer: the follow-up email, 3 minutes after the last agent reply sent while the customer was away. */
  async followUp(): Promise<void> {
    this.store.clearTimer(FOLLOWUP_TIMER);
    const state = this.store.state();
    if (state?.channel !== "webchat" || state.customerOnline) return;
    await sendFollowUp(this.env, this.ctx, this.store, this.writer, this.session);
  }

  /** Tells the customer's open widgets the chat's status, so a chat an agent closed shows as ended at once. */
  announceStatus() {
    const state = this.store.state();
    if (state?.channel === "webchat") this.broadcast({ type: "status", status: state.status });
  }

  private liveSockets(...except: WebSocket[]): WebSocket[] {
    return this.ctx.getWebSockets(CUSTOMER_TAG).filter((ws) => !except.includes(ws) && ws.readyState === WebSocket.OPEN);
  }

  private broadcast(frame: ChatServerFrame) {
    for (const ws of this.liveSockets()) send(ws, frame);
  }

  /** Records presence and tells the agents (ticket.updated). True when it changed. */
  private setOnline(online: boolean): boolean {
    const state = this.store.state();
    if (state?.channel !== "webchat" || state.customerOnline === online) return false;
    this.ctx.storage.transactionSync(() => {
      state.customerOnline = online;
      if (online) this.store.clearTimer(FOLLOWUP_TIMER);
      this.store.saveState(state);
      if (state.opened) this.store.queueEvent({ type: "ticket.updated", ticket: summaryOf(this.store, state), change: "presence" });
    });
    return true;
  }

  /** Replies written after the customer was last seen were never read live: they get the follow-up too. */
  private goOffline(lastSeen: number): boolean {
    if (!this.setOnline(false)) return false;
    const lastReply = this.session.lastAgentReplyAt();
    if (lastReply !== null && lastReply > lastSeen) this.store.setTimer(FOLLOWUP_TIMER, Math.max(lastReply + FOLLOWUP_DELAY_MS, clock.now()));
    return true;
  }
}

const errorJson = (status: number, code: string, message: string) => Response.json({ error: { code, message } }, { status });
