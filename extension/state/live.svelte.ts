// Connects the realtime socket to the stores: applies frames, and catches up (re-fetches) after every reconnect.
import type { RealtimeEvent } from "../../shared/schemas";
import type { Api } from "../lib/api";
import { RealtimeSocket, type LiveStatus } from "../lib/realtime";
import type { InboxStore } from "./inbox.svelte";
import type { OutboxState } from "./outbox.svelte";
import type { TicketStore } from "./ticket.svelte";
import type { Approvals } from "./approvals.svelte";

export class LiveState {
  status = $state<LiveStatus>("stopped");
  online = $state(typeof navigator === "undefined" ? true : navigator.onLine);
  presence = $state.raw<string[]>([]);
  private socket: RealtimeSocket | null = null;

  constructor(
    private readonly deps: {
      api: () => Api | null;
      inbox: InboxStore;
      ticket: TicketStore;
      outbox: OutboxState;
      approvals?: Approvals;
      onPresence?: () => void;
    },
  ) {}

  start(): void {
    const api = this.deps.api();
    if (!api || this.socket) return;
    this.socket = new RealtimeSocket({
      url: () => (this.deps.api() ?? api).realtimeUrl(),
      protocols: () => (this.deps.api() ?? api).realtimeProtocols(), // the current token, also after it was renewed
      onStatus: (s) => {
        this.status = s;
      },
      onConnected: (reconnected) => this.catchUp(reconnected),
      onEvent: (e) => this.apply(e),
    });
    this.socket.start();
    addEventListener("online", this.onOnline);
    addEventListener("offline", this.onOffline);
  }

  stop(): void {
    this.socket?.stop();
    this.socket = null;
    removeEventListener("online", this.onOnline);
    removeEventListener("offline", this.onOffline);
  }

  private onOnline = () => {
    this.online = true;
    this.socket?.nudge();
    void this.deps.outbox.flush();
  };

  private onOffline = () => {
    this.online = false;
    this.socket?.wentOffline();
  };

  private catchUp(reconnected: boolean): void {
    const { inbox, ticket, outbox } = this.deps;
    void inbox.refreshCounts();
    void outbox.flush();
    if (reconnected) {
      void inbox.load();
      void ticket.reload();
      void this.deps.approvals?.load();
    }
  }

  apply(e: RealtimeEvent): void {
    const { inbox, ticket } = this.deps;
    switch (e.type) {
      case "ticket.updated":
        inbox.applyTicket(e.ticket);
        ticket.applyTicket(e.ticket);
        return;
      case "ticket.deleted":
        inbox.remove(e.ticketId);
        if (ticket.id === e.ticketId) ticket.close();
        return;
      case "message.created":
      case "message.updated":
        ticket.applyMessage(e.ticketId, e.message);
        if (e.type === "message.created") inbox.applyMessage(e.ticketId, e.message.kind, ticket.id);
        return;
      case "counts.changed":
        inbox.scheduleCounts();
        return;
      case "hello":
      case "presence":
        this.presence = e.online;
        this.deps.onPresence?.();
        return;
      case "approval.changed":
        this.deps.approvals?.apply(e.action);
        return;
      case "pong":
        return;
    }
  }
}
