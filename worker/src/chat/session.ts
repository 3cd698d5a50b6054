// Who a widget request is: its workspace, chat session and session token, and the ticket object that session names.
import type { IRequest } from "itty-router";
import { ChatSessionId } from "../../../shared/schemas/chat";
import type { Env } from "../env";
import { channels } from "../channels";
import { bearer } from "../http/auth";
import { HttpError, parseOr400 } from "../http/errors";
import { getWorkspace } from "../db/workspaces";
import { loadSettings } from "../db/settings";
import type { ChatAuth } from "../objects/ticket-chat";
import { directory } from "../db/shards";

const WORKSPACE_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function workspaceIdOf(request: IRequest): string {
  const id = request.params.workspaceId ?? "";
  if (!WORKSPACE_ID.test(id)) throw new HttpError(404, "workspace_not_found", "No such workspace.");
  return id;
}

export async function chatWorkspace(env: Env, workspaceId: string) {
  const workspace = await getWorkspace(directory(env), workspaceId);
  if (!workspace) throw new HttpError(404, "workspace_not_found", "No such workspace.");
  const { settings } = await loadSettings(directory(env), workspaceId);
  return { workspace, settings };
}

/** The session token comes as `Authorization: Bearer` (HTTP) or `?token=` (WebSocket: browsers cannot set headers). */
export function chatAuth(request: IRequest, token = bearer(request)): ChatAuth {
  const workspaceId = workspaceIdOf(request);
  const sessionId = parseOr400(ChatSessionId, request.params.sessionId, "session id");
  if (!token) throw new HttpError(401, "missing_session_token", "Send the chat session token as `Authorization: Bearer <token>`.");
  return { workspaceId, sessionId, token };
}

/** Named from workspace and session, so concurrent first messages of one session meet in one object. */
export const chatStub = (env: Env, auth: { workspaceId: string; sessionId: string }) =>
  env.TICKETS.get(env.TICKETS.idFromName(channels.webchat.ticketName(auth.workspaceId, auth.sessionId)));

export async function readJsonOrEmpty(request: Request): Promise<unknown> {
  const text = await request.text();
  if (!text.trim()) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, "invalid_json", "The request body is not valid JSON.");
  }
}

/** With `webchat.allowedOrigins` set, only those storefronts may chat, and only their pages are linked in follow-up emails. */
export function checkOrigin(request: Request, allowed: string[], pageUrl: string | undefined): string | null {
  if (allowed.length === 0) return pageUrl ?? null;
  const origin = request.headers.get("origin");
  if (!origin || !allowed.includes(origin)) throw new HttpError(403, "origin_not_allowed", "This site is not allowed to use this workspace's chat.");
  return pageUrl && allowed.includes(new URL(pageUrl).origin) ? pageUrl : null;
}

/** Public widget: a visitor (by IP, which Cloudflare always sets) may start only so many chats a minute. */
export async function throttleChatStart(env: Env, request: Request, workspaceId: string): Promise<void> {
  const ip = request.headers.get("cf-connecting-ip");
  if (!ip || !env.CHAT_LIMITER) return;
  const { success } = await env.CHAT_LIMITER.limit({ key: `${workspaceId}:${ip}` });
  if (!success) throw new HttpError(429, "rate_limited", "Too many chats started from here; try again in a minute.");
}
