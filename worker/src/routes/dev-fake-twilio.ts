// Dev-only (ENVIRONMENT=development): a fake of Twilio's media edge, so `npm start` and the e2e can send an MMS with
// real media offline. It keeps Twilio's rules: a Media URL answers (without credentials, Twilio's default, or with the
// account's own) by a redirect to the file's storage, and the storage refuses a request that carries credentials too
// (as S3 does).
import { isDevelopment } from "../env";
import type { AppRouter } from "../http/agent-route";
import { HttpError, notFound } from "../http/errors";
import { DEV_FAKE_TWILIO_API } from "../integrations/twilio-media";

const KEY = (mediaSid: string) => `dev-fake-twilio/${mediaSid}`;
const hex = () => crypto.randomUUID().replace(/-/g, "");

export function registerDevFakeTwilio(router: AppRouter) {
  /** Stands in for a phone sending a photo: the body is the file; answers with the MediaUrl Twilio would give. */
  router.post("/dev/fake-twilio/Accounts/:accountSid/Media", async (request, env) => {
    if (!isDevelopment(env)) throw notFound("route");
    const mediaSid = `ME${hex()}`;
    const type = request.headers.get("content-type") ?? "application/octet-stream";
    await env.FILES.put(KEY(mediaSid), await request.arrayBuffer(), {
      httpMetadata: { contentType: type },
      customMetadata: { accountSid: request.params.accountSid! },
    });
    const origin = new URL(request.url).origin;
    return Response.json(
      { mediaUrl: `${origin}${DEV_FAKE_TWILIO_API}Accounts/${request.params.accountSid}/Messages/MM${hex()}/Media/${mediaSid}` },
      { status: 201 },
    );
  });

  router.get(`${DEV_FAKE_TWILIO_API}Accounts/:accountSid/Messages/:messageSid/Media/:mediaSid`, async (request, env) => {
    if (!isDevelopment(env)) throw notFound("route");
    const auth = request.headers.get("authorization");
    const [user, password] = auth?.startsWith("Basic ") ? atob(auth.slice(6)).split(":") : [];
    if (auth !== null && (user !== request.params.accountSid || !password)) {
      return Response.json({ code: 20003, message: "Authenticate", status: 401 }, { status: 401 });
    }
    const head = await env.FILES.head(KEY(request.params.mediaSid!));
    if (!head || head.customMetadata?.accountSid !== request.params.accountSid)
      return Response.json({ code: 20404, message: "Not found", status: 404 }, { status: 404 });
    return new Response(null, { status: 307, headers: { location: `${new URL(request.url).origin}/dev/fake-twilio/storage/${request.params.mediaSid}` } });
  });

  router.get("/dev/fake-twilio/storage/:mediaSid", async (request, env) => {
    if (!isDevelopment(env)) throw notFound("route");
    if (request.headers.has("authorization")) throw new HttpError(400, "invalid_argument", "Only one auth mechanism allowed.");
    const object = await env.FILES.get(KEY(request.params.mediaSid!));
    if (!object) throw notFound("media");
    return new Response(object.body, { headers: { "content-type": object.httpMetadata?.contentType ?? "application/octet-stream" } });
  });
}
