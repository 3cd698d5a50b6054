// Bearer token → agent. Tokens are stored only as SHA-256 hashes and compared in constant time.
import { INBOX_ROLES, type Role } from "../../../shared/schemas";
import type { Env } from "../env";
import { agentAndWorkspaceByTokenHash } from "../db/workspaces";
import { safeEqual, sha256Hex } from "./crypto";
import { forbidden, HttpError } from "./errors";
import { directory } from "../db/shards";

export interface AgentContext {
  agent: { id: string; workspaceId: string; name: string; email: string; role: Role; operator: boolean; createdAt: string };
  workspace: { id: string; name: string; timezone: string; createdAt: string };
}

export function bearer(request: Request): string | null {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1] ?? null;
}

/**
 * Token hash → agent and workspace, kept by each isolate for a few seconds so a busy panel's requests cost no D1 read.
 * Removing an agent, renewing a token, operator mode and workspace settings drop the workspace's entries here at once;
 * another isolate notices within AUTH_TTL_MS.
 */
export const AUTH_TTL_MS = 5000;
const MAX_KNOWN = 1000;
const known = new Map<string, { at: number; ctx: AgentContext }>();

export async function authenticate(env: Env, token: string | null): Promise<AgentContext> {
  if (!token) throw new HttpError(401, "unauthorized", "Send an agent token as `Authorization: Bearer <token>`.");
  const hash = await sha256Hex(token);
  const hit = known.get(hash);
  if (hit && Date.now() - hit.at < AUTH_TTL_MS) return hit.ctx;
  const found = await agentAndWorkspaceByTokenHash(directory(env), hash);
  if (!found || !safeEqual(found.tokenHash, hash)) throw new HttpError(401, "unauthorized", "That token is not valid.");
  const ctx = { agent: found.agent, workspace: found.workspace };
  known.set(hash, { at: Date.now(), ctx });
  if (known.size > MAX_KNOWN) known.delete(known.keys().next().value as string);
  return ctx;
}

/** Drops every cached token of a workspace: an agent was removed or renewed, or the agent or workspace changed. */
export function forgetTokens(workspaceId: string) {
  for (const [hash, entry] of known) if (entry.ctx.workspace.id === workspaceId) known.delete(hash);
}

/** The inbox is for owner, admin, manager and support; other roles (e.g. analyst) are refused. */
export function requireInbox(ctx: AgentContext): AgentContext {
  if (!INBOX_ROLES.includes(ctx.agent.role)) throw forbidden(`The ${ctx.agent.role} role cannot use the inbox.`);
  return ctx;
}

export function requireRole(ctx: AgentContext, roles: readonly Role[], what: string): AgentContext {
  if (!roles.includes(ctx.agent.role)) throw forbidden(`Only ${roles.join(" or ")} may ${what}.`);
  return ctx;
}

export const OWNER_ADMIN: readonly Role[] = ["owner", "admin"];
export const OWNER: readonly Role[] = ["owner"];
