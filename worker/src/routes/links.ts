// GET /s/:code — short links in outbound SMS: count the click and redirect.
import type { AppRouter } from "../http/agent-route";
import { followShortLink } from "../db/short-links";
import { directory } from "../db/shards";

export function registerLinkRoutes(router: AppRouter) {
  router.get("/s/:code", async (request, env) => {
    const url = await followShortLink(directory(env), request.params.code!);
    return url ? Response.redirect(url, 302) : new Response("This link does not exist.", { status: 404 });
  });
}
