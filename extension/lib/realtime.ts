// WebSocket to /api/realtime with exponential backoff, heartbeats and a catch-up hook on every (re)connect.
import { RealtimeEvent } from "../../shared/schemas";

export type LiveStatus = "connecting" | "live" | "reconnecting" | "offline" | "stopped";

interface SocketLike {
  readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
}

export interface RealtimeOptions {
  url: () => string;
  /** Subprotocols offered with each connection (the token: see Api.realtimeProtocols). */
  protocols?: () => string[];
  onEvent: (event: RealtimeEvent) => void;
  /** Called after the first `hello` of each connection; `reconnected` is true after a drop, so callers re-fetch. */
  onConnected?: (reconnected: boolean) => void;
  onStatus?: (status: LiveStatus) => void;
  createSocket?: (url: string, protocols: string[]) => SocketLike;
  baseDelayMs?: number;
  maxDelayMs?: number;
  heartbeatMs?: number;
  random?: () => number;
}

/** Delay before reconnect attempt `attempt` (0-based): base·2^attempt capped, with 50–100 % jitter. */
export function backoffDelay(attempt: number, base = 1000, max = 30_000, random: () => number = Math.random): number {
  const raw = Math.min(max, base * 2 ** Math.min(attempt, 16));
  return Math.round(raw * (0.5 + random() / 2));
}

export class RealtimeSocket {
  private socket: SocketLike | null = null;
  private attempt = 0;
  private everConnected = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private lastFrameAt = 0;
  private stopped = true;
  status: LiveStatus = "stopped";

  constructor(private readonly opts: RealtimeOptions) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.clearTimers();
    const s = this.socket;
    this.socket = null;
    if (s) {
      s.onclose = null;
      s.close(1000, "bye");
    }
    this.setStatus("stopped");
  }

  /** Reconnect now (e.g. the browser said it is online again) instead of waiting out the backoff. */
  nudge(): void {
    if (this.stopped || this.status === "live" || this.status === "connecting") return;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.connect();
  }

  /** The network went away: drop the socket and wait for `nudge` or the backoff timer. */
  wentOffline(): void {
    if (this.stopped) return;
    this.dropSocket();
    this.setStatus("offline");
    this.scheduleRetry();
  }

  private connect(): void {
    this.setStatus(this.everConnected ? "reconnecting" : "connecting");
    let socket: SocketLike;
    try {
      const create = this.opts.createSocket ?? ((u, p) => new WebSocket(u, p) as unknown as SocketLike);
      socket = create(this.opts.url(), this.opts.protocols?.() ?? []);
    } catch {
      this.scheduleRetry();
      return;
    }
    this.socket = socket;
    socket.onmessage = (ev) => this.onFrame(ev.data);
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.clearHeartbeat();
      if (!this.stopped) this.scheduleRetry();
    };
    socket.onerror = () => {
      /* onclose follows and schedules the retry */
    };
  }

  private onFrame(data: unknown): void {
    this.lastFrameAt = Date.now();
    let json: unknown;
    try {
      json = JSON.parse(String(data));
    } catch {
      return;
    }
    const parsed = RealtimeEvent.safeParse(json);
    if (!parsed.success) return;
    if (parsed.data.type === "hello") {
      const reconnected = this.everConnected;
      this.everConnected = true;
      this.attempt = 0;
      this.setStatus("live");
      this.startHeartbeat();
      this.opts.onConnected?.(reconnected);
    }
    this.opts.onEvent(parsed.data);
  }

  private startHeartbeat(): void {
    this.clearHeartbeat();
    const every = this.opts.heartbeatMs ?? 25_000;
    this.heartbeat = setInterval(() => {
      // Two silent intervals: the socket is dead even if the browser has not noticed (sleep, network change).
      if (Date.now() - this.lastFrameAt > every * 2) {
        this.dropSocket();
        this.scheduleRetry();
        return;
      }
      try {
        this.socket?.send(JSON.stringify({ type: "ping" }));
      } catch {
        /* close handler retries */
      }
    }, every);
  }

  private scheduleRetry(): void {
    if (this.stopped || this.retryTimer) return;
    if (this.status !== "offline") this.setStatus(this.everConnected ? "reconnecting" : "connecting");
    const delay = backoffDelay(this.attempt, this.opts.baseDelayMs, this.opts.maxDelayMs, this.opts.random);
    this.attempt += 1;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect();
    }, delay);
  }

  private dropSocket(): void {
    const s = this.socket;
    this.socket = null;
    this.clearHeartbeat();
    if (s) {
      s.onclose = null;
      s.onmessage = null;
      try {
        s.close(4000, "stale");
      } catch {
        /* already closed */
      }
    }
  }

  private clearHeartbeat(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }

  private clearTimers(): void {
    this.clearHeartbeat();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private setStatus(s: LiveStatus): void {
    if (this.status === s) return;
    this.status = s;
    this.opts.onStatus?.(s);
  }
}
