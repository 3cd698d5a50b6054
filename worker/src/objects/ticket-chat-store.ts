// A chat ticket's own rows in its object's SQLite: the session (token hash, page) and the customer's view of the thread.
import { z } from "zod";
import type { TicketState } from "./ticket-state";
import { Attachment as AttachmentSchema, type Attachment, type Message } from "../../../shared/schemas";
import { ChatMessage } from "../../../shared/schemas/chat";

const ChatSession = z.object({
  sessionId: z.string(),
  /** SHA-256 of the session token; the token itself is only ever held by the widget. */
  tokenHash: z.string(),
  /** The storefront page the chat started on: the follow-up email links back to it. */
  pageUrl: z.string().nullable(),
  startedAt: z.number(),
});
export type ChatSession = z.infer<typeof ChatSession>;

interface VisibleRow {
  seq: number;
  id: string;
  kind: string;
  text: string;
  author_json: string;
  source: string;
  provider_id: string | null;
  files_json: string | null;
  created_at: number;
  [k: string]: SqlStorageValue;
}

/** Inbound chat messages carry `chat-in:<clientId>` as provider id, so a retried send is stored once. */
export const CHAT_IN_PREFIX = "chat-in:";

export class ChatSessionStore {
  constructor(private readonly sql: SqlStorage) {}

  get(): ChatSession | null {
    const row = this.sql.exec<{ value: string }>("SELECT value FROM kv WHERE key = 'chat'").toArray()[0];
    return row ? ChatSession.parse(JSON.parse(row.value)) : null;
  }

  save(session: ChatSession) {
    this.sql.exec("INSERT INTO kv (key, value) VALUES ('chat', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", JSON.stringify(session));
  }

  /** Customer-visible messages (inbound and outbound only: never notes or activity), oldest first. */
  visible(afterSeq: number, limit: number, csat: TicketState["csat"] = null): ChatMessage[] {
    const rows = this.sql
      .exec<VisibleRow>(
        `SELECT seq, id, kind, text, author_json, source, provider_id, files_json, created_at FROM messages
       WHERE kind IN ('inbound', 'outbound') AND seq > ? ORDER BY seq DESC LIMIT ?`,
        afterSeq,
        limit,
      )
      .toArray();
    return rows.reverse().map((r) =>
      ChatMessage.parse({
        id: r.id,
        seq: r.seq,
        ...who(r.kind, r.source, (JSON.parse(r.author_json) as { name: string | null }).name),
        text: r.text,
        createdAt: new Date(r.created_at).toISOString(),
        clientId: r.provider_id?.startsWith(CHAT_IN_PREFIX) ? r.provider_id.slice(CHAT_IN_PREFIX.length) : null,
        files: visibleFiles(r.files_json ? AttachmentList.parse(JSON.parse(r.files_json)) : []),
        survey: surveyOf(r.seq, r.source, csat),
      }),
    );
  }

  /** When the latest agent reply was written, or null. */
  lastAgentReplyAt(): number | null {
    return this.sql.exec<{ t: number | null }>("SELECT MAX(created_at) AS t FROM messages WHERE kind = 'outbound' AND source = 'agent'").one().t;
  }

  maxVisibleSeq(): number {
    return this.sql.exec<{ s: number | null }>("SELECT MAX(seq) AS s FROM messages WHERE kind IN ('inbound', 'outbound')").one().s ?? 0;
  }
}

/** The customer's view of a stored message. */
export function chatView(m: Message, clientId: string | null = null, csat: TicketState["csat"] = null): ChatMessage {
  const files = visibleFiles(m.files);
  return {
    id: m.id,
    seq: m.seq,
    ...who(m.kind, m.source, m.author.name),
    text: m.text,
    createdAt: m.createdAt,
    clientId,
    files,
    survey: surveyOf(m.seq, m.source, csat),
  };
}

/** The satisfaction question carries its token (and the answer so far), so the widget can show the 1–5 buttons. */
function surveyOf(seq: number, source: string, csat: TicketState["csat"]): ChatMessage["survey"] {
  return source === "survey" && csat?.seq === seq && csat.token ? { token: csat.token, question: csat.question, score: csat.score } : null;
}

/** The files the widget can open (kept ones), without the panel-only fields. */
const visibleFiles = (files: Attachment[]) => files.flatMap((f) => (f.id ? [{ id: f.id, name: f.name, type: f.type, size: f.size }] : []));
const AttachmentList = z.array(AttachmentSchema);

function who(kind: string, source: string, name: string | null): Pick<ChatMessage, "from" | "authorName"> {
  if (kind === "inbound") return { from: "customer", authorName: null };
  return source === "agent" ? { from: "agent", authorName: name } : { from: "bot", authorName: null };
}
