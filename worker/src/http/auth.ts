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

export async function authenticate(env: Env, token: string | null): Promise<AgentContext> {
  if (!token) throw new HttpError(401, "unauthorized", "Send an agent token as `Authorization: Bearer <token>`.");
  const hash = await sha256Hex(token);
  // One query: no cache, so a removed agent or a renewed token stops working at once.
  const found = await agentAndWorkspaceByTokenHash(directory(env), hash);
  if (!found || !safeEqual(found.tokenHash, hash)) throw new HttpError(401, "unauthorized", "That token is not valid.");
  return { agent: found.agent, workspace: found.workspace };
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
