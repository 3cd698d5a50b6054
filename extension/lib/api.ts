// Typed client for the agent API (docs/api.md §2 Routes): every response is parsed with a zod schema before use.
import { z } from "zod";
import type { Locale } from "../../shared/i18n/locales";
import type { TicketFilter } from "../../shared/schemas";
import {
  BEARER_PROTOCOL_PREFIX,
  BulkResult,
  ErrorBody,
  OrderActionResponse,
  OrderCancelResponse,
  OrderEditResponse,
  OrderList,
  REALTIME_PROTOCOL,
  RemovedAgent,
  type BulkBody,
  type NewAgentMessage,
  type QuickReplyBody,
  type SavedViewBody,
  type StatusChange,
  type TicketListQuery,
  type TicketPatch,
} from "../../shared/schemas";
import { IDEMPOTENCY_HEADER } from "../../shared/schemas";
import {
  AgentList,
  Counts,
  FileLink,
  UploadedFile,
  Me,
  NewAgentResponse,
  OlderMessages,
  PostedMessage,
  ProfileView,
  QuickReplyList,
  QuickReplyResponse,
  SavedViewList,
  SavedViewResponse,
  TicketDetailResponse,
  TicketPage,
} from "./schemas";
import { t } from "./i18n.svelte";

export type ApiErrorKind = "network" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "invalid" | "server" | "not_sidedesk";

export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
  /** Worth retrying later (network down, worker restarting) rather than showing as a final failure. */
  get retryable(): boolean {
    return this.kind === "network" || this.kind === "server";
  }
}

