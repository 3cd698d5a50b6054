// What a list row shows: the customer's last message (not the auto-reply after it) and since when they wait for an agent.
import { describe, expect, it } from "vitest";
import { postMessage, sendSms, setTicketStatus } from "../helpers";
import { detail, firstTicket, newPhone, smsWorkspace } from "../webhooks/sms-helpers";

const inboundTimes = async (token: string, ticketId: string) =>
  (await detail(token, ticketId)).messages.filter((m) => m.kind === "inbound").map((m) => m.createdAt);

describe("list previews", () => {
  it("previews the customer's question under an auto-reply, and counts the wait from their first unanswered message", async () => {
    const ws = await smsWorkspace({ sms: { autoResponder: { audience: "all" } } });
    const phone = newPhone();
    await sendSms(ws.id, phone, "START"); // a keyword asks nothing: the wait starts with the question
    await sendSms(ws.id, phone, "Do you ship to Canada?");
    let row = await firstTicket(ws.support.token);
    expect(row.lastMessage?.direction).toBe("outbound"); // the auto-reply came last
    expect(row.lastCustomerMessage?.text).toBe("Do you ship to Canada?");
    const [, asked] = await inboundTimes(ws.support.token, row.id);
    const national = phone.slice(2);
    expect((await detail(ws.support.token, row.id)).ticket.phoneDisplay).toBe(`+1 ${national.slice(0, 3)} ${national.slice(3, 6)} ${national.slice(6)}`);
    expect(row.waitingSince).toBe(asked);

    await sendSms(ws.id, phone, "Hello?");
    row = await firstTicket(ws.support.token);
    expect(row.lastCustomerMessage?.text).toBe("Hello?");
    expect(row.waitingSince).toBe(asked); // still waiting since the first question

    const sent = await postMessage(ws.support.token, row.id, { kind: "reply", text: "Yes, we do!" });
    expect(sent.status).toBe(201);
    row = await firstTicket(ws.support.token);
    expect(row.waitingSince).toBeNull();
    expect(row.lastCustomerMessage?.text).toBe("Hello?");

    await postMessage(ws.support.token, row.id, { kind: "note", text: "checked the carrier" });
    expect((await firstTicket(ws.support.token)).waitingSince).toBeNull(); // a note is not an answer

    await sendSms(ws.id, phone, "How long does it take?");
    row = await firstTicket(ws.support.token);
    const third = (await inboundTimes(ws.support.token, row.id)).at(-1);
    expect(row.waitingSince).toBe(third);

    await setTicketStatus(ws.support.token, row.id, { status: "closed" });
    // The activity line carries its catalogue key and parameters, so each agent reads it in their language.
    const closedLine = (await detail(ws.support.token, row.id)).messages.filter((m) => m.kind === "activity").at(-1);
    expect(closedLine).toMatchObject({ text: "Closed by Sam Support", activity: { key: "closed", params: { who: "Sam Support" } } });
    row = await firstTicket(ws.support.token);
    expect(row.waitingSince).toBeNull();
    expect(row.lastCustomerMessage?.text).toBe("How long does it take?");
  });
});
