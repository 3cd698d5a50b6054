// E2E harness for the side panel: builds the extension, starts `wrangler dev` on its own port and database,
// seeds a workspace through the public API and signed webhooks, and loads the extension in Debian's Chromium.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
// @ts-expect-error plain JS helpers shared with npm start
import { applyMigrations, postEvents, postTwilioSms, ROOT, startWorker, waitForHealth } from "../../../scripts/lib/dev.mjs";
import { DevOutbox, NewAgentResponse, type OutboxMessage, SetupResponse, TicketPage } from "../../../shared/schemas";
import { type Api, typedApi } from "../api";
import { CHROMIUM_FLAGS } from "../chromium-flags";
import { installBrowserClock, RUN_OFFSET_MS, setTime } from "../clock";
import { INBOUND, SHOP, SUPPORT_FROM } from "./fixtures";

export const SHOTS = path.join(ROOT, "test-results/panel");
export const TWILIO_TOKEN = "e2e-twilio-auth-token";
export const EVENTS_SECRET = "e2e-events-secret";
export const BUSINESS = "+12025550100";

/** What the dev scripts' webhook posters answer. */
interface Posted {
  status: number;
  text: string;
}

export interface Stack {
  base: string;
  api: Api;
  workspaceId: string;
  owner: { id: string; token: string };
  support: { id: string; token: string };
  stop(): Promise<void>;
}

export async function startStack(port: number): Promise<Stack> {
  const persist = `.wrangler/e2e-panel-${Math.random().toString(36).slice(2, 10)}`;
  const base = `http://127.0.0.1:${port}`;
  await applyMigrations(persist, { quiet: true });
  const worker: { stop(): Promise<void>; exited: Promise<unknown> } = startWorker({
    port,
    persistTo: persist,
    quiet: true,
    vars: { DEV_CLOCK_OFFSET_MS: String(RUN_OFFSET_MS) },
  });
  await waitForHealth(base, { exited: worker.exited });
  const api = typedApi(base);
  const setup = await api("POST", "/api/setup", {
    token: "dev-setup-token",
    body: { workspace: { name: "Northwind Outfitters", timezone: "America/New_York" }, owner: { name: "Nadia Owner", email: "nadia@northwind.example" } },
    schema: SetupResponse,
  });
  const owner = { id: setup.body.agent.id, token: setup.body.token };
  const added = await api("POST", "/api/agents", {
    token: owner.token,
    body: { name: "Sam Support", email: "sam@northwind.example", role: "support" },
    schema: NewAgentResponse,
  });
  await api("PUT", "/api/settings", {
    token: owner.token,
    body: {
      sms: { authToken: TWILIO_TOKEN, fromNumber: BUSINESS },
      events: { signingSecret: EVENTS_SECRET },
      // Order actions go to the worker's dev fake Admin API (startWorker sets SHOPIFY_ADMIN_BASE), found by this shop domain.
      shopify: { ...SHOP },
      email: { inboundAddress: INBOUND, supportAddress: SUPPORT_FROM },
    },
  });
  return {
    base,
    api,
    workspaceId: setup.body.workspace.id,
    owner,
    support: { id: added.body.agent.id, token: added.body.token },
    async stop() {
      await worker.stop();
      rmSync(path.join(ROOT, persist), { recursive: true, force: true });
    },
  };
}

let sid = 0;
/** An inbound SMS signed like Twilio signs it. */
export async function sms(stack: Stack, from: string, body: string, photo?: { type: string; bytes: Buffer }): Promise<void> {
  const media: Record<string, string> = {};
  if (photo) {
    // The phone's photo lands on (the dev fake of) Twilio's media edge first; the webhook names its MediaUrl.
    const stored = await fetch(`${stack.base}/dev/fake-twilio/Accounts/AC0/Media`, {
      method: "POST",
      headers: { "content-type": photo.type },
      body: new Uint8Array(photo.bytes),
    });
    Object.assign(media, { NumMedia: "1", MediaUrl0: ((await stored.json()) as { mediaUrl: string }).mediaUrl, MediaContentType0: photo.type });
  }
  const r: Posted = await postTwilioSms(stack.base, stack.workspaceId, TWILIO_TOKEN, {
    From: from,
    To: BUSINESS,
    Body: body,
    MessageSid: `SM${(Date.now().toString(16) + (++sid).toString(16).padStart(6, "0")).padStart(32, "0")}`,
    AccountSid: "AC0",
    ...media,
  });
  if (r.status !== 200) throw new Error(`sms webhook ${r.status}: ${r.text}`);
}

