// GET /widget.js (the embeddable chat widget, served as text) and, in development, GET /demo/store (a storefront that embeds it).
import rawWidgetSource from "./widget/sidedesk.widget.js";
import { widgetTexts } from "./widget-texts";
import { isDevelopment } from "../env";
import type { AppRouter } from "../http/agent-route";
import { HttpError } from "../http/errors";
import { sha256Hex } from "../http/crypto";
import { demoStorePage } from "./demo-store";
import { directory } from "../db/shards";
import { demoWorkspace } from "../db/workspaces";

/** English ships inside the script (the fallback); /chat/:ws/config sends the visitor's language's texts. */
const widgetSource = rawWidgetSource.replace("/*__SIDEDESK_WIDGET_STRINGS__*/ {}", () => JSON.stringify(widgetTexts("en")));
let etag: Promise<string> | null = null;

export function registerWidgetRoutes(router: AppRouter) {
  router.get("/widget.js", async (request) => {
    etag ??= sha256Hex(widgetSource).then((h) => `"${h.slice(0, 32)}"`);
    const tag = await etag;
    const headers = {
      "content-type": "text/javascript; charset=utf-8",
      // Short max-age so fixes reach storefronts quickly; revalidation is cheap thanks to the ETag.
      "cache-control": "public, max-age=300, stale-while-revalidate=86400",
      etag: tag,
      "access-control-allow-origin": "*",
      "x-content-type-options": "nosniff",
    };
    if (request.headers.get("if-none-match") === tag) return new Response(null, { status: 304, headers });
    return new Response(widgetSource, { headers });
  });

  router.get("/demo/store", async (request, env) => {
    if (!isDevelopment(env)) throw new HttpError(404, "not_found", "No such route.");
    const query = new URL(request.url).searchParams;
    const asked = query.get("workspace");
    const row = await demoWorkspace(directory(env), asked);
    if (!row) throw new HttpError(404, "workspace_not_found", "No workspace yet: run the seed (npm start) or POST /api/setup first.");
    return new Response(demoStorePage(row, query.get("lang")), { headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
  });
}
