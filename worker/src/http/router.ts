// Assembles the routes. Handlers get (request, env, ctx); agent routes are wrapped by `agentRoute` (http/agent-route.ts).
import { Router, type IRequest } from "itty-router";
import type { Env } from "../env";
import type { AppRouter } from "./agent-route";
import { errorResponse, HttpError } from "./errors";
import { registerSetupRoutes } from "../routes/setup";
import { registerAgentRoutes } from "../routes/agents";
import { registerSettingsRoutes } from "../routes/settings";
import { registerTicketRoutes } from "../routes/tickets";
import { registerBulkRoutes } from "../routes/ticket-bulk";
import { registerProfileRoutes } from "../routes/profiles";
import { registerRealtimeRoutes } from "../routes/realtime";
import { registerLinkRoutes } from "../routes/links";
import { registerDevRoutes } from "../routes/dev";
import { registerTwilioWebhooks } from "../webhooks/twilio";
import { registerEventWebhooks } from "../webhooks/events";
import { registerChatRoutes } from "../chat/routes";
import { registerWidgetRoutes } from "../chat/widget-routes";
import { registerOrderRoutes } from "../routes/orders";
import { registerDevFakeShopify } from "../routes/dev-fake-shopify";
import { registerDevFakeTwilio } from "../routes/dev-fake-twilio";
import { registerShopifyWebhooks } from "../webhooks/shopify";
import { registerLibraryRoutes } from "../routes/library";
import { registerMacroRoutes } from "../routes/macros";
import { registerRuleRoutes } from "../routes/rules";
import { registerSurveyRoutes } from "../routes/survey";
import { registerConversationRoutes } from "../routes/conversations";
import { registerAgentAccessRoutes } from "../routes/agent-access";
import { registerExportRoutes } from "../routes/ticket-export";
import { registerReportRoutes } from "../routes/reports";
import { registerFileRoutes } from "../files/file-routes";
import { registerChatFileRoutes } from "../chat/file-routes";

export function buildRouter(): AppRouter {
  const router = Router<IRequest, [Env, ExecutionContext]>();
  router.get("/healthz", () => new Response("ok"));
  for (const register of [
    registerSetupRoutes,
    registerAgentRoutes,
    registerSettingsRoutes,
    registerBulkRoutes,
    registerExportRoutes,
    registerTicketRoutes,
    registerFileRoutes,
    registerChatFileRoutes,
    registerProfileRoutes,
    registerRealtimeRoutes,
    registerLinkRoutes,
    registerDevRoutes,
    registerTwilioWebhooks,
    registerEventWebhooks,
    registerChatRoutes,
    registerWidgetRoutes,
    registerOrderRoutes,
    registerDevFakeShopify,
    registerDevFakeTwilio,
    registerShopifyWebhooks,
    registerLibraryRoutes,
    registerMacroRoutes,
    registerRuleRoutes,
    registerSurveyRoutes,
    registerConversationRoutes,
    registerAgentAccessRoutes,
    registerReportRoutes,
  ])
    register(router);
  router.all("*", () => {
    throw new HttpError(404, "not_found", "No such route.");
  });
  return router;
}

const router = buildRouter();

export async function handleFetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
  try {
    assertDecodablePath(request.url);
    return (await router.fetch(request, env, ctx)) as Response;
  } catch (err) {
    return errorResponse(err, `${request.method} ${new URL(request.url).pathname}`);
  }
}

/** Routes decode their path parameters; a malformed percent-encoding (`%zz`, a cut UTF-8 sequence) is the caller's 400, not a URIError. */
function assertDecodablePath(url: string) {
  const { pathname, search } = new URL(url);
  try {
    decodeURIComponent(pathname);
    decodeURIComponent(search.replace(/\+/g, " "));
  } catch {
    throw new HttpError(400, "invalid_path", "The URL has a malformed percent-encoding.");
  }
}
