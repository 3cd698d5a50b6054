// Out-of-office and other automatic answers: they join the conversation they answer without reopening, notifying or
// marking it unread, and one that answers nothing we know opens no ticket.
import { beforeAll, describe, expect, it } from "vitest";
import * as fx from "./fixtures";
import { listIds } from "../inbox-helpers";
import { api, setTicketStatus } from "../helpers";
import { countRows, deliver, detail, emailWorkspace, ticketIdOf, uid } from "./email-helpers";

let ws: Awaited<ReturnType<typeof emailWorkspace>>;
beforeAll(async () => {
  ws = await emailWorkspace();
});

const customer = () => `kim.${crypto.randomUUID().slice(0, 6)}@customer.example`;

describe("automatic email answers", () => {
  it.each([["Auto-Submitted: auto-replied"], ["X-Autoreply: yes"], ["Precedence: auto_reply"]])(
    "%s joins its thread and leaves a closed ticket closed",
    async (header) => {
      const from = customer();
      const first = uid("first");
      expect((await deliver(from, ws.inbound, fx.plainText({ from: `Kim <${from}>`, to: ws.inbound }, first))).rejected).toBeNull();
      const ticketId = ticketIdOf(ws.id, first);
      expect((await setTicketStatus(ws.owner.token, ticketId, { status: "closed" })).status).toBe(200);
      expect((await api(ws.owner.token, "POST", `/api/tickets/${ticketId}/read`)).status).toBe(200);
      const auto = fx.reply(
        { from: `Kim <${from}>`, to: ws.inbound },
        uid("ooo"),
        first,
        [first],
        "Out of office: Re: Where is my order?",
        "I am away until Monday.",
      );
      const withHeader = auto.replace("MIME-Version: 1.0", `${header}\r\nMIME-Version: 1.0`);
      expect((await deliver(from, ws.inbound, withHeader)).rejected).toBeNull();
      const d = await detail(ws.owner.token, ticketId);
      expect(d.messages.filter((m) => m.kind === "inbound").map((m) => m.text)).toEqual([expect.stringContaining("my order #1001"), "I am away until Monday."]);
      expect(d.ticket.status).toBe("closed");
      expect(d.ticket.unread).toBe(false);
      expect(await listIds(ws.owner.token, "view=unread")).not.toContain(ticketId);
    },
  );

  it("an automatic answer to nothing we know opens no ticket", async () => {
    const from = customer();
    const before = await countRows("SELECT COUNT(*) AS n FROM tickets WHERE workspace_id = ?1", ws.id);
    const raw = fx.plainText({ from, to: ws.inbound }, uid("stray"), "Automatic reply: Thanks for your email", "We received your message.", [
      "Auto-Submitted: auto-replied",
    ]);
    expect((await deliver(from, ws.inbound, raw)).rejected).toBeNull();
    expect(await countRows("SELECT COUNT(*) AS n FROM tickets WHERE workspace_id = ?1", ws.id)).toBe(before);
  });

  it("a person's answer (Auto-Submitted: no) still reopens the ticket", async () => {
    const from = customer();
    const first = uid("first");
    await deliver(from, ws.inbound, fx.plainText({ from, to: ws.inbound }, first));
    const ticketId = ticketIdOf(ws.id, first);
    await setTicketStatus(ws.owner.token, ticketId, { status: "closed" });
    const human = fx
      .reply({ from, to: ws.inbound }, uid("re"), first, [first], "Re: Where is my order?", "Any news?")
      .replace("MIME-Version: 1.0", "Auto-Submitted: no\r\nMIME-Version: 1.0");
    await deliver(from, ws.inbound, human);
    expect((await detail(ws.owner.token, ticketId)).ticket.status).toBe("open");
  });
});
