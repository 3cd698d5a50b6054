// GET /s/:code — short links in outbound SMS: count the click, tell the message that carried it, log it on the
// customer's activity (with the ticket's flow or campaign attribution), and redirect.
import * as clock from "../clock";
import type { AppRouter } from "../http/agent-route";
import type { Env } from "../env";
import { followShortLink } from "../db/short-links";
import { insertProfileEvent } from "../db/profiles";
import { dbFor, directory } from "../db/shards";

export function registerLinkRoutes(router: AppRouter) {
  router.get("/s/:code", async (request, env) => {
    const code = request.params.code!;
    const link = await followShortLink(directory(env), code);
    if (!link) return new Response("This link does not exist.", { status: 404 });
    if (link.ticketId) await recordClick(env, code, { ...link, ticketId: link.ticketId });
    return Response.redirect(link.url, 302);
  });
}

/** Best effort: the customer is redirected whatever happens here. */
async function recordClick(env: Env, code: string, link: { url: string; workspaceId: string; ticketId: string }) {
  try {
    const stub = env.TICKETS.get(env.TICKETS.idFromString(link.ticketId));
    await stub.linkClicked(link.workspaceId, code);
    const view = await stub.view(link.workspaceId, "");
    if (!view.ok) return;
    const { profile, attribution } = view.value.state;
    await insertProfileEvent(dbFor(env, link.workspaceId), {
      id: `click:${code}:${clock.now()}`,
      workspaceId: link.workspaceId,
      profileId: profile.id,
      metric: "Clicked SMS link",
      properties: { url: link.url, ticketId: link.ticketId, ...(attribution ? { [attribution.type]: attribution.name } : {}) },
      at: clock.now(),
    });
  } catch (err) {
    console.warn("could not record a link click", err instanceof Error ? err.message : err);
  }
}
