// Rules, SLAs and satisfaction, in Chromium against wrangler dev: an admin writes a rule in Settings → Rules, tries it
// on a ticket ("what would happen"), saves it, and sees it act on the next webhook; an SLA policy's countdown on the
// row and the "Breaching soon" list; a closed ticket's survey answered on its page, and the answer on the ticket.
// The panel is signed in as the admin at 400 px; runs at 10:30 New York.

import type { Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { NewAgentResponse, TicketDetailResponse, TicketPage } from "../../../shared/schemas";
import { dayAt, setTime } from "../clock";
import { type Browser, customer, freshPanel, launchExtension, type Stack, shot, signedInPanel, sms, startStack, ticketIdFor, until } from "./harness";

const PORT = 8799;
const WORK_HOURS = dayAt("10:30", "America/New_York");
let stack: Stack;
let browser: Browser;
let panel: Page;
let admin: { id: string; token: string };
let firstNumber = 0;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(PORT), launchExtension()]);
  await setTime(stack.base, WORK_HOURS);
  const added = await stack.api("POST", "/api/agents", {
    token: stack.owner.token,
    body: { name: "Ana Admin", email: "ana@northwind.example", role: "admin" },
    schema: NewAgentResponse,
  });
  admin = { id: added.body.agent.id, token: added.body.token };
  await customer(stack, { name: "Dora Lee", phone: "+12025550121", email: "dora@example.com", consent: true, text: "Can I get a refund for the boots?" });
  const list = await stack.api("GET", "/api/tickets?view=all", { token: stack.owner.token, schema: TicketPage });
  firstNumber = list.body.tickets[0]?.number ?? 0;
  panel = await signedInPanel(stack, browser, admin.token, WORK_HOURS);
}, 240_000);

beforeEach(() => freshPanel(panel, stack, browser, WORK_HOURS));

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe("rules", () => {
  it("an admin writes a rule, tries it on a ticket, saves it, and it acts on the next customer message", async () => {
    await panel.getByTestId("open-settings").click();
    await panel.getByTestId("settings-tab-rules").click();
    await panel.getByText("No rules yet.").waitFor();
    await panel.getByTestId("new-rule").click();
    await panel.getByTestId("rule-name").fill("Refunds to Sam");
    await panel.getByTestId("rule-trigger").selectOption("customer_message");
    await panel.getByTestId("add-condition").click();
    await panel.getByTestId("condition-field-0").selectOption("text");
    await panel.getByTestId("condition-text-0").fill("refund, money back");
    await panel.getByTestId("action-type-0").selectOption("add_tags");
    await panel.getByTestId("action-tags-0").fill("billing");
    await panel.getByTestId("add-action").click();
    await panel.getByTestId("action-type-1").selectOption("assign");
    await panel.getByTestId("action-assign-1").selectOption({ label: "Sam Support" });
    // What would happen on Dora's ticket: her message has the word, so both actions would run.
    await panel.getByTestId("rule-try-number").fill(String(firstNumber));
    await panel.getByTestId("rule-try").click();
    const result = panel.getByTestId("rule-try-result");
    await result.waitFor();
    expect(await result.textContent()).toContain("The conditions hold: the actions would run.");
    expect(await result.textContent()).toContain("Would: Add tags — +billing");
    await shot(panel, "60-rule-form-try");
    await panel.getByTestId("rule-save").click();
    const saved = panel.getByTestId("rule").filter({ hasText: "Refunds to Sam" });
    await saved.waitFor();
    expect(await saved.getByTestId("rule-fired").textContent()).toBe("Acted 0 times in 7 days");
    await shot(panel, "61-rules-list");

    // A new customer writes: the rule tags the ticket and gives it to Sam, and the panel shows it live.
    await sms(stack, "+12025550122", "Hi, I want my money back for order 1042");
    const id = await ticketIdFor(stack, "+12025550122");
    await panel.getByLabel("Back to inbox").click();
    await panel.getByTestId("open-nav").click();
    await panel.getByTestId("nav-all").click();
    await panel.locator(`[data-ticket-id="${id}"]`).click();
    await panel.getByTestId("msg-activity").filter({ hasText: "Rule “Refunds to Sam” ran" }).waitFor();
    await panel.getByTestId("msg-activity").filter({ hasText: "Assigned to Sam Support by “Refunds to Sam”" }).waitFor();
    await shot(panel, "62-rule-acted");
    await panel.getByTestId("back").click();
    await panel.getByTestId("open-settings").click();
    await panel.getByTestId("settings-tab-rules").click();
    await expect
      .poll(() => panel.getByTestId("rule").filter({ hasText: "Refunds to Sam" }).getByTestId("rule-fired").textContent())
      .toBe("Acted once in 7 days");
  });
});

