// GET /api/realtime?token=…: authenticates, then hands the WebSocket to the workspace's InboxObject.
import type { AppRouter } from "../http/agent-route";
import { authenticate, requireInbox } from "../http/auth";
import { HttpError } from "../http/errors";

export function registerRealtimeRoutes(router: AppRouter) {
  router.get("/api/realtime", async (request, env) => {
    if (request.headers.get("upgrade")?.toLowerCase() !== "websocket") throw new HttpError(426, "upgrade_required", "Connect with a WebSocket.");
    // Browsers cannot set headers on WebSocket requests, hence the token in the query.
    const token = new URL(request.url).searchParams.get("token") ?? request.headers.get("authorization")?.replace(/^Bearer\s+/i, "") ?? null;
    const who = requireInbox(await authenticate(env, token));
    const headers = new Headers(request.headers);
    headers.set("x-sidedesk-agent", who.agent.id);
    headers.set("x-sidedesk-workspace", who.workspace.id);
    return env.INBOX.get(env.INBOX.idFromName(who.workspace.id)).fetch(new Request(request.url, { headers }));
  });
}
