// Finding a ticket for an agent: the id must name a ticket of the agent's own workspace, or it is a 404.
import type { Env } from "../env";
import type { AgentContext } from "../http/auth";
import { HttpError, notFound } from "../http/errors";
import { ticketWorkspace } from "../db/ticket-listing";
import type { Outcome } from "../objects/outcome";
import { dbFor } from "../db/shards";

const TICKET_ID = /^[0-9a-f]{64}$/;

export async function ticketStub(env: Env, who: AgentContext, id: string) {
  if (!TICKET_ID.test(id)) throw notFound();
  if ((await ticketWorkspace(dbFor(env, who.workspace.id), id)) !== who.workspace.id) throw notFound();
  try {
    return env.TICKETS.get(env.TICKETS.idFromString(id));
  } catch {
    throw notFound();
  }
}

export function unwrap<T>(outcome: Outcome<T>): T {
  if (outcome.ok) return outcome.value;
  throw new HttpError(outcome.status, outcome.code, outcome.message);
}

export const originOf = (env: Env, request: Request) => env.PUBLIC_URL ?? new URL(request.url).origin;