/** "shop.example.com/" → "https://shop.example.com"; localhost defaults to http. */
export function normalizeBaseUrl(input: string): string {
  let s = input.trim();
  if (!s) throw new ApiError("invalid", 0, "empty_url", t("signin.errors.emptyUrl"));
  if (!/^https?:\/\//i.test(s)) s = (/^(localhost|127\.|\[::1\])/i.test(s) ? "http://" : "https://") + s;
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    throw new ApiError("invalid", 0, "bad_url", t("signin.errors.badUrl", { input: input.trim() }));
  }
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, "")}`;
}

const kindOf = (status: number): ApiErrorKind =>
  status === 401
    ? "unauthorized"
    : status === 403
      ? "forbidden"
      : status === 404
        ? "not_found"
        : status === 409
          ? "conflict"
          : status >= 500
            ? "server"
            : "invalid";

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export class Api {
  constructor(
    readonly baseUrl: string,
    readonly token: string,
    private readonly fetchImpl: Fetch = (i, init) => fetch(i, init),
  ) {}

  /** JSON in and out; `file` sends a file as the body instead (its type as Content-Type). */
  async request<T>(
    schema: z.ZodType<T, z.ZodTypeDef, unknown>,
    method: string,
    path: string,
    body?: unknown,
    file?: Blob,
    headers: Record<string, string> = {},
  ): Promise<T> {
    let res: Response;
    const type = file ? file.type || "application/octet-stream" : body !== undefined ? "application/json" : null;
    try {
      res = await this.fetchImpl(this.baseUrl + path, {
        method,
        headers: { authorization: `Bearer ${this.token}`, ...(type ? { "content-type": type } : {}), ...headers },
        body: file ?? (body === undefined ? undefined : JSON.stringify(body)),
      });
    } catch {
      const offline = typeof navigator !== "undefined" && navigator.onLine === false;
      throw new ApiError("network", 0, "network", offline ? t("signin.errors.offline") : t("signin.errors.unreachable", { url: this.baseUrl }));
    }
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      throw new ApiError(
        res.ok ? "not_sidedesk" : kindOf(res.status),
        res.status,
        "not_json",
        t("signin.errors.notJson", { url: this.baseUrl, status: String(res.status) }),
      );
    }
    if (!res.ok) {
      const err = ErrorBody.safeParse(json);
      if (!err.success)
        throw new ApiError("not_sidedesk", res.status, "unexpected", t("signin.errors.unexpectedStatus", { url: this.baseUrl, status: String(res.status) }));
      throw new ApiError(kindOf(res.status), res.status, err.data.error.code, err.data.error.message);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success)
      throw new ApiError(
        "not_sidedesk",
        res.status,
        "bad_response",
        t("signin.errors.badResponse", { path, reason: parsed.error.issues[0]?.message ?? t("signin.errors.invalid") }),
      );
    return parsed.data;
  }

  me() {
    return this.request(Me, "GET", "/api/me");
  }
  setOperator(operator: boolean) {
    return this.request(Me, "PATCH", "/api/me", { operator });
  }
  /** The agent's panel language; null follows the browser's. */
  setLanguage(language: Locale | null) {
    return this.request(Me, "PATCH", "/api/me", { language });
  }
  /** The tags the agent follows (recommended first for tickets with them). */
  setFollowedTags(followedTags: string[]) {
    return this.request(Me, "PATCH", "/api/me", { followedTags });
  }
  /** Emails about new customer messages on followed tickets while the agent is offline. */
  setNotifyFollowed(notifyFollowed: boolean) {
    return this.request(Me, "PATCH", "/api/me", { notifyFollowed });
  }
  agents() {
    return this.request(AgentList, "GET", "/api/agents").then((r) => r.agents);
  }
  addAgent(body: { name: string; email: string; role: "admin" | "manager" | "support" | "analyst" }) {
    return this.request(NewAgentResponse, "POST", "/api/agents", body);
  }
  removeAgent(id: string) {
    return this.request(RemovedAgent, "DELETE", `/api/agents/${enc(id)}`);
  }
  renewToken(id: string) {
    return this.request(NewAgentResponse, "POST", `/api/agents/${enc(id)}/token`);
  }
  counts() {
    return this.request(Counts, "GET", "/api/tickets/counts");
  }
  tickets(query: Partial<TicketListQuery>) {
    return this.request(TicketPage, "GET", `/api/tickets?${toQuery(query)}`);
  }
  ticket(id: string) {
    return this.request(TicketDetailResponse, "GET", `/api/tickets/${enc(id)}`);
  }
  olderMessages(id: string, before: number) {
    return this.request(OlderMessages, "GET", `/api/tickets/${enc(id)}/messages?before=${before}`);
  }
  /** Stores a file on the ticket, to send with the next reply or note. */
  uploadFile(ticketId: string, file: File) {
    return this.request(UploadedFile, "POST", `/api/tickets/${enc(ticketId)}/files?name=${enc(file.name || "file")}`, undefined, file).then((r) => r.file);
  }
  /** A short-lived link that shows (safe images) or downloads one of the ticket's files. */
  fileLink(ticketId: string, fileId: string) {
    return this.request(FileLink, "GET", `/api/tickets/${enc(ticketId)}/files/${enc(fileId)}`);
  }
  postMessage(id: string, body: NewAgentMessage) {
    return this.request(PostedMessage, "POST", `/api/tickets/${enc(id)}/messages`, body).then((r) => r.message);
  }
  setStatus(id: string, change: StatusChange) {
    return this.request(TicketDetailResponse, "POST", `/api/tickets/${enc(id)}/status`, change);
  }
  patch(id: string, patch: TicketPatch) {
    return this.request(TicketDetailResponse, "PATCH", `/api/tickets/${enc(id)}`, patch);
  }
  markRead(id: string, read: boolean) {
    return this.request(z.unknown(), "POST", `/api/tickets/${enc(id)}/${read ? "read" : "unread"}`);
  }
  leave(id: string) {
    return this.request(TicketDetailResponse, "POST", `/api/tickets/${enc(id)}/leave`);
  }
  remove(id: string) {
    return this.request(z.unknown(), "DELETE", `/api/tickets/${enc(id)}`);
  }
  bulk(body: BulkBody) {
    return this.request(BulkResult, "POST", "/api/tickets/bulk", body);
  }
  /** Owner only: the tickets with their whole threads, as the worker's export file. */
  exportTickets(body: { ids: string[] } | { filter: TicketFilter }) {
    return this.request(z.object({ tickets: z.array(z.unknown()) }).passthrough(), "POST", "/api/tickets/export", body);
  }
  profile(id: string, metric?: string) {
    return this.request(ProfileView, "GET", `/api/profiles/${enc(id)}${metric ? `?metric=${enc(metric)}` : ""}`);
  }
  setBlocked(profileId: string, blocked: boolean) {
    return this.request(z.unknown(), "POST", `/api/profiles/${enc(profileId)}/${blocked ? "block" : "unblock"}`);
  }
  profileOrders(profileId: string) {
    return this.request(OrderList, "GET", `/api/profiles/${enc(profileId)}/orders`);
  }
  searchOrders(q: string) {
    return this.request(OrderList, "GET", `/api/orders?q=${enc(q)}`);
  }
  /** With `ticketId`, the worker also leaves a note on that ticket saying what changed. */
  editQuantity(orderId: string, body: { lineItemId: string; quantity: number; ticketId?: string }) {
    return this.request(OrderEditResponse, "POST", `/api/orders/${enc(orderId)}/edit-quantity`, body);
  }
  /** Done at once, or (with a refund above the agent's limit) a request waiting for an admin: `{ action }`. */
  cancelOrder(orderId: string, body: { reason: string; refund: boolean; restock: boolean; ticketId?: string }, key: string) {
    return this.request(z.union([OrderCancelResponse, OrderActionResponse]), "POST", `/api/orders/${enc(orderId)}/cancel`, body, undefined, {
      [IDEMPOTENCY_HEADER]: key,
    });
  }

  quickReplies(q?: string) {
    return this.request(QuickReplyList, "GET", `/api/quick-replies${q?.trim() ? `?q=${enc(q.trim())}` : ""}`).then((r) => r.quickReplies);
  }
  createQuickReply(body: QuickReplyBody) {
    return this.request(QuickReplyResponse, "POST", "/api/quick-replies", body).then((r) => r.quickReply);
  }
  updateQuickReply(id: string, body: QuickReplyBody) {
    return this.request(QuickReplyResponse, "PUT", `/api/quick-replies/${enc(id)}`, body).then((r) => r.quickReply);
  }
  deleteQuickReply(id: string) {
    return this.request(z.unknown(), "DELETE", `/api/quick-replies/${enc(id)}`);
  }
  views() {
    return this.request(SavedViewList, "GET", "/api/views").then((r) => r.views);
  }
  createView(body: SavedViewBody) {
    return this.request(SavedViewResponse, "POST", "/api/views", body).then((r) => r.view);
  }
  deleteView(id: string) {
    return this.request(z.unknown(), "DELETE", `/api/views/${enc(id)}`);
  }

  /** The live socket's address; the token travels as a subprotocol, never in the URL (shared/schemas/realtime.ts). */
  realtimeUrl(): string {
    return `${this.baseUrl.replace(/^http/i, "ws")}/api/realtime`;
  }
  realtimeProtocols(): string[] {
    return [REALTIME_PROTOCOL, `${BEARER_PROTOCOL_PREFIX}${this.token}`];
  }
}

const enc = encodeURIComponent;

export function toQuery(q: Partial<TicketListQuery>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== "") params.set(k, String(v));
  return params.toString();
}

/** A user-facing sentence for any failure. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error) return err.message;
  return t("signin.errors.generic");
}
