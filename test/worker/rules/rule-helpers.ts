// Helpers for the automation-rule tests: save rules through the API, read a ticket's thread and the ticket object's timers.
import * as clock from "../../../worker/src/clock";
import { runInDurableObject } from "cloudflare:test";
import { type Rule, RuleList, RuleResponse } from "../../../shared/schemas/rules";
import { api, getTicket } from "../helpers";
import { ticketStubOf } from "../inbox-helpers";

export async function createRule(token: string, body: Record<string, unknown>): Promise<Rule> {
  const r = await api(token, "POST", "/api/rules", body, RuleResponse);
  if (r.status !== 201) throw new Error(`rule ${r.status}: ${JSON.stringify(r.json)}`);
  return r.body.rule;
}

export async function listRules(token: string): Promise<Rule[]> {
  return (await api(token, "GET", "/api/rules", undefined, RuleList)).body.rules;
}

export const deleteRule = (token: string, id: string) => api(token, "DELETE", `/api/rules/${id}`);

/** The ticket's lines as an agent reads them: `kind:text` (activity lines too). */
export async function lines(token: string, ticketId: string): Promise<string[]> {
  const d = (await getTicket(token, ticketId)).body;
  return d.messages.map((m) => `${m.kind}:${m.text}`);
}

export async function ticketNow(token: string, ticketId: string) {
  return (await getTicket(token, ticketId)).body.ticket;
}

/** The ticket object's timer rows whose key starts with `prefix`. */
export function timers(ticketId: string, prefix: string) {
  return runInDurableObject(ticketStubOf(ticketId), (_i, state) =>
    state.storage.sql
      .exec<{ key: string; due_at: number; payload: string }>(
        "SELECT key, due_at, payload FROM timers WHERE key >= ? AND key < ? ORDER BY key",
        prefix,
        `${prefix}\uffff`,
      )
      .toArray(),
  );
}

/** Makes the ticket's timers with this prefix due now (as if their time had come). */
export function makeDue(ticketId: string, prefix: string, at: number) {
  return runInDurableObject(ticketStubOf(ticketId), (_i, state) => {
    state.storage.sql.exec("UPDATE timers SET due_at = ? WHERE key >= ? AND key < ?", at, prefix, `${prefix}\uffff`);
  });
}

export const count = (all: string[], line: string) => all.filter((l) => l === line).length;

/** The ticket object's stored state (timestamps the waiting clocks start from). */
export function storedState(ticketId: string) {
  return runInDurableObject(ticketStubOf(ticketId), (_i, state) => {
    const row = state.storage.sql.exec<{ value: string }>("SELECT value FROM kv WHERE key = 'state'").one();
    return JSON.parse(row.value) as { waitingSince: number | null; lastAgentReplyAt: number | null; openSince: number | null; status: string };
  });
}

/** Reads `read` until `done` holds (work that follows from a ticket's timers), or gives the last value after ~3 s. */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  let value = await read();
  for (let i = 0; i < 60 && !done(value); i++) {
    await new Promise((r) => setTimeout(r, 50));
    value = await read();
  }
  return value;
}

/** Runs `fn` with the worker's clock reading `at`. */
export async function atClock(at: number, fn: () => Promise<void>) {
  const before = clock.clockOffset();
  try {
    clock.setClock(at);
    await fn();
  } finally {
    clock.setClockOffset(before);
  }
}
