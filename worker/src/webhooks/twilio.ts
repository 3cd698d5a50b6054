// Twilio webhooks: inbound SMS/MMS and delivery-status callbacks (docs/api.md §2 Webhooks, §6 SMS).
import * as clock from "../clock";
import { TwilioInbound, TwilioStatus } from "../../../shared/schemas/webhooks";
import type { AppRouter } from "../http/agent-route";
import type { Env } from "../env";
import { parseOr400 } from "../http/errors";
import { channels } from "../channels";
import { publicUrl, unauthorized, webhookWorkspace } from "./workspace";
import { verifyTwilio } from "./signatures";

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';
const twiml = () => new Response(EMPTY_TWIML, { headers: { "content-type": "text/xml" } });

async function verifiedForm(env: Env, request: Request, workspaceId: string) {
  const ws = await webhookWorkspace(env, workspaceId);
  const params = new URLSearchParams(new TextDecoder().decode(await request.arrayBuffer()));
  const token = ws.secrets.smsAuthToken;
  if (!token || !(await verifyTwilio(token, publicUrl(env, request), params, request.headers.get("x-twilio-signature")))) throw unauthorized("Twilio");
  return { ws, form: Object.fromEntries(params) };
}

export function registerTwilioWebhooks(router: AppRouter) {
  router.post("/webhooks/:workspaceId/twilio/sms", async (request, env) => {
    const { ws, form } = await verifiedForm(env, request, request.params.workspaceId!);
    const sms = parseOr400(TwilioInbound, form, "Twilio message");
    const stub = env.TICKETS.get(env.TICKETS.idFromName(channels.sms.ticketName(ws.workspace.id, sms.From)));
    const media = Array.from({ length: sms.NumMedia }, (_, i) => form[`MediaUrl${i}`]).filter(
      (u): u is string => typeof u === "string" && /^https?:\/\//.test(u),
    );
    // Twilio gets its answer once the ticket object has stored the message; the profile, keywords and replies follow.
    await stub.receiveSms({
      workspaceId: ws.workspace.id,
      from: sms.From,
      providerId: sms.MessageSid,
      text: sms.Body,
      media,
      at: clock.now(),
      origin: new URL(publicUrl(env, request)).origin,
    });
    return twiml();
  });

  router.post("/webhooks/:workspaceId/twilio/status", async (request, env) => {
    const { ws, form } = await verifiedForm(env, request, request.params.workspaceId!);
    const cb = parseOr400(TwilioStatus, form, "Twilio status callback");
    const status =
      cb.MessageStatus === "delivered" || cb.MessageStatus === "read"
        ? "delivered"
        : cb.MessageStatus === "failed" || cb.MessageStatus === "undelivered" || cb.MessageStatus === "canceled"
          ? "failed"
          : cb.MessageStatus === "sent"
            ? "sent"
            : null;
    if (status) {
      const stub = env.TICKETS.get(env.TICKETS.idFromName(channels.sms.ticketName(ws.workspace.id, cb.To)));
      await stub.updateDelivery(
        cb.MessageSid,
        status,
        status === "failed" ? `Twilio ${cb.MessageStatus}${cb.ErrorCode ? ` (error ${cb.ErrorCode})` : ""}` : null,
      );
    }
    return twiml();
  });
}
