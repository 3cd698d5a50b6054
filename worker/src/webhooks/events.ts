// POST /webhooks/:workspaceId/events — signed generic events: flow/campaign SMS sends and profile activity.
import * as clock from "../clock";
import { GenericEventsBody, type GenericEvent } from "../../../shared/schemas/webhooks";
import type { AppRouter } from "../http/agent-route";
import type { Env } from "../env";
import { HttpError, parseOr400 } from "../http/errors";
import { channels } from "../channels";
import { insertProfileEvent } from "../db/profiles";
import { eventProfile } from "./event-profile";
import { unauthorized, webhookWorkspace } from "./workspace";
import { verifySidedesk } from "./signatures";
import { dbFor } from "../db/shards";
import { EventsResponse } from "../../../shared/schemas";
import { respond } from "../http/respond";

export function registerEventWebhooks(router: AppRouter) {
  router.post("/webhooks/:workspaceId/events", async (request, env) => {
    const ws = await webhookWorkspace(env, request.params.workspaceId!);
    const raw = await request.arrayBuffer();
    const secret = ws.secrets.eventsSigningSecret;
    if (!secret || !(await verifySidedesk(secret, raw, request.headers.get("x-sidedesk-signature")))) throw unauthorized("X-Sidedesk");
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(raw));
    } catch {
      throw new HttpError(400, "invalid_json", "The request body is not valid JSON.");
    }
    const { events } = parseOr400(GenericEventsBody, json, "events");
    refuseUnroutable(events);
    let duplicates = 0;
    for (const event of events) if (await ingestEvent(env, ws.workspace.id, event)) duplicates += 1;
    return respond(EventsResponse, { accepted: events.length - duplicates, duplicates });
  });
}

/** The whole batch is checked before anything is stored, so a 400 changes nothing. */
function refuseUnroutable(events: GenericEvent[]) {
  const issues = events.flatMap((e, i) =>
    e.type === "outbound_message" && !e.profile.phone
      ? [{ path: `events.${i}.profile.phone`, message: "an outbound SMS event needs the profile's phone" }]
      : [],
  );
  if (issues.length) throw new HttpError(400, "invalid_request", `Invalid events: ${issues[0]!.path} ${issues[0]!.message}.`, issues);
}

/** Returns true when the event had already been received. */
async function ingestEvent(env: Env, workspaceId: string, e: GenericEvent): Promise<boolean> {
  const at = e.at ? Date.parse(e.at) : clock.now();
  const profile = await eventProfile(env, workspaceId, e.profile);
  switch (e.type) {
    case "outbound_message": {
      if (!profile.phone) throw new Error("outbound SMS event without a phone got past refuseUnroutable");
      const stub = env.TICKETS.get(env.TICKETS.idFromName(channels.sms.ticketName(workspaceId, profile.phone)));
      const { duplicate } = await stub.logMarketing({
        workspaceId,
        channel: "sms",
        profile: { id: profile.id, name: profile.name, phone: profile.phone, email: profile.email },
        providerId: `event:${e.id}`,
        source: e.source,
        name: e.name,
        text: e.text,
        at,
      });
      await insertProfileEvent(dbFor(env, workspaceId), {
        id: e.id,
        workspaceId,
        profileId: profile.id,
        metric: "Received SMS",
        properties: { [e.source]: e.name },
        at,
      });
      return duplicate;
    }
    case "activity": {
      const inserted = await insertProfileEvent(dbFor(env, workspaceId), {
        id: e.id,
        workspaceId,
        profileId: profile.id,
        metric: e.metric,
        properties: e.properties,
        at,
      });
      return !inserted;
    }
  }
}
