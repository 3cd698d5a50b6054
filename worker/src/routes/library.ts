// Quick replies (everyone in the inbox reads, owners/admins manage) and saved custom views (per agent, optionally shared).
import * as clock from "../clock";
import { QuickReplyBody, SavedViewBody } from "../../../shared/schemas";
import { agentRoute, type AppRouter } from "../http/agent-route";
import { OWNER_ADMIN, requireRole } from "../http/auth";
import { randomId } from "../http/crypto";
import { notFound, parseOr400, readJson } from "../http/errors";
import { deleteQuickReply, deleteView, insertView, listQuickReplies, listViews, saveQuickReply } from "../db/library";
import { dbFor } from "../db/shards";
import { QuickReplyList, QuickReplyResponse, SavedViewList, SavedViewResponse } from "../../../shared/schemas";
import { respond } from "../http/respond";

export function registerLibraryRoutes(router: AppRouter) {
  router.get(
    "/api/quick-replies",
    agentRoute(async (request, env, who) => {
      const q = new URL(request.url).searchParams.get("q")?.trim().slice(0, 100) || null;
      return respond(QuickReplyList, { quickReplies: await listQuickReplies(dbFor(env, who.workspace.id), who.workspace.id, q) });
    }),
  );

  router.post(
    "/api/quick-replies",
    agentRoute(async (request, env, who) => {
      requireRole(who, OWNER_ADMIN, "manage quick replies");
      const body = parseOr400(QuickReplyBody, await readJson(request));
      const saved = await saveQuickReply(
        dbFor(env, who.workspace.id),
        { id: randomId("qr"), workspaceId: who.workspace.id, agentId: who.agent.id, now: clock.now(), ...body },
        true,
      );
      if (!saved) throw new Error("a quick reply just created could not be read back");
      return respond(QuickReplyResponse, { quickReply: saved }, { status: 201 });
    }),
  );

  router.put(
    "/api/quick-replies/:id",
    agentRoute(async (request, env, who) => {
      requireRole(who, OWNER_ADMIN, "manage quick replies");
      const body = parseOr400(QuickReplyBody, await readJson(request));
      const saved = await saveQuickReply(
        dbFor(env, who.workspace.id),
        { id: request.params.id!, workspaceId: who.workspace.id, agentId: who.agent.id, now: clock.now(), ...body },
        false,
      );
      if (!saved) throw notFound("quick reply");
      return respond(QuickReplyResponse, { quickReply: saved });
    }),
  );

  router.delete(
    "/api/quick-replies/:id",
    agentRoute(async (request, env, who) => {
      requireRole(who, OWNER_ADMIN, "manage quick replies");
      if (!(await deleteQuickReply(dbFor(env, who.workspace.id), who.workspace.id, request.params.id!))) throw notFound("quick reply");
      return new Response(null, { status: 204 });
    }),
  );

  router.get(
    "/api/views",
    agentRoute(async (_request, env, who) => respond(SavedViewList, { views: await listViews(dbFor(env, who.workspace.id), who.workspace.id, who.agent.id) })),
  );

  router.post(
    "/api/views",
    agentRoute(async (request, env, who) => {
      const body = parseOr400(SavedViewBody, await readJson(request));
      const id = randomId("vw");
      await insertView(dbFor(env, who.workspace.id), { id, workspaceId: who.workspace.id, agentId: who.agent.id, now: clock.now(), ...body });
      const view = (await listViews(dbFor(env, who.workspace.id), who.workspace.id, who.agent.id)).find((v) => v.id === id);
      if (!view) throw new Error("a view just created could not be read back");
      return respond(SavedViewResponse, { view }, { status: 201 });
    }),
  );

  router.delete(
    "/api/views/:id",
    agentRoute(async (request, env, who) => {
      if (!(await deleteView(dbFor(env, who.workspace.id), who.workspace.id, who.agent.id, request.params.id!))) throw notFound("view");
      return new Response(null, { status: 204 });
    }),
  );
}
