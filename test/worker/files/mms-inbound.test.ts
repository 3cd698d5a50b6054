// Inbound MMS: every MediaUrlN is fetched with the account's credentials after the webhook is answered, following
// Twilio's redirect to its storage without the credentials, stored in R2 and put on the message for the agent.
import { env, runDurableObjectAlarm } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import * as clock from "../../../worker/src/clock";
import { api, createWorkspace, sendSms, TWILIO_TOKEN } from "../helpers";
import { detail, firstTicket, newPhone } from "../webhooks/sms-helpers";
import { installFakeTwilio } from "../webhooks/twilio-fake";
import { download, fileLink, PNG, trickyBytes } from "./files-helpers";

const ACCOUNT_SID = `AC${"fedcba9876543210".repeat(2)}`;
afterEach(() => vi.restoreAllMocks());

async function setup() {
  const ws = await createWorkspace();
  expect((await api(ws.owner.token, "PUT", "/api/settings", { sms: { accountSid: ACCOUNT_SID, authToken: TWILIO_TOKEN } })).status).toBe(200);
  return { ws, twilio: installFakeTwilio({ accountSid: ACCOUNT_SID, authToken: TWILIO_TOKEN }), phone: newPhone() };
}
const mms = (urls: string[]) => Object.fromEntries([["NumMedia", String(urls.length)], ...urls.map((u, i) => [`MediaUrl${i}`, u])]);

async function inboundFiles(token: string) {
  const ticket = await firstTicket(token);
  const message = (await detail(token, ticket.id)).messages.find((m) => m.kind === "inbound")!;
  return { ticket, message };
}

describe("inbound MMS media", () => {
  it("keeps every MediaUrlN, fetched with the account's credentials and without them on the storage redirect", async () => {
    const { ws, twilio, phone } = await setup();
    const video = trickyBytes(9000, 11);
    const urls = [twilio.mediaUrl("image/png", PNG), twilio.mediaUrl("video/mp4", video), twilio.mediaUrl("image/jpeg", trickyBytes(500, 5))];
    expect((await sendSms(ws.id, phone, "It arrived broken", mms(urls))).status).toBe(200);
    await vi.waitFor(async () => expect((await inboundFiles(ws.owner.token)).message.files).toHaveLength(3));
    const { ticket, message } = await inboundFiles(ws.owner.token);
    expect(message.text).toBe("It arrived broken");
    expect(message.files.map((f) => [f.name, f.type, f.size, f.error])).toEqual([
      ["attachment-1.png", "image/png", PNG.length, null],
      ["attachment-2.mp4", "video/mp4", video.length, null],
      ["attachment-3.jpg", "image/jpeg", 500, null],
    ]);
    expect((await download((await fileLink(ws.support.token, ticket.id, message.files[1]!.id!)).body.url)).bytes).toEqual(video);
    const storage = twilio.mediaFetches.filter((f) => f.url.includes("amazonaws"));
    expect(storage).toHaveLength(3);
    expect(storage.every((f) => !f.authorized)).toBe(true);
    expect(twilio.mediaFetches.filter((f) => f.url.includes("api.twilio.com")).every((f) => f.authorized)).toBe(true);
  });

  it("retries when Twilio is briefly unavailable", async () => {
    const { ws, twilio, phone } = await setup();
    await sendSms(ws.id, phone, "Photo", mms([twilio.mediaUrl("image/png", PNG, 1)]));
    const { ticket } = await inboundFiles(ws.owner.token);
    const stub = env.TICKETS.get(env.TICKETS.idFromString(ticket.id));
    await vi.waitFor(() => expect(twilio.mediaFetches).toHaveLength(1)); // the 503
    expect((await inboundFiles(ws.owner.token)).message.files).toEqual([]);
    const before = clock.clockOffset();
    try {
      clock.setClock(clock.now() + 31_000);
      await runDurableObjectAlarm(stub);
      await vi.waitFor(async () => expect((await inboundFiles(ws.owner.token)).message.files[0]?.id).toMatch(/^[0-9a-f]{32}$/));
    } finally {
      clock.setClockOffset(before);
    }
  });

  it("without the account's credentials, fetches media as Twilio serves it by default: public, no Authorization", async () => {
    const ws = await createWorkspace();
    const twilio = installFakeTwilio({ accountSid: ACCOUNT_SID, authToken: TWILIO_TOKEN }, { mediaAuth: false });
    await sendSms(ws.id, newPhone(), "Pic", mms([twilio.mediaUrl("image/png", PNG)]));
    await vi.waitFor(async () => expect((await inboundFiles(ws.owner.token)).message.files[0]?.id).toMatch(/^[0-9a-f]{32}$/));
    expect(twilio.mediaFetches.every((f) => !f.authorized)).toBe(true);
  });

  it("lists a file it cannot have with the reason, and never sends credentials off Twilio", async () => {
    const { ws, twilio, phone } = await setup();
    await sendSms(ws.id, phone, "See", mms(["https://evil.example/steal", twilio.mediaUrl("image/png", PNG)]));
    await vi.waitFor(async () => expect((await inboundFiles(ws.owner.token)).message.files).toHaveLength(2));
    const { message } = await inboundFiles(ws.owner.token);
    expect(message.files[0]).toMatchObject({ id: null, error: "Not kept: Media is only fetched from Twilio, not evil.example." });
    expect(message.files[1]).toMatchObject({ name: "attachment-2.png", error: null });
    expect(twilio.mediaFetches.some((f) => f.url.includes("evil"))).toBe(false);
  });
});
