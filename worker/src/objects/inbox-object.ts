// InboxObject: one per workspace. Holds agents' hibernatable WebSockets, knows who is online, fans out ticket events.
import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env";
import { REALTIME_PROTOCOL, RealtimeClientFrame, type RealtimeEvent } from "../../../shared/schemas";
import { directory } from "../db/shards";
import { operatorIds } from "../db/workspaces";
import { RuleClockSweep } from "./rule-clock-sweep";

interface Attachment {
  agentId: string;
  workspaceId: string;
}

/** counts.changed goes out at most about this often per workspace: every commit invites every panel to re-count. */
export const COUNTS_FRAME_EVERY_MS = 1000;

export class InboxObject extends DurableObject<Env> {
  private lastCountsAt = 0;
  private countsPending = false;

  /** WebSocket upgrade; the worker has already authenticated the agent and passes who it is in headers. */
  override async fetch(request: Request): Promise<Response> {
    const agentId = request.headers.get("x-sidedesk-agent");
    const workspaceId = request.headers.get("x-sidedesk-workspace");
    if (request.headers.get("upgrade")?.toLowerCase() !== "websocket" || !agentId || !workspaceId) {
      return new Response("expected an authenticated WebSocket upgrade", { status: 426 });
    }
    const pair = new WebSocketPair();
    const [client, server] = [pair[0], pair[1]];
    this.ctx.acceptWebSocket(server, [agentId]);
    server.serializeAttachment({ agentId, workspaceId } satisfies Attachment);
    const operators = await this.operators(workspaceId);
    server.send(JSON.stringify({ type: "hello", agentId, online: this.online(), operators } satisfies RealtimeEvent));
    this.broadcast({ type: "presence", online: this.online(), operators });
    // A client that offered our subprotocol must get it back, or the browser drops the connection.
    const protocol = request.headers.get("sec-websocket-protocol") === REALTIME_PROTOCOL ? { "sec-websocket-protocol": REALTIME_PROTOCOL } : undefined;
    return new Response(null, { status: 101, webSocket: client, headers: protocol });
  }

  /** Called by TicketObjects (and routes) after a change. The workspace check is a second guard against misrouting. */
  async publish(workspaceId: string, events: RealtimeEvent[]): Promise<void> {
    const frames = events.filter((e) => e.type !== "counts.changed");
    for (const ws of this.ctx.getWebSockets()) {
      const a = ws.deserializeAttachment() as Attachment | null;
      if (a?.workspaceId !== workspaceId) continue;
      for (const e of frames) safeSend(ws, e);
    }
    if (frames.length < events.length) await this.countsChanged();
  }

  /**
   * The first change in a quiet second is announced at once; later ones fold into one trailing frame a second after the
   * last frame (armed as an alarm, so it survives eviction). The last change is always announced.
   */
  private async countsChanged(): Promise<void> {
    if (this.countsPending) return;
    const now = Date.now(); // rate limiting runs on the wall clock, like the alarm it arms
    if (now - this.lastCountsAt >= COUNTS_FRAME_EVERY_MS) {
      this.lastCountsAt = now;
      this.broadcast({ type: "counts.changed" });
      return;
    }
    this.countsPending = true;
    await this.ctx.storage.setAlarm(this.lastCountsAt + COUNTS_FRAME_EVERY_MS);
  }

  /** A waiting rule was saved: every open ticket of the workspace sets its clock from it, a batch per alarm. */
  async sweepRuleClocks(workspaceId: string): Promise<void> {
    await new RuleClockSweep(this.env, this.ctx).start(workspaceId);
  }

  override async alarm(): Promise<void> {
    await new RuleClockSweep(this.env, this.ctx).step();
    this.countsPending = false;
    this.lastCountsAt = Date.now();
    this.broadcast({ type: "counts.changed" });
  }

  /** Operator mode changed: everyone's Operators list and counts need refreshing. */
  async announcePresence(workspaceId: string): Promise<void> {
    this.broadcast({ type: "presence", online: this.online(), operators: await this.operators(workspaceId) });
    await this.countsChanged();
  }

  async presence(): Promise<{ online: string[] }> {
    return { online: this.online() };
  }

  override async webSocketMessage(ws: WebSocket, raw: string | ArrayBuffer): Promise<void> {
    let frame: unknown;
    try {
      frame = JSON.parse(typeof raw === "string" ? raw : new TextDecoder().decode(raw));
    } catch {
      return;
    }
    const parsed = RealtimeClientFrame.safeParse(frame);
    if (parsed.success && parsed.data.type === "ping") safeSend(ws, { type: "pong" });
  }

  override async webSocketClose(ws: WebSocket): Promise<void> {
    await this.afterLeave(ws);
  }

  override async webSocketError(ws: WebSocket): Promise<void> {
    await this.afterLeave(ws);
  }

  private async afterLeave(closed: WebSocket) {
    const a = closed.deserializeAttachment() as Attachment | null;
    if (!a) return;
    const online = this.online(closed);
    this.broadcast({ type: "presence", online, operators: await this.operators(a.workspaceId) }, closed);
  }

  private online(except?: WebSocket): string[] {
    return [
      ...new Set(
        this.ctx
          .getWebSockets()
          .filter((ws) => ws !== except)
          .flatMap((ws) => this.ctx.getTags(ws)),
      ),
    ];
  }

  private async operators(workspaceId: string): Promise<string[]> {
    return operatorIds(directory(this.env), workspaceId);
  }

  private broadcast(event: RealtimeEvent, except?: WebSocket) {
    for (const ws of this.ctx.getWebSockets()) if (ws !== except) safeSend(ws, event);
  }
}

function safeSend(ws: WebSocket, event: RealtimeEvent) {
  try {
    ws.send(JSON.stringify(event));
  } catch {
    // a socket closing under us; its close handler updates presence
  }
}
