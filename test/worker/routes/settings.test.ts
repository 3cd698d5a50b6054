// GET/PUT /api/settings: defaults, nested partial merge, validation, write-only secrets encrypted at rest.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { Me, SetupResponse } from "../../../shared/schemas";
import { SettingsView } from "../../../shared/schemas/settings-view";
import { api } from "../helpers";

let n = 0;
async function freshOwner() {
  n += 1;
  const res = await api(
    "test-setup-token",
    "POST",
    "/api/setup",
    { workspace: { name: `Settings ${n}`, timezone: "Europe/Paris" }, owner: { name: "O", email: `o${n}@s.test` } },
    SetupResponse,
  );
  return { token: res.body.token, workspaceId: res.body.workspace.id };
}
const ciphertext = async (workspaceId: string) =>
  (await env.DB.prepare("SELECT settings_json, secrets_ciphertext FROM settings WHERE workspace_id = ?1")
    .bind(workspaceId)
    .first<{ settings_json: string; secrets_ciphertext: string | null }>())!;

describe("settings", () => {
  it("GET returns the documented defaults with secrets shown as not set", async () => {
    const { token } = await freshOwner();
    const res = await api(token, "GET", "/api/settings", undefined, SettingsView);
    expect(res.status).toBe(200);
    expect(res.body.timezone).toBe("Europe/Paris");
    expect(res.body.unreadBadge).toBe(true);
    expect(res.body.sms).toMatchObject({
      autoResponder: { audience: "non_consented" },
      shortenLinks: true,
      attributionWindowHours: 24,
      fromNumber: null,
      accountSid: { set: false },
      authToken: { set: false },
      quietHours: { start: "20:00", end: "08:00" },
    });
    expect(res.body.sms.autoResponder.text).toContain("{{Organization prefix}}");
    expect(res.body.shopify).toMatchObject({ shopDomain: null, adminToken: { set: false }, webhookSecret: { set: false } });
    expect(res.body.events).toEqual({ signingSecret: { set: false } });
  });

  it("PUT merges a partial, nested update and leaves every other field alone", async () => {
    const { token } = await freshOwner();
    await api(token, "PUT", "/api/settings", { sms: { autoResponder: { text: "Custom reply" }, attributionWindowHours: 48 } });
    const res = await api(token, "PUT", "/api/settings", { sms: { autoResponder: { audience: "all" } }, unreadBadge: false }, SettingsView);
    expect(res.status).toBe(200);
    const got = (await api(token, "GET", "/api/settings", undefined, SettingsView)).body;
    expect(got.sms.autoResponder).toEqual({ audience: "all", text: "Custom reply" });
    expect(got.sms.attributionWindowHours).toBe(48);
    expect(got.sms.shortenLinks).toBe(true);
    expect(got.unreadBadge).toBe(false);
    expect(got).toEqual(res.body);
  });

  it("an invalid body is a 400 with issues and changes nothing", async () => {
    const { token } = await freshOwner();
    const before = (await api(token, "GET", "/api/settings", undefined, SettingsView)).body;
    for (const body of [
      { sms: { attributionWindowHours: 0 } },
      { sms: { fromNumber: "555-1234" } },
      { timezone: "Mars/Olympus" },
      { unreadBadge: false, sms: { autoResponder: { audience: "some" } } },
      { nonsense: true },
      "not json{",
    ]) {
      const res = await api(token, "PUT", "/api/settings", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.error.code).toMatch(/invalid_request|invalid_json/);
    }
    expect((await api(token, "GET", "/api/settings", undefined, SettingsView)).body).toEqual(before);
  });

  it("secrets are write-only, encrypted at rest, and cleared by null", async () => {
    const { token, workspaceId } = await freshOwner();
    const secret = "tw-auth-SECRET-value-123456";
    const res = await api(token, "PUT", "/api/settings", {
      sms: { accountSid: "AC-secret-sid-987", authToken: secret },
      shopify: { adminToken: "shpat_topsecret" },
    });
    expect(res.status).toBe(200);
    const shown = JSON.stringify(res.json) + JSON.stringify((await api(token, "GET", "/api/settings")).json);
    for (const plain of [secret, "AC-secret-sid-987", "shpat_topsecret"]) expect(shown).not.toContain(plain);
    const got = (await api(token, "GET", "/api/settings", undefined, SettingsView)).body;
    expect(got.sms.authToken).toEqual({ set: true });
    expect(got.sms.accountSid).toEqual({ set: true });
    expect(got.shopify.adminToken).toEqual({ set: true });
    const row = await ciphertext(workspaceId);
    expect(row.secrets_ciphertext).toBeTruthy();
    for (const plain of [secret, "AC-secret-sid-987", "shpat_topsecret"]) {
      expect(row.secrets_ciphertext).not.toContain(plain);
      expect(row.settings_json).not.toContain(plain);
      expect(row.secrets_ciphertext).not.toContain(btoa(plain).slice(0, 12));
    }
    await api(token, "PUT", "/api/settings", { sms: { authToken: null } });
    const after = (await api(token, "GET", "/api/settings", undefined, SettingsView)).body;
    expect(after.sms.authToken).toEqual({ set: false });
    expect(after.sms.accountSid).toEqual({ set: true });
    await api(token, "PUT", "/api/settings", { sms: { accountSid: null }, shopify: { adminToken: null } });
    expect((await ciphertext(workspaceId)).secrets_ciphertext).toBeNull();
  });

  it("changing the time zone updates the workspace", async () => {
    const { token, workspaceId } = await freshOwner();
    const res = await api(token, "PUT", "/api/settings", { timezone: "Asia/Tokyo" }, SettingsView);
    expect(res.body.timezone).toBe("Asia/Tokyo");
    expect((await api(token, "GET", "/api/me", undefined, Me)).body.workspace.timezone).toBe("Asia/Tokyo");
    const ws = await env.DB.prepare("SELECT timezone FROM workspaces WHERE id = ?1").bind(workspaceId).first<{ timezone: string }>();
    expect(ws?.timezone).toBe("Asia/Tokyo");
  });
});
