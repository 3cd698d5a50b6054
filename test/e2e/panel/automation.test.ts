// Rules, in Chromium against wrangler dev: an admin writes a rule in Settings → Rules, tries it on a ticket ("what would
// happen"), saves it, and sees it act on the next webhook: the ticket is tagged and assigned, with the rule's line in
// the thread, and the rule counts the run. The panel is signed in as the admin at 400 px; runs at 10:30 New York.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { NewAgentResponse, TicketPage } from "../../../shared/schemas";
import { customer, launchExtension, shot, sms, startStack, ticketIdFor, type Browser, type Stack } from "./harness";
import { dayAt, installBrowserClock, setTime } from "../clock";

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
  await installBrowserClock(browser.context, WORK_HOURS);
  panel = await browser.panel();
  await panel.getByLabel("Worker URL").fill(stack.base);
  await panel.getByLabel("Agent token").fill(admin.token);
  await panel.getByRole("button", { name: "Sign in" }).click();
  await panel.getByTestId("ticket-list").waitFor();
}, 240_000);

beforeEach(async () => {
  await panel.setViewportSize({ width: 400, height: 760 });
  await setTime(stack.base, WORK_HOURS, browser.context);
  await panel.goto(`chrome-extension://${browser.extensionId}/sidepanel.html`);
  await panel.getByTestId("ticket-list").waitFor();
});

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
