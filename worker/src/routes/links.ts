// GET /s/:code — short links in outbound SMS: count the click and redirect.
import type { AppRouter } from "../http/agent-route";
import { followShortLink } from "../integrations/shortener";

export function registerLinkRoutes(router: AppRouter) {
  router.get("/s/:code", async (request, env) => {
    const url = await followShortLink(env.DB, request.params.code!);
    return url ? Response.redirect(url, 302) : new Response("This link does not exist.", { status: 404 });
  });
}
