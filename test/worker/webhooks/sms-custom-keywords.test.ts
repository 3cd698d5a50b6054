// A workspace's own SMS keywords: opt-in words it adds (besides START, YES, UNSTOP, JOIN) and its own HELP wording.
import { describe, expect, it } from "vitest";
import { SettingsView } from "../../../shared/schemas/settings-view";
import { api, sendSms } from "../helpers";
import { listTickets, newPhone, outbox, profileByPhone, smsWorkspace } from "./sms-helpers";

describe("a workspace's own SMS keywords", () => {
  it("an added opt-in word grants consent like START, in any case, and opens no ticket", async () => {
    const ws = await smsWorkspace({ sms: { keywords: { optIn: ["vip", "Deals"] } } });
    const settings = await api(ws.owner.token, "GET", "/api/settings", undefined, SettingsView);
    expect(settings.body.sms.keywords).toEqual({ optIn: ["VIP", "DEALS"], helpReply: null });
    const phone = newPhone();
    await sendSms(ws.id, phone, "Vip!");
    expect((await profileByPhone(ws.id, phone))?.sms_consent).toBe("marketing");
    expect(await listTickets(ws.support.token)).toEqual([]);
    expect((await outbox(ws.id)).map((m) => m.body)).toEqual([expect.stringMatching(/subscribed.*Reply HELP.*STOP/)]);
    // Another workspace's word is just a message there.
    const other = await smsWorkspace();
    const stranger = newPhone();
    await sendSms(other.id, stranger, "VIP");
    expect((await profileByPhone(other.id, stranger))?.sms_consent).toBeNull();
    expect(await listTickets(other.support.token)).toHaveLength(1);
  });

  it("the HELP reply can be the workspace's own, with its placeholders filled", async () => {
    const ws = await smsWorkspace({
      email: { supportAddress: "care@shop.test" },
      sms: { keywords: { helpReply: "{{Organization name}}: text us any time or write to {{email}}. Reply STOP to opt out." } },
    });
    const phone = newPhone();
    await sendSms(ws.id, phone, "help");
    const [reply] = await outbox(ws.id);
    expect(reply?.body).toMatch(/: text us any time or write to care@shop\.test\. Reply STOP to opt out\.$/);
    expect(reply?.body).not.toContain("{{");
    // Cleared: the standard reply again.
    await api(ws.owner.token, "PUT", "/api/settings", { sms: { keywords: { helpReply: null } } }, SettingsView);
    await sendSms(ws.id, phone, "INFO");
    expect((await outbox(ws.id)).at(-1)?.body).toMatch(/For help contact care@shop\.test/);
  });

  it("refuses words that are not one word, repeat, or are the carriers' own (STOP, HELP…), and changes nothing", async () => {
    const ws = await smsWorkspace({ sms: { keywords: { optIn: ["VIP"] } } });
    for (const optIn of [["STOP"], ["help"], ["two words"], ["x"], ["VIP", "vip"]]) {
      const res = await api(ws.owner.token, "PUT", "/api/settings", { sms: { keywords: { optIn } } });
      expect(res.status).toBe(400);
      expect(res.error.code).toBe("invalid_request");
    }
    expect((await api(ws.support.token, "PUT", "/api/settings", { sms: { keywords: { optIn: ["NEW"] } } })).status).toBe(403);
    const now = await api(ws.owner.token, "GET", "/api/settings", undefined, SettingsView);
    expect(now.body.sms.keywords.optIn).toEqual(["VIP"]);
  });
});