/** A customer with a name (via a signed activity event), optional SMS consent (START keyword), and a first message. */
export async function customer(stack: Stack, c: { name: string; phone: string; email: string; consent: boolean; text: string }): Promise<string> {
  const profile = { phone: c.phone, email: c.email, name: c.name };
  const r: Posted = await postEvents(stack.base, stack.workspaceId, EVENTS_SECRET, [
    { type: "activity", id: `e2e-sub-${c.phone}`, profile, metric: "Subscribed to List", properties: { list: "Newsletter" } },
    { type: "activity", id: `e2e-view-${c.phone}`, profile, metric: "Viewed Page", properties: { url: "https://northwind.example/products/trail-jacket" } },
  ]);
  if (r.status >= 300) throw new Error(`events ${r.status}: ${r.text}`);
  if (c.consent) await sms(stack, c.phone, "START");
  await sms(stack, c.phone, c.text);
  return ticketIdFor(stack, c.phone);
}

export async function ticketIdFor(stack: Stack, phone: string): Promise<string> {
  for (let i = 0; i < 40; i++) {
    const list = await stack.api("GET", `/api/tickets?view=all&q=${encodeURIComponent(phone.replace("+", ""))}`, {
      token: stack.owner.token,
      schema: TicketPage,
    });
    const t = list.body.tickets[0];
    if (t) return t.id;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no ticket for ${phone}`);
}

export async function outbox(stack: Stack): Promise<OutboxMessage[]> {
  const r = await stack.api("GET", `/dev/outbox?workspace=${stack.workspaceId}`, { schema: DevOutbox });
  return r.body.messages;
}

export async function until<T>(what: string, fn: () => Promise<T | undefined | null | false>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export interface Browser {
  context: BrowserContext;
  extensionId: string;
  panel(): Promise<Page>;
  close(): Promise<void>;
}

/** Build once per run, then load the unpacked build into a persistent context (extensions need one). */
export async function launchExtension(): Promise<Browser> {
  execFileSync(path.join(ROOT, "node_modules/.bin/wxt"), ["build"], { cwd: ROOT, stdio: "ignore" });
  mkdirSync(SHOTS, { recursive: true });
  const dir = path.join(ROOT, ".output/chrome-mv3");
  const profile = mkdtempSync(path.join(tmpdir(), "sidedesk-e2e-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: false,
    args: [...CHROMIUM_FLAGS, `--disable-extensions-except=${dir}`, `--load-extension=${dir}`],
    viewport: { width: 420, height: 760 },
  });
  const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker", { timeout: 30_000 }));
  const extensionId = new URL(sw.url()).host;
  return {
    context,
    extensionId,
    async panel() {
      const page = await context.newPage();
      page.on("pageerror", (e) => console.error("[panel error]", e.message));
      page.on("console", (m) => {
        if (m.type() === "error") console.error("[panel console]", m.text());
      });
      await page.goto(`chrome-extension://${extensionId}/sidepanel.html`);
      return page;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Screenshot of the screen itself: leftover toasts from earlier steps are dismissed first. */
export async function shot(page: Page, name: string) {
  for (const b of await page.getByRole("button", { name: "Dismiss" }).all()) await b.click({ timeout: 1000 }).catch(() => undefined);
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

/** Wait for running CSS transitions/animations (not endless ones like spinners) to finish, so screenshots show the end state. */
export const settled = (page: Page) =>
  page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getTiming().iterations !== Infinity)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );

/** Opens the side panel at `at` (the browser's clock too) and signs in with `token`; the list is on screen. */
export async function signedInPanel(stack: Stack, browser: Browser, token: string, at: Date): Promise<Page> {
  await installBrowserClock(browser.context, at);
  const panel = await browser.panel();
  await panel.getByLabel("Worker URL").fill(stack.base);
  await panel.getByLabel("Agent token").fill(token);
  await panel.getByRole("button", { name: "Sign in" }).click();
  await panel.getByTestId("ticket-list").waitFor();
  return panel;
}

/** Each test starts from the list at 400 px, both clocks at `at`. */
export async function freshPanel(panel: Page, stack: Stack, browser: Browser, at: Date): Promise<void> {
  await panel.setViewportSize({ width: 400, height: 760 });
  await setTime(stack.base, at, browser.context);
  await panel.goto(`chrome-extension://${browser.extensionId}/sidepanel.html`);
  await panel.getByTestId("ticket-list").waitFor();
}
