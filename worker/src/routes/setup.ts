// POST /api/setup: bootstraps a workspace and its owner, guarded by the SETUP_TOKEN secret.
import * as clock from "../clock";
import { SetupBody } from "../../../shared/schemas";
import type { AppRouter } from "../http/agent-route";
import { setupToken } from "../config";
import { bearer } from "../http/auth";
import { randomId, randomToken, safeEqual, sha256Hex } from "../http/crypto";
import { HttpError, parseOr400, readJson } from "../http/errors";
import { insertAgentStmt, insertWorkspaceStmt, toAgent, toWorkspace } from "../db/workspaces";
import { saveSettingsStmt } from "../db/settings";
import { Settings } from "../../../shared/schemas/settings";
import { dbFor, directory } from "../db/shards";
import { SetupResponse } from "../../../shared/schemas";
import { respond } from "../http/respond";

export function registerSetupRoutes(router: AppRouter) {
  router.post("/api/setup", async (request, env) => {
    const expected = setupToken(env);
    if (!expected) throw new HttpError(403, "setup_disabled", "Setup is disabled: this worker has no SETUP_TOKEN secret.");
    const given = bearer(request);
    if (!given || !safeEqual(given, expected)) throw new HttpError(401, "unauthorized", "The setup token is not valid.");
    const body = parseOr400(SetupBody, await readJson(request));
    const now = clock.now();
    const workspace = { id: randomId("ws"), name: body.workspace.name, timezone: body.workspace.timezone ?? "UTC", createdAt: now };
    const token = randomToken("sdk");
    const agent = {
      id: randomId("ag"),
      workspaceId: workspace.id,
      name: body.owner.name,
      email: body.owner.email.toLowerCase(),
      role: "owner" as const,
      tokenHash: await sha256Hex(token),
      createdAt: now,
    };
    // The shard gets the workspace row too: its tables reference it, and it counts the ticket numbers.
    const shard = dbFor(env, workspace.id);
    if (shard !== directory(env)) await insertWorkspaceStmt(shard, workspace).run();
    await directory(env).batch([
      insertWorkspaceStmt(directory(env), workspace),
      insertAgentStmt(directory(env), agent),
      saveSettingsStmt(directory(env), workspace.id, Settings.parse({ timezone: workspace.timezone }), null, now),
    ]);
    return respond(
      SetupResponse,
      {
        workspace: toWorkspace({ id: workspace.id, name: workspace.name, timezone: workspace.timezone, created_at: now }),
        agent: toAgent({
          id: agent.id,
          workspace_id: workspace.id,
          name: agent.name,
          email: agent.email,
          role: "owner",
          operator: 0,
          language: null,
          created_at: now,
        }),
        token,
      },
      { status: 201 },
    );
  });
}
