// Projection statements straight against D1: versioned upserts never let an older write win.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { deleteTicketStatements, projectionStatements, type TicketProjection } from "../../../worker/src/db/projection";

const WS = "ws_projection";
const base = (over: Partial<TicketProjection>): TicketProjection => ({
  id: "a".repeat(64),
  workspaceId: WS,
  number: 7,
  channel: "sms",
  status: "open",
  snoozedUntil: null,
  assigneeId: null,
  profileId: "pr_1",
  tags: [],
  description: "",
  followers: [],
  favoriteOf: [],
  readBy: [],
  markedUnreadBy: [],
  last: { text: "hi", at: 1_000, direction: "inbound" },
  customer: { text: "hi", at: 1_000 },
  waitingSince: 1_000,
  sla: null,
  attribution: null,
  newMessages: [],
  indexedSeq: 0,
  version: 1,
  createdAt: 1_000,
  updatedAt: 1_000,
  firstResponseAt: null,
  firstResponderId: null,
  periodStartedAt: 1_000,
  closedAt: null,
  ...over,
});
const project = (p: TicketProjection) => env.DB.batch(projectionStatements(env.DB, p));
const rows = async (sql: string, id: string) => (await env.DB.prepare(sql).bind(id).all()).results;

beforeAll(async () => {
  await env.DB.batch([
    env.DB.prepare("INSERT INTO workspaces (id, name, created_at) VALUES (?1, 'P', 0)").bind(WS),
    env.DB.prepare(
      "INSERT INTO agents (id, workspace_id, name, email, role, token_hash, created_at) VALUES ('ag_p', ?1, 'P', 'p@x.test', 'support', 'h-proj', 0)",
    ).bind(WS),
  ]);
});

describe("versioned projection", () => {
  it("a stale projection does not overwrite a newer row, its tags, followers or search index", async () => {
    const id = "b".repeat(64);
    await project(
      base({
        id,
        version: 5,
        status: "closed",
        tags: ["billing/refund"],
        followers: ["ag_p"],
        assigneeId: "ag_p",
        readBy: ["ag_p"],
        last: { text: "newest", at: 5_000, direction: "outbound" },
        newMessages: [
          { seq: 1, text: "hello" },
          { seq: 2, text: "refund please" },
        ],
        indexedSeq: 2,
      }),
    );
    await project(
      base({
        id,
        version: 3,
        status: "open",
        tags: ["shipping"],
        followers: [],
        assigneeId: null,
        last: { text: "older", at: 3_000, direction: "inbound" },
        newMessages: [{ seq: 1, text: "hello" }],
        indexedSeq: 1,
      }),
    );

    const t = (await rows("SELECT status, assignee_id, tags_json, last_text, last_at, version, indexed_seq FROM tickets WHERE id = ?1", id))[0];
    expect(t).toEqual({
      status: "closed",
      assignee_id: "ag_p",
      tags_json: '["billing/refund"]',
      last_text: "newest",
      last_at: 5_000,
      version: 5,
      indexed_seq: 2,
    });
    expect((await rows("SELECT tag FROM ticket_tags WHERE ticket_id = ?1 ORDER BY tag", id)).map((r) => r.tag)).toEqual(["billing", "billing/refund"]);
    expect(await rows("SELECT agent_id FROM ticket_followers WHERE ticket_id = ?1", id)).toEqual([{ agent_id: "ag_p" }]);
    expect(await rows("SELECT agent_id FROM ticket_unread WHERE ticket_id = ?1", id)).toEqual([]);
    expect(await rows("SELECT text FROM messages_fts WHERE ticket_id = ?1 ORDER BY rowid", id)).toEqual([{ text: "hello" }, { text: "refund please" }]);

    // a newer version does replace everything, and indexes only new messages once
    await project(
      base({
        id,
        version: 6,
        status: "open",
        tags: ["shipping/delayed"],
        followers: [],
        markedUnreadBy: ["ag_p"],
        newMessages: [
          { seq: 2, text: "refund please" },
          { seq: 3, text: "thanks" },
        ],
        indexedSeq: 3,
      }),
    );
    expect((await rows("SELECT tag FROM ticket_tags WHERE ticket_id = ?1 ORDER BY tag", id)).map((r) => r.tag)).toEqual(["shipping", "shipping/delayed"]);
    expect(await rows("SELECT agent_id FROM ticket_followers WHERE ticket_id = ?1", id)).toEqual([]);
    expect(await rows("SELECT agent_id FROM ticket_unread WHERE ticket_id = ?1", id)).toEqual([{ agent_id: "ag_p" }]);
    expect((await rows("SELECT text FROM messages_fts WHERE ticket_id = ?1 ORDER BY rowid", id)).map((r) => r.text)).toEqual([
      "hello",
      "refund please",
      "thanks",
    ]);
  });

  it("replaying the same version is harmless (a retry after a lost acknowledgement)", async () => {
    const id = "c".repeat(64);
    const p = base({ id, version: 2, tags: ["vip"], newMessages: [{ seq: 1, text: "once" }], indexedSeq: 1 });
    await project(p);
    await project(p);
    expect(await rows("SELECT tag FROM ticket_tags WHERE ticket_id = ?1", id)).toEqual([{ tag: "vip" }]);
    expect(await rows("SELECT text FROM messages_fts WHERE ticket_id = ?1", id)).toEqual([{ text: "once" }]);
  });

  it("delete statements remove every row of the ticket and only of that ticket", async () => {
    const [gone, kept] = ["d".repeat(64), "e".repeat(64)];
    for (const id of [gone, kept])
      await project(base({ id, tags: ["x"], followers: ["ag_p"], favoriteOf: ["ag_p"], newMessages: [{ seq: 1, text: "t" }], indexedSeq: 1 }));
    await env.DB.batch(deleteTicketStatements(env.DB, WS, gone));
    for (const [table, col] of [
      ["tickets", "id"],
      ["ticket_tags", "ticket_id"],
      ["ticket_followers", "ticket_id"],
      ["ticket_favorites", "ticket_id"],
      ["ticket_unread", "ticket_id"],
      ["messages_fts", "ticket_id"],
    ]) {
      expect(await rows(`SELECT 1 FROM ${table} WHERE ${col} = ?1`, gone), table).toEqual([]);
      expect((await rows(`SELECT 1 FROM ${table} WHERE ${col} = ?1`, kept)).length, table).toBeGreaterThan(0);
    }
  });

  it("projects the reporting times, and an older version never overwrites a newer close", async () => {
    const id = "r".repeat(64);
    const cols = "SELECT first_response_at, first_responder_id, period_started_at, closed_at FROM tickets WHERE id = ?1";
    await project(base({ id, version: 4, status: "closed", firstResponseAt: 2_000, firstResponderId: "ag_p", periodStartedAt: 1_500, closedAt: 9_000 }));
    await project(base({ id, version: 2, status: "open", firstResponseAt: null, periodStartedAt: 1_000, closedAt: null }));
    expect((await rows(cols, id))[0]).toEqual({ first_response_at: 2_000, first_responder_id: "ag_p", period_started_at: 1_500, closed_at: 9_000 });
    await project(base({ id, version: 5, status: "open", firstResponseAt: 2_000, firstResponderId: "ag_p", periodStartedAt: 9_500, closedAt: null }));
    expect((await rows(cols, id))[0]).toEqual({ first_response_at: 2_000, first_responder_id: "ag_p", period_started_at: 9_500, closed_at: null });
  });
});
