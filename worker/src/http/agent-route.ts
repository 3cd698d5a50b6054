// The router's type and the agent-route wrapper, in a leaf module: route files import these, and only router.ts
// imports the route files, so the two never import each other.
import type { IRequest, Router } from "itty-router";
import type { Env } from "../env";
import { authenticate, bearer, requireInbox, type AgentContext } from "./auth";

export type AppRouter = ReturnType<typeof Router<IRequest, [Env, ExecutionContext]>>;
export type AgentHandler = (request: IRequest, env: Env, who: AgentContext, ctx: ExecutionContext) => Promise<Response> | Response;

/** Authenticates, then (unless `anyRole`) refuses roles that may not use the inbox. */
export const agentRoute =
  (handler: AgentHandler, opts: { anyRole?: boolean } = {}) =>
  async (request: IRequest, env: Env, ctx: ExecutionContext) => {
    const who = await authenticate(env, bearer(request));
    if (!opts.anyRole) requireInbox(who);
    return handler(request, env, who, ctx);
  };
