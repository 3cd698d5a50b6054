// Worker entry: wires fetch to the router and re-exports the Durable Object classes. Nothing else.
import type { Env } from "./env";
import { handleFetch } from "./http/router";
import { handleEmail } from "./webhooks/email";
import { initClock } from "./clock";

export { TicketObject } from "./objects/ticket-object";
export { InboxObject } from "./objects/inbox-object";

export default {
  fetch: (request, env, ctx) => {
    initClock(env);
    return handleFetch(request, env, ctx);
  },
  email: (message, env, _ctx) => {
    initClock(env);
    return handleEmail(message, env);
  },
} satisfies ExportedHandler<Env>;
