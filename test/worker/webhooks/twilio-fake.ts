// A faithful fake of Twilio's REST edge (POST /2010-04-01/Accounts/{AccountSid}/Messages.json), installed over fetch.
// The worker and its Durable Objects run in the test's isolate, so spying on globalThis.fetch replaces Twilio and nothing else.
import * as clock from "../../../worker/src/clock";
import { vi } from "vitest";

export interface SentSms {
  accountSid: string;
  to: string;
  from: string;
  body: string;
  statusCallback: string | null;
  media: string[];
  sid: string;
}
type Behaviour = "accept" | { status: number; code: number; message: string };

/** `mediaAuth`: the account enforces HTTP Basic auth on media URLs (Twilio's default is public media). */
export function installFakeTwilio(creds: { accountSid: string; authToken: string }, opts: { mediaAuth?: boolean } = {}) {
  const mediaAuth = opts.mediaAuth ?? true;
  const sent: SentSms[] = [];
  const refused: { status: number; body: string }[] = [];
  let next: Behaviour[] = [];
  const realFetch = globalThis.fetch;
  // MMS media Twilio received: its Media URL (account credentials required) redirects to the file on Twilio's storage
  // (which, like S3, refuses a request that also carries an Authorization header).
  const media = new Map<string, { type: string; bytes: Uint8Array; failures: number }>();
  const mediaFetches: { url: string; authorized: boolean }[] = [];
  const spy = vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const request = new Request(input as RequestInfo, init);
    const url = new URL(request.url);
    if (url.hostname === MEDIA_STORAGE_HOST) {
      mediaFetches.push({ url: url.href, authorized: request.headers.has("authorization") });
      if (request.headers.has("authorization"))
        return new Response("<Error><Code>InvalidArgument</Code><Message>Only one auth mechanism allowed</Message></Error>", { status: 400 });
      const file = media.get(url.pathname.split("/").pop() ?? "");
      return file
        ? new Response(file.bytes, { headers: { "content-type": file.type, "content-length": String(file.bytes.length) } })
        : new Response("NoSuchKey", { status: 404 });
    }
    if (url.hostname !== "api.twilio.com") return realFetch(input as RequestInfo, init);
    const mediaMatch = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\/Messages\/MM[0-9a-f]+\/Media\/(ME[0-9a-f]+)$/.exec(url.pathname);
    if (request.method === "GET" && mediaMatch) {
      mediaFetches.push({ url: url.href, authorized: request.headers.has("authorization") });
      const authorized = request.headers.get("authorization") === `Basic ${btoa(`${creds.accountSid}:${creds.authToken}`)}`;
      if ((mediaAuth || request.headers.has("authorization")) && (!authorized || mediaMatch[1] !== creds.accountSid)) {
        return twilioError(401, 20003, "Authenticate");
      }
      const file = media.get(mediaMatch[2]!);
      if (!file) return twilioError(404, 20404, "The requested resource was not found");
      if (file.failures > 0) {
        file.failures--;
        return twilioError(503, 20503, "Service Unavailable");
      }
      return new Response(null, {
        status: 307,
        headers: { location: `https://${MEDIA_STORAGE_HOST}/media.twiliocdn.com/${creds.accountSid}/${mediaMatch[2]}` },
      });
    }
    const match = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\/Messages\.json$/.exec(url.pathname);
    if (request.method !== "POST" || !match) return twilioError(404, 20404, "The requested resource was not found");
    if (request.headers.get("authorization") !== `Basic ${btoa(`${creds.accountSid}:${creds.authToken}`)}` || match[1] !== creds.accountSid) {
      return twilioError(401, 20003, "Authenticate");
    }
    if (!request.headers.get("content-type")?.startsWith("application/x-www-form-urlencoded")) return twilioError(400, 20001, "Bad content type");
    const form = new URLSearchParams(await request.text());
    const behaviour = next.shift() ?? "accept";
    if (behaviour !== "accept") {
      refused.push({ status: behaviour.status, body: form.get("Body") ?? "" });
      return twilioError(behaviour.status, behaviour.code, behaviour.message);
    }
    const to = form.get("To") ?? "";
    const from = form.get("From") ?? "";
    const body = form.get("Body") ?? "";
    if (!to || !from || (!body && !form.has("MediaUrl"))) return twilioError(400, 21604, "A 'To' phone number is required.");
    const sid = `SM${crypto.randomUUID().replace(/-/g, "")}`;
    sent.push({ accountSid: match[1]!, to, from, body, statusCallback: form.get("StatusCallback"), media: form.getAll("MediaUrl"), sid });
    const now = clock.nowDate().toUTCString();
    return Response.json(
      {
        account_sid: creds.accountSid,
        api_version: "2010-04-01",
        body,
        date_created: now,
        date_sent: null,
        date_updated: now,
        direction: "outbound-api",
        error_code: null,
        error_message: null,
        from,
        messaging_service_sid: null,
        num_media: String(form.getAll("MediaUrl").length),
        num_segments: "1",
        price: null,
        price_unit: "USD",
        sid,
        status: "queued",
        to,
        subresource_uris: { media: `/2010-04-01/Accounts/${creds.accountSid}/Messages/${sid}/Media.json` },
        uri: `/2010-04-01/Accounts/${creds.accountSid}/Messages/${sid}.json`,
      },
      { status: 201 },
    );
  });
  return {
    sent,
    refused,
    /** The next sends answer with these errors, in order; after them Twilio accepts again. */
    failNext: (...errors: Exclude<Behaviour, "accept">[]) => {
      next = [...next, ...errors];
    },
    /** Twilio holds this file for an inbound MMS; the answer is its MediaUrl. `failures`: 503s before it answers. */
    mediaUrl: (type: string, bytes: Uint8Array, failures = 0) => {
      const sid = `ME${crypto.randomUUID().replace(/-/g, "")}`;
      media.set(sid, { type, bytes, failures });
      return `https://api.twilio.com/2010-04-01/Accounts/${creds.accountSid}/Messages/MM${crypto.randomUUID().replace(/-/g, "")}/Media/${sid}`;
    },
    mediaFetches,
    restore: () => spy.mockRestore(),
  };
}

const MEDIA_STORAGE_HOST = "s3-external-1.amazonaws.com";

function twilioError(status: number, code: number, message: string) {
  return Response.json({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status }, { status });
}

export const TWILIO_400 = { status: 400, code: 21211, message: "The 'To' number +1202555 is not a valid phone number." };
export const TWILIO_500 = { status: 500, code: 20500, message: "Internal Server Error" };
