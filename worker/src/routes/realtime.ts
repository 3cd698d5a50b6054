// GET /api/realtime: authenticates, then hands the WebSocket to the workspace's InboxObject. The token comes as the
// offered subprotocol `bearer.<token>` (what the panel sends: never in a URL), or `?token=` (docs/api.md), or a header.
import { BEARER_PROTOCOL_PREFIX, REALTIME_PROTOCOL } from "../../../shared/schemas";
import type { AppRouter } from "../http/agent-route";
import { authenticate, requireInbox } from "../http/auth";
import { HttpError } from "../http/errors";

export function registerRealtimeRoutes(router: AppRouter) {
  router.get("/api/realtime", async (request, env) => {
    if (request.headers.get("upgrade")?.toLowerCase() !== "websocket") throw new HttpError(426, "upgrade_required", "Connect with a WebSocket.");
    const offered = (request.headers.get("sec-websocket-protocol") ?? "").split(",").map((p) => p.trim());
    const fromProtocol = offered.find((p) => p.startsWith(BEARER_PROTOCOL_PREFIX))?.slice(BEARER_PROTOCOL_PREFIX.length);
    const token = fromProtocol ?? new URL(request.url).searchParams.get("token") ?? request.headers.get("authorization")?.replace(/^Bearer\s+/i, "") ?? null;
    const who = requireInbox(await authenticate(env, token));
    const headers = new Headers(request.headers);
    headers.delete("sec-websocket-protocol"); // the token goes no further
    if (offered.includes(REALTIME_PROTOCOL)) headers.set("sec-websocket-protocol", REALTIME_PROTOCOL);
    headers.set("x-sidedesk-agent", who.agent.id);
    headers.set("x-sidedesk-workspace", who.workspace.id);
    return env.INBOX.get(env.INBOX.idFromName(who.workspace.id)).fetch(new Request(request.url, { headers }));
  });
}
