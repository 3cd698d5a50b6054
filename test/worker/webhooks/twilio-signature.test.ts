// X-Twilio-Signature: Twilio's published example, then the webhook refusing forged, unsigned and malformed requests.
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { ErrorBody } from "../../../shared/schemas";
import { twilioSignature, verifyTwilio } from "../../../worker/src/webhooks/signatures";
import { BASE, BUSINESS_NUMBER, TWILIO_TOKEN, createWorkspace, newSid, sendSms, twilioPost } from "../helpers";
import { detail, EMPTY, firstTicket, footprint, listTickets, thread } from "./sms-helpers";

// Twilio's "Webhooks security" worked example: auth token 12345, a URL with a query string, these POST params.
// Its editions differ only in the caller's number; each edition's number yields the signature printed with it.
const exampleParams = (caller: string) =>
  new URLSearchParams({ CallSid: "CA1234567890ABCDE", Caller: caller, Digits: "1234", From: caller, To: "+18005551212" });
const TWILIO_EXAMPLE = {
  token: "12345",
  url: "https://mycompany.com/myapp.php?foo=1&bar=2",
  params: exampleParams("+14158675310"),
  signature: "GvWf1cFY/Q7PnoempGyD5oXAezc=",
};

describe("Twilio signature algorithm", () => {
  it.each([
    ["+14158675310", "GvWf1cFY/Q7PnoempGyD5oXAezc="],
    ["+12349013030", "0/KCTR6DLpKmkAf8muzZqo1nDgQ="],
  ])("reproduces Twilio's published example (caller %s → %s)", async (caller, signature) => {
    const { token, url } = TWILIO_EXAMPLE;
    expect(await twilioSignature(token, url, exampleParams(caller))).toBe(signature);
    expect(await verifyTwilio(token, url, exampleParams(caller), signature)).toBe(true);
  });

  it("does not depend on the order the parameters arrive in", async () => {
    const { token, url, signature } = TWILIO_EXAMPLE;
    const shuffled = new URLSearchParams([
      ["To", "+18005551212"],
      ["Digits", "1234"],
      ["From", "+14158675310"],
      ["CallSid", "CA1234567890ABCDE"],
      ["Caller", "+14158675310"],
    ]);
    expect(await verifyTwilio(token, url, shuffled, signature)).toBe(true);
  });

  it.each([
    ["another auth token", { token: "54321" }],
    ["the URL without its query string", { url: "https://mycompany.com/myapp.php" }],
    ["another query string", { url: "https://mycompany.com/myapp.php?foo=2&bar=2" }],
    ["http instead of https", { url: "http://mycompany.com/myapp.php?foo=1&bar=2" }],
    ["a changed parameter", { params: new URLSearchParams({ ...Object.fromEntries(TWILIO_EXAMPLE.params), Digits: "1235" }) }],
    ["an added parameter", { params: new URLSearchParams({ ...Object.fromEntries(TWILIO_EXAMPLE.params), Extra: "1" }) }],
  ])("refuses the example signature with %s", async (_label, change) => {
    const { token, url, params, signature } = { ...TWILIO_EXAMPLE, ...change };
    expect(await verifyTwilio(token, url, params, signature)).toBe(false);
  });

  it("refuses a missing or empty signature", async () => {
    const { token, url, params } = TWILIO_EXAMPLE;
    expect(await verifyTwilio(token, url, params, null)).toBe(false);
    expect(await verifyTwilio(token, url, params, "")).toBe(false);
  });
});

describe("POST /webhooks/:ws/twilio/sms authentication and validation", () => {
  const path = (ws: string) => `/webhooks/${ws}/twilio/sms`;
  const form = (over: Record<string, string> = {}) =>
    new URLSearchParams({ MessageSid: newSid(), AccountSid: "AC0000", From: "+12025550123", To: BUSINESS_NUMBER, Body: "forged", NumMedia: "0", ...over });

  it("accepts a request signed over the exact URL including its query string", async () => {
    const ws = await createWorkspace();
    const r = await twilioPost(`${path(ws.id)}?source=twilio&v=2`, form({ Body: "signed with a query" }));
    expect(r.status).toBe(200);
    const ticket = await firstTicket(ws.support.token);
    expect(thread((await detail(ws.support.token, ticket.id)).messages)[0]).toBe("inbound:customer:signed with a query");
  });

  it.each([
    ["a wrong signature", (ws: string, p: URLSearchParams) => twilioPost(path(ws), p, TWILIO_TOKEN, "AAAAAAAAAAAAAAAAAAAAAAAAAAA=")],
    ["a signature from another auth token", (ws: string, p: URLSearchParams) => twilioPost(path(ws), p, "someone-elses-token")],
  ])("refuses %s with 401 and stores nothing", async (_label, post) => {
    const ws = await createWorkspace();
    const r = await post(ws.id, form());
    expect(r.status).toBe(401);
    expect(ErrorBody.parse(JSON.parse(r.text)).error.code).toBe("invalid_signature");
    expect(await footprint(ws.id)).toEqual(EMPTY);
    expect(await listTickets(ws.support.token)).toEqual([]);
  });

  it("refuses a request without X-Twilio-Signature with 401", async () => {
    const ws = await createWorkspace();
    const res = await SELF.fetch(`${BASE}${path(ws.id)}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: form().toString(),
    });
    expect(res.status).toBe(401);
    expect(ErrorBody.parse(await res.json()).error.code).toBe("invalid_signature");
    expect(await footprint(ws.id)).toEqual(EMPTY);
  });

  it("refuses a signature made for another URL (replayed to this endpoint)", async () => {
    const ws = await createWorkspace();
    const p = form();
    const elsewhere = await twilioSignature(TWILIO_TOKEN, `${BASE}/webhooks/another/twilio/sms`, p);
    expect((await twilioPost(path(ws.id), p, TWILIO_TOKEN, elsewhere)).status).toBe(401);
    expect(await footprint(ws.id)).toEqual(EMPTY);
  });

  it.each([
    ["a bad MessageSid", { MessageSid: "not-a-sid" }, "MessageSid"],
    ["a From that is not a phone number", { From: "12345" }, "From"],
    ["a missing To", { To: "" }, "To"],
  ])("answers 400 with the issues for %s, even when correctly signed, and stores nothing", async (_label, over, field) => {
    const ws = await createWorkspace();
    const r = await twilioPost(path(ws.id), form(over));
    expect(r.status).toBe(400);
    const body = ErrorBody.parse(JSON.parse(r.text));
    expect(body.error.code).toBe("invalid_request");
    expect(body.error.issues?.map((i) => i.path)).toContain(field);
    expect(await footprint(ws.id)).toEqual(EMPTY);
  });

  it("answers 404 for an unknown workspace", async () => {
    const r = await sendSms("ws_does_not_exist", "+12025550123", "hello");
    expect(r.status).toBe(404);
  });

  it("refuses everything while the workspace has no Twilio auth token", async () => {
    const ws = await createWorkspace({ settings: { sms: { authToken: null } } });
    expect((await sendSms(ws.id, "+12025550123", "hello")).status).toBe(401);
    expect(await footprint(ws.id)).toEqual(EMPTY);
  });
});
