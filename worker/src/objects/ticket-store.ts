// A TicketObject's own SQLite storage: ticket state, the message thread, per-agent state, timers and pending events.
import type {
  Activity,
  Attachment,
  Attribution,
  EmailParts,
  DeliveryStatus,
  Message,
  MessageKind,
  MessageSource,
  RealtimeEvent,
} from "../../../shared/schemas";
import { RealtimeEvent as RealtimeEventSchema } from "../../../shared/schemas";
import { randomId } from "../http/crypto";
import { MIGRATIONS, toMessage, type MessageRow } from "./ticket-store-rows";
import { upgradeState, type TicketState } from "./ticket-state";

export interface NewMessage {
  kind: MessageKind;
  text: string;
  author: Message["author"];
  status: DeliveryStatus | null;
  source: MessageSource;
  providerId?: string | null;
  clientId?: string | null;
  media?: string[];
  attribution?: Attribution | null;
  email?: EmailParts | null;
  /** Files of a non-email message (an email's are its `email.attachments`). */
  files?: Attachment[];
  /** Activity lines: the catalogue key and parameters behind `text`. */
  activity?: Activity | null;
  at: number;
}

export class TicketStore {
  constructor(private readonly sql: SqlStorage) {
    this.createTables();
  }

  /** Also called after a permanent delete wiped storage, so the same object can start a fresh ticket. */
  createTables() {
    this.sql.exec("CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
    const row = this.sql.exec<{ value: string }>("SELECT value FROM kv WHERE key = 'storage_version'").toArray()[0];
    for (let v = row ? Number(row.value) : 0; v < MIGRATIONS.length; v++) {
      const step = MIGRATIONS[v]!;
      if (typeof step === "string") this.sql.exec(step);
      else step(this.sql);
      this.sql.exec("INSERT INTO kv (key, value) VALUES ('storage_version', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", String(v + 1));
    }
  }

  /** The stored state, upgraded to the current schema; null before the first message. */
  state(): TicketState | null {
    const row = this.sql.exec<{ value: string }>("SELECT value FROM kv WHERE key = 'state'").toArray()[0];
    return row ? upgradeState(JSON.parse(row.value)) : null;
  }

  /** The state where the caller already knows the ticket exists (after an ownership check, inside its transaction). */
  current(): TicketState {
    const state = this.state();
    if (!state) throw new Error("ticket state missing");
    return state;
  }

  saveState(state: TicketState) {
    this.sql.exec("INSERT INTO kv (key, value) VALUES ('state', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", JSON.stringify(state));
  }

  findByProviderId(providerId: string): Message | null {
    return this.one("SELECT * FROM messages WHERE provider_id = ?", providerId);
  }

  findByClientId(clientId: string): Message | null {
    return this.one("SELECT * FROM messages WHERE client_id = ?", clientId);
  }

  message(seq: number): Message | null {
    return this.one("SELECT * FROM messages WHERE seq = ?", seq);
  }

  providerIdOf(seq: number): string | null {
    return this.sql.exec<{ provider_id: string | null }>("SELECT provider_id FROM messages WHERE seq = ?", seq).toArray()[0]?.provider_id ?? null;
  }

  append(m: NewMessage): Message {
    const id = randomId("msg");
    this.sql.exec(
      `INSERT INTO messages (id, kind, text, author_json, status, source, provider_id, client_id, media_json, attribution_json, email_json, files_json, activity_json, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      id,
      m.kind,
      m.text,
      JSON.stringify(m.author),
      m.status,
      m.source,
      m.providerId ?? null,
      m.clientId ?? null,
      JSON.stringify(m.media ?? []),
      m.attribution ? JSON.stringify(m.attribution) : null,
      m.email ? JSON.stringify(m.email) : null,
      m.files?.length && !m.email ? JSON.stringify(m.files) : null,
      m.activity ? JSON.stringify(m.activity) : null,
      m.at,
    );
    const stored = this.one("SELECT * FROM messages WHERE id = ?", id);
    if (!stored) throw new Error("message vanished after insert");
    return stored;
  }

  setDelivery(
    seq: number,
    status: DeliveryStatus,
    fields: { providerId?: string; error?: string | null; text?: string; email?: EmailParts } = {},
  ): Message | null {
    this.sql.exec(
      "UPDATE messages SET status = ?, provider_id = COALESCE(?, provider_id), error = ?, text = COALESCE(?, text), email_json = COALESCE(?, email_json) WHERE seq = ?",
      status,
      fields.providerId ?? null,
      fields.error ?? null,
      fields.text ?? null,
      fields.email ? JSON.stringify(fields.email) : null,
      seq,
    );
    return this.message(seq);
  }

  /** The files of a message (a non-email one) once they are stored. */
  setFiles(seq: number, files: Attachment[]): Message | null {
    this.sql.exec("UPDATE messages SET files_json = ? WHERE seq = ?", JSON.stringify(files), seq);
    return this.message(seq);
  }

  setInboundDetails(seq: number, author: Message["author"], attribution: Attribution | null): Message {
    this.sql.exec(
      "UPDATE messages SET author_json = ?, attribution_json = ? WHERE seq = ?",
      JSON.stringify(author),
      attribution ? JSON.stringify(attribution) : null,
      seq,
    );
    const stored = this.message(seq);
    if (!stored) throw new Error(`message ${seq} vanished`);
    return stored;
  }

  /** Counts a click on one of an outbound message's short links; the message, or null when none carries it. */
  countLinkClick(shortUrlPart: string): Message | null {
    const row = this.sql
      .exec<{ seq: number }>("SELECT seq FROM messages WHERE kind = 'outbound' AND instr(text, ?) > 0 ORDER BY seq DESC LIMIT 1", shortUrlPart)
      .toArray()[0];
    if (!row) return null;
    this.sql.exec("UPDATE messages SET link_clicks = COALESCE(CAST(link_clicks AS INTEGER), 0) + 1 WHERE seq = ?", row.seq);
    return this.message(row.seq);
  }

  bumpAttempts(seq: number): number {
    return this.sql.exec<{ attempts: number }>("UPDATE messages SET attempts = attempts + 1 WHERE seq = ? RETURNING attempts", seq).one().attempts;
  }

  /** Newest `limit` messages before `before` (exclusive), returned oldest first. */
  page(before: number | null, limit: number): { messages: Message[]; hasMore: boolean } {
    const rows = this.sql
      .exec<MessageRow>("SELECT * FROM messages WHERE seq < ? ORDER BY seq DESC LIMIT ?", before ?? Number.MAX_SAFE_INTEGER, limit + 1)
      .toArray();
    return { messages: rows.slice(0, limit).reverse().map(toMessage), hasMore: rows.length > limit };
  }

  lastVisible(): Message | null {
    return this.one("SELECT * FROM messages WHERE kind != 'activity' ORDER BY seq DESC LIMIT 1");
  }

  /** The customer's last message that asks for an answer (`lastInboundSeq`: keywords and automatic mail are not). */
  lastCustomerMessage(lastInboundSeq: number): Message | null {
    return this.one("SELECT * FROM messages WHERE seq = ?", lastInboundSeq);
  }

  /** What text search indexes of each newer message: its text, and an email's subject before it. */
  searchableSince(seq: number): { seq: number; text: string }[] {
    return this.sql
      .exec<{ seq: number; text: string; subject: string | null }>(
        "SELECT seq, text, json_extract(email_json, '$.subject') AS subject FROM messages WHERE seq > ? AND kind != 'activity' ORDER BY seq",
        seq,
      )
      .toArray()
      .map((m) => ({ seq: m.seq, text: m.subject ? `${m.subject}\n${m.text}` : m.text }));
  }

  maxSeq(): number {
    return this.sql.exec<{ s: number | null }>("SELECT MAX(seq) AS s FROM messages").one().s ?? 0;
  }

  agentStates(): { agentId: string; favorite: boolean; readSeq: number; markedUnread: boolean }[] {
    return this.sql
      .exec<{ agent_id: string; favorite: number; read_seq: number; marked_unread: number }>("SELECT * FROM agent_state")
      .toArray()
      .map((r) => ({ agentId: r.agent_id, favorite: r.favorite === 1, readSeq: r.read_seq, markedUnread: r.marked_unread === 1 }));
  }

  setAgentState(agentId: string, change: { favorite?: boolean; readSeq?: number; markedUnread?: boolean }) {
    this.sql.exec("INSERT OR IGNORE INTO agent_state (agent_id) VALUES (?)", agentId);
    if (change.favorite !== undefined) this.sql.exec("UPDATE agent_state SET favorite = ? WHERE agent_id = ?", change.favorite ? 1 : 0, agentId);
    if (change.readSeq !== undefined) this.sql.exec("UPDATE agent_state SET read_seq = MAX(read_seq, ?) WHERE agent_id = ?", change.readSeq, agentId);
    if (change.markedUnread !== undefined) this.sql.exec("UPDATE agent_state SET marked_unread = ? WHERE agent_id = ?", change.markedUnread ? 1 : 0, agentId);
  }

  setTimer(key: string, dueAt: number, payload: unknown = null) {
    this.sql.exec(
      "INSERT INTO timers (key, due_at, payload) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET due_at = excluded.due_at, payload = excluded.payload",
      key,
      dueAt,
      JSON.stringify(payload),
    );
  }

  clearTimer(key: string) {
    this.sql.exec("DELETE FROM timers WHERE key = ?", key);
  }

  dueTimers(now: number): { key: string; payload: unknown }[] {
    return this.sql
      .exec<{ key: string; payload: string }>("SELECT key, payload FROM timers WHERE due_at <= ? ORDER BY due_at, key", now)
      .toArray()
      .map((r) => ({ key: r.key, payload: JSON.parse(r.payload) as unknown }));
  }

  timerKeys(prefix: string): string[] {
    return this.sql
      .exec<{ key: string }>("SELECT key FROM timers WHERE key >= ? AND key < ?", prefix, `${prefix}\uffff`)
      .toArray()
      .map((r) => r.key);
  }

  timer(key: string): number | null {
    return this.sql.exec<{ due_at: number }>("SELECT due_at FROM timers WHERE key = ?", key).toArray()[0]?.due_at ?? null;
  }

  earliestTimer(): number | null {
    return this.sql.exec<{ t: number | null }>("SELECT MIN(due_at) AS t FROM timers").one().t;
  }

  queueEvent(event: RealtimeEvent) {
    this.sql.exec("INSERT INTO pending_events (json) VALUES (?)", JSON.stringify(event));
  }

  pendingEvents(): { id: number; event: RealtimeEvent }[] {
    return this.sql
      .exec<{ id: number; json: string }>("SELECT id, json FROM pending_events ORDER BY id LIMIT 200")
      .toArray()
      .map((r) => ({ id: r.id, event: RealtimeEventSchema.parse(JSON.parse(r.json)) }));
  }

  dropEvents(upToId: number) {
    this.sql.exec("DELETE FROM pending_events WHERE id <= ?", upToId);
  }

  private one(query: string, ...params: SqlStorageValue[]): Message | null {
    const row = this.sql.exec<MessageRow>(query, ...params).toArray()[0];
    return row ? toMessage(row) : null;
  }
}
