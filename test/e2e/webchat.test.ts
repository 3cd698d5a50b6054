// Web chat end to end: a customer on the demo storefront writes through the widget in real Chromium, the agent API
// lists the new web-chat ticket, an agent reply appears in the widget live, and the customer leaving shows as offline.

import { mkdirSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error plain JS helpers shared with npm start
import { applyMigrations, ROOT, startWorker, waitForHealth } from "../../scripts/lib/dev.mjs";
import { FileLink, SetupResponse, TicketDetailResponse, TicketPage, UploadedFile } from "../../shared/schemas";
import { typedApi } from "./api";
import { CHROMIUM_FLAGS } from "./chromium-flags";
import { RUN_OFFSET_MS } from "./clock";

const PORT = 8798;
const BASE = `http://127.0.0.1:${PORT}`;
const PERSIST = `.wrangler/e2e-${Math.random().toString(36).slice(2, 10)}`;
const SHOTS = path.join(ROOT, "test-results");

interface Worker {
  stop(): Promise<void>;
  exited: Promise<unknown>;
}
let worker: Worker | undefined;
let browser: Browser | undefined;
const api = typedApi(BASE);

async function until<T>(what: string, fn: () => Promise<T | undefined | null | false>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  await applyMigrations(PERSIST, { quiet: true });
  const started: Worker = startWorker({ port: PORT, persistTo: PERSIST, quiet: true, vars: { DEV_CLOCK_OFFSET_MS: String(RUN_OFFSET_MS) } });
  worker = started;
  await waitForHealth(BASE, { exited: started.exited });
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_FLAGS });
});

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
  await rm(path.join(ROOT, PERSIST), { recursive: true, force: true });
});

