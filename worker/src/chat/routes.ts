// The web-chat widget API under /chat/:workspaceId (docs/api.md §2 Web chat API, §7 Web chat): config, sessions, messages, profile, activity, socket.
import * as clock from "../clock";
import { ChatEventBody, ChatProfileBody, ChatSendBody, ChatStartBody, ThreadQuery, type ChatConfig } from "../../../shared/schemas/chat";
import { isWithinBusinessHours } from "../../../shared/rules/business-hours";
import type { AppRouter } from "../http/agent-route";
import { parseOr400, readJson } from "../http/errors";
import { randomId, randomToken, sha256Hex } from "../http/crypto";
import { getProfile, insertProfileEvent, upsertProfileByEmail } from "../db/profiles";
import { recordPlace } from "../db/profile-place";
import { widgetLanguage } from "./widget-texts";
import { placeFromVisitor } from "../domain/customer-place";
import { createVisitorProfile, identifyVisitor } from "../db/chat-profiles";
import { originOf, unwrap } from "../routes/ticket-access";
import { corsRoute, preflight, withCors } from "./cors";
import { chatAuth, chatStub, chatWorkspace, checkOrigin, readJsonOrEmpty, throttleChatStart, workspaceIdOf } from "./session";
import { dbFor } from "../db/shards";
import { ChatPosted, ChatProfileResponse, ChatSession } from "../../../shared/schemas/chat";
import { respond } from "../http/respond";
import { chatMessageFiles } from "./file-routes";

const query = (request: Request) => Object.fromEntries(new URL(request.url).searchParams);
const ref = (p: { id: string; name: string | null; phone: string | null; email: string | null }) => ({
  id: p.id,
  name: p.name,
  phone: p.phone,
  email: p.email,
});

export function registerChatRoutes(router: AppRouter) {
  router.options("/chat/*", preflight);

  router.get(
    "/chat/:workspaceId/config",
    corsRoute(async (request, env) => {
      const { workspace, settings } = await chatWorkspace(env, workspaceIdOf(request));
      const config: ChatConfig = {
        workspace: { id: workspace.id, name: workspace.name },
        welcomeMessage: settings.webchat.welcomeMessage,
        inBusinessHours: isWithinBusinessHours(settings.webchat.businessHours, clock.nowDate(), workspace.timezone),
        ...widgetLanguage(new URL(request.url).searchParams.get("lang")),
      };
      return Response.json(config, { headers: { "cache-control": "public, max-age=60" } });
    }),
  );

  router.post(
    "/chat/:workspaceId/sessions",
    corsRoute(async (request, env) => {
      const { workspace, settings } = await chatWorkspace(env, workspaceIdOf(request));
      await throttleChatStart(env, request, workspace.id);
      const body = parseOr400(ChatStartBody, await readJsonOrEmpty(request));
      const pageUrl = checkOrigin(request, settings.webchat.allowedOrigins, body.pageUrl);
      const profile = body.email
        ? await upsertProfileByEmail(dbFor(env, workspace.id), workspace.id, body.email, { name: body.name })
        : await createVisitorProfile(dbFor(env, workspace.id), workspace.id, body.name ?? null);
      // Where the visitor is, as Cloudflare sees the request (a store address, when known, stays ahead of it).
      await recordPlace(dbFor(env, workspace.id), workspace.id, profile.id, placeFromVisitor(request.cf));
      const sessionId = randomId("cs");
      const token = randomToken("cst");
      const thread = unwrap(
        await chatStub(env, { workspaceId: workspace.id, sessionId }).chatStart({
          workspaceId: workspace.id,
          sessionId,
          tokenHash: await sha256Hex(token),
          profile: ref(profile),
          welcome: settings.webchat.welcomeMessage,
          pageUrl,
          origin: originOf(env, request),
        }),
      );
      await insertProfileEvent(dbFor(env, workspace.id), {
        id: `chat:${sessionId}`,
        workspaceId: workspace.id,
        profileId: profile.id,
        metric: "Started Chat",
        properties: { url: pageUrl },
        at: clock.now(),
      });
      return respond(ChatSession, { sessionId, token, ...thread, profile: { name: profile.name, email: profile.email } }, { status: 201 });
    }),
  );

  router.get(
    "/chat/:workspaceId/sessions/:sessionId/messages",
    corsRoute(async (request, env) => {
      const auth = chatAuth(request);
      const { after } = parseOr400(ThreadQuery, query(request), "query");
      return Response.json(unwrap(await chatStub(env, auth).chatThread(auth, after)), { headers: { "cache-control": "no-store" } });
    }),
  );

  router.post(
    "/chat/:workspaceId/sessions/:sessionId/messages",
    corsRoute(async (request, env) => {
      const auth = chatAuth(request);
      const body = parseOr400(ChatSendBody, await readJson(request));
      const { workspace, settings } = await chatWorkspace(env, auth.workspaceId);
      checkOrigin(request, settings.webchat.allowedOrigins, undefined);
      const inHours = isWithinBusinessHours(settings.webchat.businessHours, clock.nowDate(), workspace.timezone);
      const reply = (inHours ? settings.webchat.inHoursReply : settings.webchat.outOfHoursReply).trim();
      const files = await chatMessageFiles(env, auth, body.files);
      const result = unwrap(
        await chatStub(env, auth).chatPost(auth, { clientId: body.clientId, text: body.text, files, autoReply: reply || null, origin: originOf(env, request) }),
      );
      return respond(ChatPosted, { message: result.message }, { status: result.duplicate ? 200 : 201 });
    }),
  );

  router.patch(
    "/chat/:workspaceId/sessions/:sessionId",
    corsRoute(async (request, env) => {
      const auth = chatAuth(request);
      const body = parseOr400(ChatProfileBody, await readJson(request));
      const stub = chatStub(env, auth);
      const { profileId } = unwrap(await stub.chatVerify(auth));
      const current = await getProfile(dbFor(env, auth.workspaceId), auth.workspaceId, profileId);
      if (!current) throw new Error(`chat profile ${profileId} is missing`);
      const profile = await identifyVisitor(dbFor(env, auth.workspaceId), auth.workspaceId, current, body);
      unwrap(await stub.chatSetProfile(auth, ref(profile)));
      return respond(ChatProfileResponse, { profile: { name: profile.name, email: profile.email } });
    }),
  );

  router.post(
    "/chat/:workspaceId/sessions/:sessionId/events",
    corsRoute(async (request, env) => {
      const auth = chatAuth(request);
      const body = parseOr400(ChatEventBody, await readJson(request));
      const { profileId } = unwrap(await chatStub(env, auth).chatVerify(auth));
      await insertProfileEvent(dbFor(env, auth.workspaceId), {
        id: `chat:${auth.sessionId}:${body.id}`,
        workspaceId: auth.workspaceId,
        profileId,
        metric: "Viewed Page",
        properties: { url: body.url, title: body.title },
        at: clock.now(),
      });
      return new Response(null, { status: 204 });
    }),
  );

  router.get(
    "/chat/:workspaceId/sessions/:sessionId/socket",
    corsRoute(async (request, env) => {
      const auth = chatAuth(request, new URL(request.url).searchParams.get("token"));
      const url = new URL("https://ticket-object/socket");
      url.search = new URLSearchParams({ workspace: auth.workspaceId, session: auth.sessionId, token: auth.token }).toString();
      return withCors(await chatStub(env, auth).fetch(new Request(url, { headers: request.headers })));
    }),
  );
}
