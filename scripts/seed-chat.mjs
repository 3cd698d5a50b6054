// Demo web chats for seed.mjs: storefront visitors talk through the widget API exactly as the widget does (start a
// session, send with a clientId), each at its own time, ending open, snoozed or closed. One gets an agent reply while
// away, so a follow-up email lands in the local outbox three minutes later; one waits unanswered, anonymous.
import { apiClient, fetchRetrying } from "./lib/dev.mjs";

const HOUR = 3_600_000;
const CHATS = [
  {
    hoursAgo: 12 * 24,
    start: { name: "Liam Murphy", email: "liam.murphy@example.net", pageUrl: "https://northwind.example/products/summit-down-jacket" },
    says: ["Hi, can I swap my Summit jacket for a size L? It arrived yesterday."],
    reply: "Hi Liam! Sure: reply to the confirmation email with 'exchange L' and we'll send the new one with a prepaid return label.",
    end: { status: "closed" },
  },
  {
    hoursAgo: 3 * 24,
    start: { name: "Grace Lee", email: "grace.lee@example.org", pageUrl: "https://northwind.example/products/cascade-rain-jacket" },
    says: ["When is the Cascade rain jacket back in stock in XS?"],
    reply: "Hi Grace, the next shipment lands this week. I'll message you as soon as XS is back.",
    end: { status: "snoozed", preset: "tomorrow" },
  },
  {
    hoursAgo: 30,
    start: { name: "Priya Shah", email: "priya.shah@example.com", pageUrl: "https://northwind.example/products/basecamp-4p" },
    says: ["Hi! Is the Basecamp 4P tent OK for light snow?", "We're planning a trip in early March."],
    reply: "Hi Priya! Yes: it's a 3+ season tent with a full-coverage fly; it handles light snow well. Bring a footprint for cold ground.",
  },
  {
    hoursAgo: 1,
    start: { pageUrl: "https://northwind.example/pages/returns" },
    says: ["Do you price match if something goes on sale after I buy it?"],
  },
];

/** Returns how many chats were seeded. `agentToken` answers them; `clockTo` moves the worker's dev clock. */
export async function seedChats(base, workspaceId, { agentToken, clockTo, now }) {
  const api = apiClient(base);
  let n = 0;
  for (const chat of CHATS) {
    let at = now - chat.hoursAgo * HOUR;
    await clockTo(at);
    const { body: session } = await api("POST", `/chat/${workspaceId}/sessions`, { body: chat.start, expect: [201] });
    const auth = { authorization: `Bearer ${session.token}`, "content-type": "application/json" };
    for (const [i, text] of chat.says.entries()) {
      at += 40_000;
      await clockTo(at);
      const res = await fetchRetrying(`${base}/chat/${workspaceId}/sessions/${session.sessionId}/messages`, {
        method: "POST",
        headers: auth,
        body: JSON.stringify({ clientId: `seed-chat-${n}-${i}-${session.sessionId.slice(3, 11)}`, text }),
      });
      if (!res.ok) throw new Error(`seeding a chat message failed: ${res.status} ${await res.text()}`);
    }
    if (chat.start.email) {
      const id = await chatTicket(api, agentToken, chat.start.email);
      if (chat.reply) {
        at += 6 * 60_000;
        await clockTo(at);
        await api("POST", `/api/tickets/${id}/messages`, { token: agentToken, body: { kind: "reply", text: chat.reply, clientId: `seed-chat-reply-${n}` } });
      }
      if (chat.end?.status === "closed") await clockTo(at + 2 * HOUR);
      if (chat.end?.status === "snoozed") await clockTo(Date.now());
      if (chat.end) await api("POST", `/api/tickets/${id}/status`, { token: agentToken, body: chat.end });
    }
    n += 1;
  }
  return n;
}

/** The chat's ticket, from the listing (the D1 projection may lag a moment). */
async function chatTicket(api, token, email) {
  for (let attempt = 0; attempt < 40; attempt++) {
    const { body } = await api("GET", "/api/tickets?view=all&channel=webchat&limit=100", { token });
    const hit = body.tickets.find((t) => t.profile?.email === email);
    if (hit) return hit.id;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no web-chat ticket listed for ${email}`);
}
