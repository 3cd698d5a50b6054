// POST /api/profiles/:id/conversations (docs/api.md §20): an agent starts a conversation with a customer — an SMS to a
// consented number (outside their quiet hours unless confirmed) or a new email thread from the support address.
import * as clock from "../clock";
import { quietHours } from "../../../shared/rules/quiet-hours";
import { textTooLong, tooLongMessage } from "../../../shared/rules/reply-limits";
import { StartConversationBody, StartedConversation } from "../../../shared/schemas/outbound";
import { channels } from "../channels";
import { getProfile } from "../db/profiles";
import { loadSettings } from "../db/settings";
import { dbFor, directory } from "../db/shards";
import { newMessageId } from "../domain/email-compose";
import { agentRoute, type AppRouter } from "../http/agent-route";
import { HttpError, notFound, parseOr400, readJson } from "../http/errors";
import { respond } from "../http/respond";
import { originOf, unwrap } from "./ticket-access";

export function registerConversationRoutes(router: AppRouter) {
  router.post(
    "/api/profiles/:id/conversations",
    agentRoute(async (request, env, who) => {
      const body = parseOr400(StartConversationBody, await readJson(request));
      const ws = who.workspace.id;
      const profile = await getProfile(dbFor(env, ws), ws, request.params.id!);
      if (!profile) throw notFound("profile");
      if (profile.blocked) throw new HttpError(409, "profile_blocked", "This profile is blocked; unblock it to write to them.");
      const { settings } = await loadSettings(directory(env), ws);
      const origin = originOf(env, request);
      const ref = { id: profile.id, name: profile.name, phone: profile.phone, email: profile.email };
      const actor = { id: who.agent.id, name: who.agent.name };
      const clientId = body.clientId ?? `start-${crypto.randomUUID()}`;
      let objectName: string;
      let text = body.text;
      let thread: { subject: string; rootId: string } | undefined;
      if (body.channel === "sms") {
        if (!profile.phone) throw new HttpError(409, "no_phone", "This customer has no phone number.");
        if (!profile.smsConsent) throw new HttpError(409, "consent_required", "This customer has not consented to receive SMS, so you cannot text them.");
        const quiet = quietHours(clock.nowDate(), profile.timezone ?? who.workspace.timezone, settings.sms.quietHours);
        if (quiet.inQuietHours && !body.confirmQuietHours) {
          throw new HttpError(
            409,
            "quiet_hours",
            `It is ${quiet.localTime} for this customer (${quiet.timezone}), inside quiet hours. Send anyway to confirm.`,
          );
        }
        objectName = channels.sms.ticketName(ws, profile.phone);
        const ticketId = env.TICKETS.idFromName(objectName).toString();
        text = await channels.sms.prepareReply(env, { workspaceId: ws, ticketId, origin, settings }, body.text);
        const tooLong = textTooLong("reply", "sms", text);
        if (tooLong) throw new HttpError(400, "text_too_long", tooLongMessage("reply", "sms", tooLong));
      } else {
        if (!profile.email) throw new HttpError(409, "no_email", "This customer has no email address.");
        const from = settings.email.supportAddress ?? settings.email.inboundAddress;
        if (!from) throw new HttpError(409, "no_support_address", "Set a support email address (Settings → Workspace) to write to customers.");
        const rootId = newMessageId(from).replace(/^<|>$/g, "");
        thread = { subject: body.subject!, rootId };
        objectName = channels.email.ticketName(ws, rootId);
      }
      const stub = env.TICKETS.get(env.TICKETS.idFromName(objectName));
      const input = { workspaceId: ws, channel: body.channel, profile: ref, text, clientId, origin, thread, at: clock.now() };
      const started = unwrap(await stub.startConversation(actor, input));
      await stub.settled();
      return respond(
        StartedConversation,
        { ticketId: started.ticketId, messageId: started.message.id, duplicate: started.duplicate },
        { status: started.duplicate ? 200 : 201 },
      );
    }),
  );
}
