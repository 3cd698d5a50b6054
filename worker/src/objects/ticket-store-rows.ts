// The TicketObject's own SQLite tables (their migrations) and how a message row reads back as a Message.
import type { Message } from "../../../shared/schemas";
import { Activity as ActivitySchema, EmailParts as EmailPartsSchema, Message as MessageSchema } from "../../../shared/schemas";

/** A column added to `messages`. Guarded: an object that lost its recorded version re-runs every step. */
function addMessageColumn(name: string) {
  return (sql: SqlStorage) => {
    const columns = sql.exec<{ name: string }>("SELECT name FROM pragma_table_info('messages')").toArray();
    if (!columns.some((c) => c.name === name)) sql.exec(`ALTER TABLE messages ADD COLUMN ${name} TEXT`);
  };
}

export interface MessageRow {
  seq: number;
  id: string;
  kind: string;
  text: string;
  author_json: string;
  status: string | null;
  source: string;
  media_json: string;
  error: string | null;
  attribution_json: string | null;
  email_json: string | null;
  files_json: string | null;
  activity_json: string | null;
  link_clicks: string | number | null;
  created_at: number;
  provider_id: string | null;
  [key: string]: SqlStorageValue;
}

/**
 * The object's own tables, one migration per entry, applied in order and recorded in `kv` ('storage_version'). Append
 * a new entry to change them (never edit a shipped one): every object upgrades itself the next time it starts.
 * The first one uses IF NOT EXISTS because objects created before versioning already have these tables.
 */
export const MIGRATIONS: (string | ((sql: SqlStorage) => void))[] = [
  `
CREATE TABLE IF NOT EXISTS messages (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, text TEXT NOT NULL, author_json TEXT NOT NULL,
  status TEXT, source TEXT NOT NULL, provider_id TEXT UNIQUE, client_id TEXT UNIQUE, media_json TEXT NOT NULL DEFAULT '[]',
  error TEXT, attribution_json TEXT, email_json TEXT, attempts INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS agent_state (agent_id TEXT PRIMARY KEY, favorite INTEGER NOT NULL DEFAULT 0, read_seq INTEGER NOT NULL DEFAULT 0, marked_unread INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS timers (key TEXT PRIMARY KEY, due_at INTEGER NOT NULL, payload TEXT);
CREATE TABLE IF NOT EXISTS pending_events (id INTEGER PRIMARY KEY AUTOINCREMENT, json TEXT NOT NULL);`,
  addMessageColumn("files_json"), // files on non-email messages
  addMessageColumn("activity_json"), // activity lines' key and parameters (shared/rules/activity.ts)
  addMessageColumn("link_clicks"), // clicks on the message's short links (docs/api.md §6.6)
];

export function toMessage(r: MessageRow): Message {
  const email = r.email_json ? EmailPartsSchema.parse(JSON.parse(r.email_json)) : null;
  return MessageSchema.parse({
    id: r.id,
    seq: r.seq,
    kind: r.kind,
    text: r.text,
    author: JSON.parse(r.author_json),
    status: r.status,
    source: r.source,
    createdAt: new Date(r.created_at).toISOString(),
    media: JSON.parse(r.media_json),
    error: r.error,
    attribution: r.attribution_json ? JSON.parse(r.attribution_json) : null,
    email,
    files: email ? email.attachments : JSON.parse(r.files_json ?? "[]"),
    activity: r.activity_json ? (ActivitySchema.safeParse(JSON.parse(r.activity_json)).data ?? null) : null,
    linkClicks: Number(r.link_clicks ?? 0) || 0,
  });
}
