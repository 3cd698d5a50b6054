// Macros (docs/api.md §16): everyone in the inbox lists them (the composer searches them with quick replies); owners
// and admins create, change and delete them, each change in the audit log. Applying one is in macro-apply.ts.
import { MacroBody, MacroList, MacroResponse } from "../../../shared/schemas/macros";
import { agentRoute, type AppRouter } from "../http/agent-route";
import { OWNER_ADMIN, requireRole, type AgentContext } from "../http/auth";
import { randomId } from "../http/crypto";
import { HttpError, notFound, parseOr400, readJson } from "../http/errors";
import { respond } from "../http/respond";
import type { Env } from "../env";
import { audit } from "../db/audit-log";
import { deleteMacro, getMacro, listMacros, saveMacro } from "../db/macros";
import { dbFor } from "../db/shards";
import { registerMacroApply } from "./macro-apply";

export function registerMacroRoutes(router: AppRouter) {
  router.get(
    "/api/macros",
    agentRoute(async (_request, env, who) => respond(MacroList, { macros: await listMacros(dbFor(env, who.workspace.id), who.workspace.id) })),
  );

  router.post(
    "/api/macros",
    agentRoute(async (request, env, who) => {
      requireRole(who, OWNER_ADMIN, "manage macros");
      const body = parseOr400(MacroBody, await readJson(request));
      const macro = await save(env, who, randomId("mc"), body, true);
      await log(env, who, "macro.created", macro.name, macro.id);
      return respond(MacroResponse, { macro }, { status: 201 });
    }),
  );

  router.put(
    "/api/macros/:id",
    agentRoute(async (request, env, who) => {
      requireRole(who, OWNER_ADMIN, "manage macros");
      const body = parseOr400(MacroBody, await readJson(request));
      const macro = await save(env, who, request.params.id!, body, false);
      await log(env, who, "macro.updated", macro.name, macro.id);
      return respond(MacroResponse, { macro });
    }),
  );

  router.delete(
    "/api/macros/:id",
    agentRoute(async (request, env, who) => {
      requireRole(who, OWNER_ADMIN, "manage macros");
      const db = dbFor(env, who.workspace.id);
      const macro = await getMacro(db, who.workspace.id, request.params.id!);
      if (!macro || !(await deleteMacro(db, who.workspace.id, macro.id))) throw notFound("macro");
      await log(env, who, "macro.deleted", macro.name, macro.id);
      return new Response(null, { status: 204 });
    }),
  );

  registerMacroApply(router);
}

async function save(env: Env, who: AgentContext, id: string, body: MacroBody, create: boolean) {
  try {
    const macro = await saveMacro(dbFor(env, who.workspace.id), who.workspace.id, id, body, create);
    if (!macro) throw notFound("macro");
    return macro;
  } catch (err) {
    if (err instanceof Error && err.message === "name_taken") throw new HttpError(409, "name_taken", `A macro named “${body.name}” already exists.`);
    throw err;
  }
}

const VERB = { "macro.created": "Created", "macro.updated": "Changed", "macro.deleted": "Deleted" } as const;
async function log(env: Env, who: AgentContext, action: keyof typeof VERB, name: string, id: string) {
  await audit(dbFor(env, who.workspace.id), who.workspace.id, {
    actor: { id: who.agent.id, name: who.agent.name },
    action,
    target: name,
    summary: `${VERB[action]} the macro “${name}”`,
    detail: { macroId: id },
  });
}
