// Dev-only routes (ENVIRONMENT=development): the local outbox of messages the worker would have sent.
import { isDevelopment } from "../env";
import type { AppRouter } from "../http/router";
import { HttpError } from "../http/errors";
import { listOutbox } from "../integrations/outbox";

export function registerDevRoutes(router: AppRouter) {
  router.get("/dev/outbox", async (request, env) => {
    if (!isDevelopment(env)) throw new HttpError(404, "not_found", "No such route.");
    const workspace = new URL(request.url).searchParams.get("workspace");
    return Response.json({ messages: await listOutbox(env.DB, workspace) });
  });
}
