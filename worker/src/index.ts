// Worker entry: wires fetch to the router and re-exports the Durable Object classes. Nothing else.
import type { Env } from "./env";
import { handleFetch } from "./http/router";
import { handleEmail } from "./webhooks/email";

export { TicketObject } from "./objects/ticket-object";
export { InboxObject } from "./objects/inbox-object";

export default {
  fetch: handleFetch,
  email: (message, env, _ctx) => handleEmail(message, env),
} satisfies ExportedHandler<Env>;
