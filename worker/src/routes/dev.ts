// Dev-only routes (ENVIRONMENT=development): the local outbox of messages the worker would have sent, and the clock
// that tests set to the hour they depend on.
import { isDevelopment } from "../env";
import { DevClockBody } from "../../../shared/schemas";
import * as clock from "../clock";
import type { AppRouter } from "../http/agent-route";
import { HttpError, parseOr400, readJson } from "../http/errors";
import { listOutbox } from "../db/outbox";
import { directory } from "../db/shards";
import { DevClock, DevOutbox } from "../../../shared/schemas";
import { respond } from "../http/respond";

export function registerDevRoutes(router: AppRouter) {
  router.get("/dev/outbox", async (request, env) => {
    if (!isDevelopment(env)) throw new HttpError(404, "not_found", "No such route.");
    const workspace = new URL(request.url).searchParams.get("workspace");
    return respond(DevOutbox, { messages: await listOutbox(directory(env), workspace) });
  });

  // `{"at": ISO time}` sets the clock; `{"offsetMs": 0}` puts it back on the wall clock. Timers already armed keep their alarms.
  router.get("/dev/clock", (_request, env) => {
    if (!isDevelopment(env)) throw new HttpError(404, "not_found", "No such route.");
    return respond(DevClock, clockBody());
  });
  router.post("/dev/clock", async (request, env) => {
    if (!isDevelopment(env)) throw new HttpError(404, "not_found", "No such route.");
    const body = parseOr400(DevClockBody, await readJson(request));
    clock.setClock("at" in body ? Date.parse(body.at) : Date.now() + body.offsetMs);
    return respond(DevClock, clockBody());
  });
}

const clockBody = () => ({ now: clock.nowDate().toISOString(), offsetMs: clock.clockOffset() });
