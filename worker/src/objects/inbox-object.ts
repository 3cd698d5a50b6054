// InboxObject: one per workspace. Holds agents' hibernatable WebSockets, knows who is online, fans out ticket events.
import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env";
import { RealtimeClientFrame, type RealtimeEvent } from "../../../shared/schemas";

interface Attachment { agentId: string; workspaceId: string }

export class InboxObject extends DurableObject<Env> {
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
    return new Response(null, { status: 101, webSocket: client });
  }

  /** Called by TicketObjects (and routes) after a change. The workspace check is a second guard against misrouting. */
  async publish(workspaceId: string, events: RealtimeEvent[]): Promise<void> {
    for (const ws of this.ctx.getWebSockets()) {
      const a = ws.deserializeAttachment() as Attachment | null;
      if (a?.workspaceId !== workspaceId) continue;
      for (const e of events) safeSend(ws, e);
    }
  }

  /** Operator mode changed: everyone's Operators list and counts need refreshing. */
  async announcePresence(workspaceId: string): Promise<void> {
    this.broadcast({ type: "presence", online: this.online(), operators: await this.operators(workspaceId) });
    this.broadcast({ type: "counts.changed" });
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
    return [...new Set(this.ctx.getWebSockets().filter((ws) => ws !== except).flatMap((ws) => this.ctx.getTags(ws)))];
  }

  private async operators(workspaceId: string): Promise<string[]> {
    const { results } = await this.env.DB.prepare("SELECT id FROM agents WHERE workspace_id = ?1 AND operator = 1").bind(workspaceId).all<{ id: string }>();
    return results.map((r) => r.id);
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