describe("SLAs and satisfaction", () => {
  it("shows the SLA countdown on the row and gathers due tickets under Breaching soon", async () => {
    await stack.api("PUT", "/api/settings", {
      token: stack.owner.token,
      body: { sla: { policies: [{ name: "SMS", channels: ["sms"], firstResponseMinutes: 15 }], soonMinutes: 30 } },
    });
    await sms(stack, "+12025550123", "Is the blue jacket back in stock?");
    const id = await ticketIdFor(stack, "+12025550123");
    await panel.getByTestId("open-nav").click();
    await panel.getByTestId("nav-all").click();
    const chip = panel.locator(`[data-ticket-id="${id}"]`).getByTestId("sla");
    await expect.poll(() => chip.textContent(), { timeout: 10_000 }).toMatch(/^Due in 1[45]m$/);
    await panel.getByTestId("open-nav").click();
    await panel.getByTestId("nav-breaching").click();
    await expect.poll(() => panel.getByTestId("view-title").textContent()).toContain("Breaching soon");
    await panel.locator(`[data-ticket-id="${id}"]`).waitFor();
    await shot(panel, "63-breaching-soon");
  });

  it("sends the survey after the close; the customer's answer on its page shows on the ticket", async () => {
    await stack.api("PUT", "/api/settings", { token: stack.owner.token, body: { csat: { channels: ["sms"], delayMinutes: 0 } } });
    const id = await customer(stack, { name: "Eve Park", phone: "+12025550124", email: "eve@example.com", consent: true, text: "Thanks, all good now!" });
    await stack.api("POST", `/api/tickets/${id}/status`, { token: admin.token, body: { status: "closed" } });
    const link = await until("the survey link", async () => {
      const d = await stack.api("GET", `/api/tickets/${id}`, { token: admin.token, schema: TicketDetailResponse });
      return d.body.messages.map((m) => /https?:\/\/\S+\/survey\/\S+/.exec(m.source === "survey" ? m.text : "")?.[0]).find(Boolean);
    });
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 390, height: 700 });
    await page.goto(link);
    await page.getByText("How would you rate the help you got from Northwind Outfitters?").waitFor();
    await page.getByText("4", { exact: true }).click();
    await page.getByLabel("Anything you'd like to add? (optional)").fill("Quick and friendly");
    await shot(page, "64-survey-page");
    await page.getByRole("button", { name: "Send" }).click();
    await page.getByText("Thank you for your answer!").waitFor();
    await page.close();
    await panel.getByTestId("open-nav").click();
    await panel.getByTestId("nav-all").click();
    await panel.locator(`[data-ticket-id="${id}"]`).click();
    await panel.getByTestId("msg-activity").filter({ hasText: "The customer rated the help 4/5: “Quick and friendly”" }).waitFor();
    await shot(panel, "65-survey-answer");
  });
});

describe("starting a conversation", () => {
  it("an agent texts a consented customer from the customer panel, and the ticket opens with the message", async () => {
    const id = await customer(stack, { name: "Gil Tanaka", phone: "+12025550125", email: "gil@example.com", consent: true, text: "Thanks!" });
    await stack.api("POST", `/api/tickets/${id}/status`, { token: admin.token, body: { status: "closed" } });
    await panel.getByTestId("open-nav").click();
    await panel.getByTestId("nav-all").click();
    await panel.locator(`[data-ticket-id="${id}"]`).click();
    await panel.getByTestId("tab-customer").click();
    await panel.getByTestId("new-conversation").click();
    await panel.getByTestId("start-text").fill("Hi Gil, the wool throw you asked about is back in stock.");
    await shot(panel, "66-start-conversation");
    await panel.getByTestId("start-send").click();
    await panel.getByTestId("msg-outbound").filter({ hasText: "the wool throw you asked about is back in stock" }).waitFor();
    const d = await stack.api("GET", `/api/tickets/${id}`, { token: admin.token, schema: TicketDetailResponse });
    expect(d.body.ticket.status).toBe("open");
  });
});
