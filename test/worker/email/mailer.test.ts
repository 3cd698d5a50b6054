// sendEmail: the MIME it builds, and each transport (local outbox, HTTP provider, send_email binding) with its errors.
import { afterEach, describe, expect, it, vi } from "vitest";
import { env } from "cloudflare:test";
import PostalMime from "postal-mime";
import { sendEmail, type OutgoingEmail } from "../../../worker/src/integrations/mailer";
import { composeMime } from "../../../worker/src/domain/email-compose";
import { ProviderError } from "../../../worker/src/integrations/provider-error";

const mail: OutgoingEmail = {
  workspaceId: "ws_mailer",
  ticketId: null,
  from: { name: "Café Shop", address: "support@shop.example" },
  to: "jane@customer.example",
  replyTo: "help@inbound.shop.example",
  subject: "Re: Größe — size",
  text: "Hallo Jane,\nGRÖẞE M ist unterwegs. ✓",
  html: "<p>Hallo <b>Jane</b></p>",
  inReplyTo: "b@customer.example",
  references: ["a@customer.example", "b@customer.example"],
};

afterEach(() => vi.restoreAllMocks());

describe("composeMime", () => {
  it("builds a CRLF message with UTF-8 headers, both bodies and threading headers a mail client reads back", async () => {
    const raw = composeMime({ ...mail, messageId: "m1@shop.example", date: new Date("2026-06-02T10:00:00Z") });
    expect(raw.replace(/\r\n/g, "")).not.toMatch(/\n/);
    expect(raw).toContain("Date: Tue, 02 Jun 2026 10:00:00 +0000\r\n");
    const parsed = await PostalMime.parse(raw);
    expect(parsed.from).toMatchObject({ name: "Café Shop", address: "support@shop.example" });
    expect(parsed.replyTo?.[0]).toMatchObject({ address: "help@inbound.shop.example" });
    expect(parsed.subject).toBe("Re: Größe — size");
    expect(parsed.messageId).toBe("<m1@shop.example>");
    expect(parsed.inReplyTo).toBe("<b@customer.example>");
    expect(parsed.references).toBe("<a@customer.example> <b@customer.example>");
    expect(parsed.text?.trim()).toBe(mail.text);
    expect(parsed.html).toContain("<b>Jane</b>");
  });

  it("cannot be made to inject headers", async () => {
    const raw = composeMime({ ...mail, subject: "Hi\r\nBcc: victim@example.com", to: "jane@customer.example\r\nBcc: x@y.z", messageId: "m2@shop.example" });
    expect(raw).not.toMatch(/^Bcc:/im);
  });
});

describe("sendEmail transports", () => {
  it("records to the local outbox when no provider is configured", async () => {
    const sent = await sendEmail(env, { ...mail, workspaceId: "ws_outbox" });
    expect(sent.providerId).toMatch(/^outbox:/);
    const row = await env.DB.prepare("SELECT * FROM outbox WHERE workspace_id = 'ws_outbox'").first<{
      channel: string;
      subject: string;
      body: string;
      mime: string;
    }>();
    expect(row).toMatchObject({ channel: "email", subject: mail.subject, body: mail.text });
    expect((await PostalMime.parse(row!.mime)).messageId).toBe(`<${sent.messageId}>`);
  });

  it("posts Resend-style JSON to the HTTP provider with the threading headers", async () => {
    const fetchSpy = vi.spyOn(globalThis, "fetch").mockResolvedValue(Response.json({ id: "prov-123" }));
    const sent = await sendEmail({ ...env, MAIL_API_URL: "https://mail.test/emails", MAIL_API_KEY: "key-1" }, { ...mail, messageId: "m3@shop.example" });
    expect(sent).toEqual({ providerId: "http:prov-123", messageId: "m3@shop.example" });
    const [url, init] = fetchSpy.mock.calls[0]!;
    expect(url).toBe("https://mail.test/emails");
    expect(new Headers(init?.headers).get("authorization")).toBe("Bearer key-1");
    expect(JSON.parse(String(init?.body)) as unknown).toEqual({
      from: '"Café Shop" <support@shop.example>',
      to: ["jane@customer.example"],
      reply_to: "help@inbound.shop.example",
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      headers: { "Message-ID": "<m3@shop.example>", "In-Reply-To": "<b@customer.example>", References: "<a@customer.example> <b@customer.example>" },
    });
  });

  it.each([
    [422, false],
    [429, true],
    [503, true],
  ])("an HTTP %i from the provider is a ProviderError (retryable: %s)", async (status, retryable) => {
    vi.spyOn(globalThis, "fetch").mockResolvedValue(Response.json({ message: "nope" }, { status }));
    const err = await sendEmail({ ...env, MAIL_API_URL: "https://mail.test/emails", MAIL_API_KEY: "k" }, mail).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect(err).toMatchObject({ retryable, message: expect.stringContaining(`(${status}): nope`) });
  });

  it("uses the send_email binding when bound, and reports its refusals as permanent", async () => {
    const sends: { from: string; to: string }[] = [];
    const EMAIL = {
      send: async (m: { from: string; to: string }) => {
        sends.push({ from: m.from, to: m.to });
        return { messageId: "cf-1" };
      },
    } as unknown as SendEmail;
    expect((await sendEmail({ ...env, EMAIL }, mail)).providerId).toBe("cf:cf-1");
    expect(sends).toEqual([{ from: "support@shop.example", to: "jane@customer.example" }]);
    const refusing = {
      send: async () => {
        throw new Error("destination address is not verified");
      },
    } as unknown as SendEmail;
    await expect(sendEmail({ ...env, EMAIL: refusing }, mail)).rejects.toMatchObject({ retryable: false });
  });

  it("refuses malformed addresses without trying", async () => {
    await expect(sendEmail(env, { ...mail, to: "not an address" })).rejects.toMatchObject({ retryable: false });
  });
});
