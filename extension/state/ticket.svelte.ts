// The open ticket: detail, thread (last 50, older on demand), and the actions an agent takes on it.
import type { Message, RealtimeEvent, StatusChange, TicketPatch } from "../../shared/schemas";
import type { Api } from "../lib/api";
import { errorMessage } from "../lib/api";
import { t } from "../lib/i18n.svelte";
import type { TicketDetailResponse, TicketView } from "../lib/schemas";
import type { InboxStore } from "./inbox.svelte";

type LiveTicket = Extract<RealtimeEvent, { type: "ticket.updated" }>["ticket"];

export class TicketStore {
  id = $state<string | null>(null);
  detail = $state.raw<TicketView | null>(null);
  messages = $state.raw<Message[]>([]);
  hasMore = $state(false);
  loading = $state(false);
  loadingOlder = $state(false);
  error = $state<string | null>(null);
  private readTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly deps: { api: () => Api | null; inbox: InboxStore }) {}

  private get api(): Api {
    const api = this.deps.api();
    if (!api) throw new Error(t("signin.errors.notSignedIn"));
    return api;
  }

  async open(id: string): Promise<void> {
    this.id = id;
    this.detail = null;
    this.messages = [];
    this.hasMore = false;
    await this.reload();
    if (this.id === id && this.detail) void this.markRead();
  }

  close(): void {
    this.id = null;
    this.detail = null;
    this.messages = [];
    this.error = null;
  }

  /** (Re)load the detail; also the catch-up after a reconnect. Keeps older pages already loaded. */
  async reload(): Promise<void> {
    const id = this.id;
    if (!id) return;
    this.loading = this.detail === null;
    this.error = null;
    try {
      const r = await this.api.ticket(id);
      if (this.id === id) this.take(r);
    } catch (err) {
      if (this.id === id) this.error = errorMessage(err);
    } finally {
      if (this.id === id) this.loading = false;
    }
  }

  async loadOlder(): Promise<void> {
    const id = this.id;
    const first = this.messages[0];
    if (!id || !first || !this.hasMore || this.loadingOlder) return;
    this.loadingOlder = true;
    try {
      const r = await this.api.olderMessages(id, first.seq);
      if (this.id !== id) return;
      this.messages = mergeMessages(r.messages, this.messages);
      this.hasMore = r.hasMore;
    } catch (err) {
      this.error = errorMessage(err);
    } finally {
      this.loadingOlder = false;
    }
  }

  applyMessage(ticketId: string, message: Message): void {
    if (ticketId !== this.id) return;
    this.messages = mergeMessages(this.messages, [message]);
    if (message.kind === "inbound") this.scheduleRead();
    // A reply to an away web-chat customer schedules the follow-up email, and its activity line says it went:
    // the detail's follow-up time changes with both.
    const d = this.detail;
    if (d?.channel === "webchat" && d.customerOnline === false && (message.kind === "activity" || message.source === "agent")) this.refreshSoon();
  }

  private refreshTimer: ReturnType<typeof setTimeout> | null = null;
  private refreshSoon(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => void this.reload(), 300);
  }

  applyTicket(live: LiveTicket): void {
    if (!this.detail || live.id !== this.id) return;
    const { lastMessage: _l, ...fields } = live;
    this.detail = { ...this.detail, ...fields };
  }

  private scheduleRead(): void {
    if (this.readTimer) clearTimeout(this.readTimer);
    this.readTimer = setTimeout(() => void this.markRead(), 800);
  }

  async markRead(): Promise<void> {
    const id = this.id;
    if (!id) return;
    this.deps.inbox.patch(id, { unread: false });
    try {
      await this.api.markRead(id, true);
    } catch {
      /* harmless: stays unread */
    }
    this.deps.inbox.scheduleCounts();
  }

  async markUnread(): Promise<void> {
    const id = this.id;
    if (!id) return;
    await this.api.markRead(id, false);
    this.deps.inbox.patch(id, { unread: true });
    this.deps.inbox.scheduleCounts();
  }

  setStatus(change: StatusChange): Promise<void> {
    return this.act((api, id) => api.setStatus(id, change));
  }

  /** Status of any ticket, open or not (Undo after the panel moved on to the next one). */
  setStatusOf(id: string, change: StatusChange): Promise<void> {
    return this.act((api, i) => api.setStatus(i, change), id);
  }

  patch(p: TicketPatch): Promise<void> {
    return this.act((api, id) => api.patch(id, p));
  }

  setAssignee(id: string, assigneeId: string | null): Promise<void> {
    return this.act((api, i) => api.patch(i, { assigneeId }), id);
  }

  leave(): Promise<void> {
    return this.act((api, id) => api.leave(id));
  }

  async setBlocked(blocked: boolean): Promise<void> {
    const d = this.detail;
    if (!d) return;
    await this.api.setBlocked(d.profile.id, blocked);
    await this.reload();
    this.deps.inbox.scheduleHead();
    this.deps.inbox.scheduleCounts();
  }

  async remove(): Promise<void> {
    const id = this.id;
    if (!id) return;
    await this.api.remove(id);
    this.deps.inbox.remove(id);
    this.deps.inbox.scheduleCounts();
    this.close();
  }

  private async act(fn: (api: Api, id: string) => Promise<TicketDetailResponse>, id = this.id): Promise<void> {
    if (!id) return;
    const r = await fn(this.api, id);
    if (this.id === id) this.take(r);
    const tk = r.ticket;
    this.deps.inbox.patch(id, { status: tk.status, snoozedUntil: tk.snoozedUntil, assigneeId: tk.assigneeId, tags: tk.tags, favorite: tk.favorite });
    this.deps.inbox.scheduleHead();
    this.deps.inbox.scheduleCounts();
  }

  private take(r: TicketDetailResponse): void {
    this.detail = r.ticket;
    const first = r.messages[0];
    // Keep older pages the agent already scrolled to; the fresh 50 replace the rest.
    const older = first ? this.messages.filter((m) => m.seq < first.seq) : [];
    this.messages = mergeMessages(older, r.messages);
    if (!older.length) this.hasMore = r.hasMore;
  }
}

/** Union by id, newest copy wins, ordered by seq. */
export function mergeMessages(a: readonly Message[], b: readonly Message[]): Message[] {
  const byId = new Map<string, Message>();
  for (const m of [...a, ...b]) byId.set(m.id, m);
  return [...byId.values()].sort((x, y) => x.seq - y.seq);
}