describe("web chat in Chromium", () => {
  it("serves a small widget script", async () => {
    const res = await fetch(`${BASE}/widget.js`);
    expect(res.headers.get("content-type")).toContain("javascript");
    const raw = Buffer.from(await res.arrayBuffer());
    const gzipped = gzipSync(raw).length;
    console.log(`widget.js: ${(raw.length / 1024).toFixed(1)} KiB raw, ${(gzipped / 1024).toFixed(1)} KiB gzipped`);
    expect(gzipped).toBeLessThan(10 * 1024);
  });

  it("customer writes on the storefront, the agent sees the ticket and replies, the reply appears live", async () => {
    const setup = await api("POST", "/api/setup", {
      token: "dev-setup-token",
      body: { workspace: { name: "Northwind Outfitters", timezone: "America/New_York" }, owner: { name: "Nadia Owner", email: "nadia@northwind.example" } },
      schema: SetupResponse,
    });
    const { token } = setup.body;
    const workspaceId = setup.body.workspace.id;
    await api("PUT", "/api/settings", { token, body: { webchat: { welcomeMessage: "Hi! Questions about gear or an order? Ask away." } } });

    const page = await browser!.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${BASE}/demo/store?workspace=${workspaceId}`);
    await page.getByRole("button", { name: "Open chat" }).click();
    const dialog = page.getByRole("dialog", { name: "Northwind Outfitters" });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await expect.poll(() => dialog.getByText("Questions about gear or an order?").isVisible()).toBe(true);
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.tagName)).toBe("SIDEDESK-CHAT"); // focus moved into the widget
    await page.getByLabel("Name").fill("Jamie Rivera");
    await page.getByLabel("Email").fill("jamie@example.com");
    await page.getByRole("textbox", { name: "Message" }).fill("Does the Trailblazer 45L fit carry-on limits? <b>not bold</b>");
    await page.getByRole("textbox", { name: "Message" }).press("Enter");

    const ticket = await until("the web-chat ticket in the agent API", async () => {
      const list = await api("GET", "/api/tickets?view=all&channel=webchat", { token, schema: TicketPage });
      return list.body.tickets.find((t) => t.profile.email === "jamie@example.com");
    });
    expect(ticket).toMatchObject({ channel: "webchat", status: "open", profile: { name: "Jamie Rivera", email: "jamie@example.com" } });
    const detail = (id: string) => api("GET", `/api/tickets/${id}`, { token, schema: TicketDetailResponse });
    expect((await detail(ticket.id)).body.messages.map((m) => m.text)).toContain("Does the Trailblazer 45L fit carry-on limits? <b>not bold</b>");
    await until("the customer online", async () => (await detail(ticket.id)).body.ticket.customerOnline === true);

    await api("POST", `/api/tickets/${ticket.id}/messages`, {
      token,
      body: { kind: "reply", text: "Yes! At 55 × 35 × 23 cm it fits most airlines' cabin limits." },
    });
    const reply = dialog.getByText("Yes! At 55 × 35 × 23 cm it fits most airlines' cabin limits.");
    await expect.poll(() => reply.isVisible(), { timeout: 10_000 }).toBe(true);
    // Customer text is shown as text, never as markup.
    await expect.poll(() => dialog.getByText("<b>not bold</b>", { exact: false }).isVisible()).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, "webchat-e2e.png"), animations: "disabled" });

    // A reload (or the next page) restores the session from localStorage and fetches the thread; nothing counts as new.
    await page.reload();
    await expect.poll(() => page.getByRole("button", { name: "Open chat" }).isVisible()).toBe(true);
    await page.getByRole("button", { name: "Open chat" }).click();
    await expect.poll(() => dialog.getByText("it fits most airlines' cabin limits").isVisible()).toBe(true);
    await api("POST", `/api/tickets/${ticket.id}/messages`, { token, body: { kind: "reply", text: "Anything else I can help with?" } });
    await expect.poll(() => dialog.getByText("Anything else I can help with?").isVisible(), { timeout: 10_000 }).toBe(true);

    // The agent closes the chat: the widget says so at once. The customer's next message starts a new session (a new
    // ticket), below a divider, with the old conversation kept above it as history.
    await api("POST", `/api/tickets/${ticket.id}/status`, { token, body: { status: "closed" } });
    await expect.poll(() => dialog.getByText("This conversation has ended.").isVisible(), { timeout: 10_000 }).toBe(true);
    await page.getByRole("textbox", { name: "Message" }).fill("One more thing: is there a rain cover?");
    await page.getByRole("button", { name: "Send message" }).click();
    await expect.poll(() => dialog.getByText("New conversation").isVisible()).toBe(true);
    const order = () =>
      dialog
        .locator("li")
        .evaluateAll((items) => items.map((li) => (li.classList.contains("divider") ? "--" : (li.querySelector(".text")?.textContent ?? "").slice(0, 14))));
    await expect
      .poll(async () => (await order()).filter((t) => /^(--|One more thing|Anything else|Yes! At 55)/.test(t)))
      .toEqual(["Yes! At 55 × 3", "Anything else ", "--", "One more thing"]);
    const second = await until("a second web-chat ticket", async () => {
      const list = await api("GET", "/api/tickets?view=all&channel=webchat", { token, schema: TicketPage });
      return list.body.tickets.find((t) => t.id !== ticket.id);
    });
    expect(second).toMatchObject({ status: "open", profile: { email: "jamie@example.com" } });
    const secondThread = await detail(second.id);
    expect(secondThread.body.messages.map((m) => m.text)).toContain("One more thing: is there a rain cover?");
    expect((await detail(ticket.id)).body.ticket.status).toBe("closed");

    const mobile = await browser!.newPage({ viewport: { width: 390, height: 780 } });
    await mobile.goto(`${BASE}/demo/store?workspace=${workspaceId}#sidedesk-chat`);
    await expect.poll(() => mobile.getByRole("dialog").isVisible()).toBe(true);
    await mobile.screenshot({ path: path.join(SHOTS, "webchat-e2e-mobile.png"), animations: "disabled" });
    await mobile.keyboard.press("Escape");
    await expect.poll(() => mobile.getByRole("dialog").isVisible()).toBe(false);
    await mobile.close();

    await page.close();
    await until("the customer offline after leaving", async () => (await detail(second.id)).body.ticket.customerOnline === false);
    expect(errors).toEqual([]);
  });

  it("asks for a rating inline when the agent closes the chat, and the answer reaches the ticket", async () => {
    const setup = await api("POST", "/api/setup", {
      token: "dev-setup-token",
      body: { workspace: { name: "Harbor Goods", timezone: "America/New_York" }, owner: { name: "Hana Owner", email: "hana@harbor.example" } },
      schema: SetupResponse,
    });
    const { token } = setup.body;
    const workspaceId = setup.body.workspace.id;
    await api("PUT", "/api/settings", { token, body: { csat: { channels: ["webchat"], delayMinutes: 0 } } });
    const page = await browser!.newPage({ viewport: { width: 390, height: 780 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${BASE}/demo/store?workspace=${workspaceId}#sidedesk-chat`);
    const dialog = page.getByRole("dialog", { name: "Harbor Goods" });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await page.getByRole("textbox", { name: "Message" }).fill("Do you ship to Canada?");
    await page.getByRole("textbox", { name: "Message" }).press("Enter");
    const ticket = await until(
      "the web-chat ticket",
      async () => (await api("GET", "/api/tickets?view=all&channel=webchat", { token, schema: TicketPage })).body.tickets[0],
    );
    await api("POST", `/api/tickets/${ticket.id}/messages`, { token, body: { kind: "reply", text: "Yes, we ship to Canada." } });
    await api("POST", `/api/tickets/${ticket.id}/status`, { token, body: { status: "closed" } });
    await expect.poll(() => dialog.getByText("How would you rate the help you got from Harbor Goods?").isVisible(), { timeout: 10_000 }).toBe(true);
    await dialog.getByRole("button", { name: "5 out of 5" }).click();
    await expect.poll(() => dialog.getByText("Thank you for your answer!").isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await dialog.getByRole("button", { name: "5 out of 5" }).getAttribute("aria-pressed")).toBe("true");
    await page.screenshot({ path: path.join(SHOTS, "webchat-survey.png"), animations: "disabled" });
    await until("the rating on the ticket", async () => {
      const d = await api("GET", `/api/tickets/${ticket.id}`, { token, schema: TicketDetailResponse });
      return d.body.messages.some((m) => m.text === "The customer rated the help 5/5");
    });
    await page.close();
    expect(errors).toEqual([]);
  });

  it("speaks the visitor's language, or the one the storefront sets with data-lang", async () => {
    const setup = await api("POST", "/api/setup", {
      token: "dev-setup-token",
      body: { workspace: { name: "Negozio Bianchi", timezone: "Europe/Rome" }, owner: { name: "Giulia", email: "giulia@bianchi.example" } },
      schema: SetupResponse,
    });
    const ws = setup.body.workspace.id;
    const visitor = await browser!.newContext({ locale: "ko-KR", viewport: { width: 1280, height: 800 } });
    const korean = await visitor.newPage();
    await korean.goto(`${BASE}/demo/store?workspace=${ws}`);
    await korean.getByRole("button", { name: "채팅 열기" }).click();
    await expect.poll(() => korean.getByRole("textbox", { name: "메시지" }).getAttribute("placeholder")).toBe("메시지를 입력하세요…");
    await korean.screenshot({ path: path.join(SHOTS, "webchat-ko.png"), animations: "disabled" });
    const forced = await visitor.newPage();
    await forced.goto(`${BASE}/demo/store?workspace=${ws}&lang=it`); // data-lang wins over the visitor's Korean
    await forced.getByRole("button", { name: "Apri la chat" }).click();
    await expect.poll(() => forced.getByRole("textbox", { name: "Messaggio" }).getAttribute("placeholder")).toBe("Scrivi un messaggio…");
    await forced.getByRole("textbox", { name: "Messaggio" }).fill("Ciao! Spedite in Svizzera?");
    await forced.getByRole("button", { name: "Invia messaggio" }).click();
    const ticket = await until("the Italian visitor's ticket", async () => {
      const list = await api("GET", "/api/tickets?view=all&channel=webchat", { token: setup.body.token, schema: TicketPage });
      return list.body.tickets[0];
    });
    expect(ticket.lastCustomerMessage?.text).toBe("Ciao! Spedite in Svizzera?");
    await visitor.close();
  });

  it("a customer's photo reaches the agent byte for byte, and the agent's photo shows in the widget", async () => {
    const setup = await api("POST", "/api/setup", {
      token: "dev-setup-token",
      body: { workspace: { name: "Photo Shop", timezone: "Europe/Rome" }, owner: { name: "Paola Owner", email: "paola@photo.example" } },
      schema: SetupResponse,
    });
    const { token } = setup.body;
    const page = await browser!.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${BASE}/demo/store?workspace=${setup.body.workspace.id}`);
    await page.getByRole("button", { name: "Open chat" }).click();
    await page.getByRole("button", { name: "Not now" }).click();
    await page.getByLabel("Send a photo").setInputFiles({ name: "crushed box.png", mimeType: "image/png", buffer: PNG });
    const dialog = page.getByRole("dialog", { name: "Photo Shop" });
    await expect.poll(() => dialog.getByRole("img", { name: "crushed box.png" }).isVisible()).toBe(true);

    const ticket = await until("the photo's web-chat ticket", async () => {
      const list = await api("GET", "/api/tickets?view=all&channel=webchat", { token, schema: TicketPage });
      return list.body.tickets[0];
    });
    const inbound = await until("the photo on the ticket", async () => {
      const d = await api("GET", `/api/tickets/${ticket.id}`, { token, schema: TicketDetailResponse });
      return d.body.messages.find((m) => m.kind === "inbound" && m.files.length);
    });
    const link = await api("GET", `/api/tickets/${ticket.id}/files/${inbound.files[0]!.id}`, { token, schema: FileLink });
    expect(Buffer.from(await (await fetch(link.body.url)).arrayBuffer()).equals(PNG)).toBe(true);

    const uploaded = await fetch(`${BASE}/api/tickets/${ticket.id}/files?name=${encodeURIComponent("new box.png")}`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "image/png" },
      body: PNG,
    });
    const file = UploadedFile.parse(await uploaded.json()).file;
    await api("POST", `/api/tickets/${ticket.id}/messages`, { token, body: { kind: "reply", text: "Sorry! A new one is on its way.", files: [file.id] } });
    const agentPhoto = dialog.getByRole("img", { name: "new box.png" });
    await expect.poll(() => agentPhoto.isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => agentPhoto.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
    await page.screenshot({ path: path.join(SHOTS, "webchat-e2e-photo.png"), animations: "disabled" });
    await page.close();
    expect(errors).toEqual([]);
  });
});

/** A 1×1 PNG. */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==", "base64");
