import { describe, expect, it } from "vitest";
import { Me, SetupResponse } from "../../../shared/schemas";
import { api, createWorkspace } from "../helpers";

describe("POST /api/setup", () => {
  it("creates a workspace and an owner whose token works", async () => {
    const res = await api(
      "test-setup-token",
      "POST",
      "/api/setup",
      { workspace: { name: "Acme", timezone: "Europe/Paris" }, owner: { name: "Ann", email: "ann@acme.test" } },
      SetupResponse,
    );
    expect(res.status).toBe(201);
    expect(res.body.agent.role).toBe("owner");
    expect(res.body.workspace.timezone).toBe("Europe/Paris");
    const me = await api(res.body.token, "GET", "/api/me", undefined, Me);
    expect(me.status).toBe(200);
    expect(me.body.workspace.id).toBe(res.body.workspace.id);
  });

  it("refuses a wrong setup token and malformed bodies", async () => {
    expect((await api("nope", "POST", "/api/setup", { workspace: { name: "A" }, owner: { name: "B", email: "b@b.test" } })).status).toBe(401);
    const bad = await api("test-setup-token", "POST", "/api/setup", { workspace: { name: "" }, owner: { name: "B", email: "not-an-email" } });
    expect(bad.status).toBe(400);
    expect(bad.error.code).toBe("invalid_request");
    expect(bad.error.issues?.length).toBeGreaterThan(0);
  });

  it("a full workspace can be created by the helper", async () => {
    const ws = await createWorkspace();
    expect(ws.support.token).toMatch(/^sdk_/);
  });
});
