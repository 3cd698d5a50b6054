// Demo web chats for seed.mjs: two storefront visitors talk through the widget API exactly as the widget does
// (start a session, send with a clientId). One gets an agent reply while away, so a follow-up email lands in the
// local outbox three minutes later; the other waits unanswered.
import { apiClient } from "./lib/dev.mjs";

const CHATS = [
  {
    start: { name: "Priya Shah", email: "priya.shah@example.com", pageUrl: "https://northwind.example/products/basecamp-4p" },
    says: ["Hi! Is the Basecamp 4P tent OK for light snow?", "We're planning a trip in early March."],
    reply: "Hi Priya! Yes: it's a 3+ season tent with a full-coverage fly; it handles light snow well. Bring a footprint for cold ground.",
  },
  {
    start: { pageUrl: "https://northwind.example/pages/returns" },
    says: ["Do you price match if something goes on sale after I buy it?"],
  },
];

/** Returns how many chats were seeded. `agentToken` answers the first chat. */
export async function seedChats(base, workspaceId, agentToken) {
  const api = apiClient(base);
  let n = 0;
  for (const chat of CHATS) {
    const { body: session } = await api("POST", `/chat/${workspaceId}/sessions`, { body: chat.start, expect: [201] });
    const auth = { authorization: `Bearer ${session.token}`, "content-type": "application/json" };
    for (const [i, text] of chat.says.entries()) {
      const res = await fetch(`${base}/chat/${workspaceId}/sessions/${session.sessionId}/messages`, {
        method: "POST", headers: auth, body: JSON.stringify({ clientId: `seed-chat-${n}-${i}-${session.sessionId.slice(3, 11)}`, text }),
      });
      if (!res.ok) throw new Error(`seeding a chat message failed: ${res.status} ${await res.text()}`);
    }
    if (chat.reply) await replyWhenListed(api, agentToken, chat.start.email, chat.reply);
    n += 1;
  }
  return n;
}

async function replyWhenListed(api, token, email, text) {
  for (let attempt = 0; attempt < 40; attempt++) {
    const { body } = await api("GET", "/api/tickets?view=all&channel=webchat&limit=100", { token });
    const hit = body.tickets.find((t) => t.profile?.email === email);
    if (hit) return api("POST", `/api/tickets/${hit.id}/messages`, { token, body: { kind: "reply", text } });
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no web-chat ticket listed for ${email}`);
}
