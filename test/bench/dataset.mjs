// Generates a large synthetic inbox as SQL for local D1 (columns from worker/migrations/0001_init.sql).
// Deterministic (seeded PRNG). Written as multi-row INSERTs in chunk files for `wrangler d1 execute --file`.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { prng } from "../../scripts/lib/prng.mjs";

const FIRST = [
  "Maria",
  "James",
  "Aisha",
  "Daniel",
  "Priya",
  "Tom",
  "Keisha",
  "Lucas",
  "Hannah",
  "Diego",
  "Mei",
  "Robert",
  "Fatima",
  "Ethan",
  "Sofia",
  "Marcus",
  "Yuki",
  "Olivia",
  "Samuel",
  "Chloe",
  "Andre",
  "Isabella",
  "Noah",
  "Grace",
];
const LAST = [
  "Gonzalez",
  "Whitaker",
  "Mohammed",
  "Kim",
  "Raman",
  "O'Brien",
  "Williams",
  "Ferreira",
  "Schultz",
  "Alvarez",
  "Chen",
  "Johnson",
  "Haddad",
  "Brooks",
  "Rossi",
  "Bell",
  "Tanaka",
  "Nguyen",
  "Okafor",
  "Dubois",
  "Thompson",
  "Patel",
];
const TEXTS = [
  "Where is my order?",
  "I need to return these boots",
  "Was I charged twice?",
  "Do you ship to Canada?",
  "The zipper broke after a week",
  "Can I change my address?",
  "Thanks, that worked!",
  "Is this back in stock?",
];
const TAGS = [
  ["shipping/delayed"],
  ["shipping/damaged", "vip"],
  ["returns"],
  ["returns/exchange"],
  ["billing/refund"],
  ["product/sizing"],
  ["sales/discount-code"],
  [],
  [],
  [],
];

const DAY = 86_400_000;
const ROWS_PER_INSERT = 100;

const q = (v) => (v === null || v === undefined ? "NULL" : typeof v === "number" ? String(v) : `'${String(v).replace(/'/g, "''")}'`);

function inserts(table, columns, rows) {
  const out = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const values = rows
      .slice(i, i + ROWS_PER_INSERT)
      .map((r) => `(${r.map(q).join(",")})`)
      .join(",\n");
    out.push(`INSERT INTO ${table} (${columns.join(",")}) VALUES\n${values};`);
  }
  return out;
}

const expand = (tags) => [...new Set(tags.flatMap((t) => t.split("/").map((_, i, p) => p.slice(0, i + 1).join("/"))))];

/**
 * Writes chunk files into `dir` and returns their paths. `agents` = [ownerId, ...otherIds].
 * Tickets 0..smsCount-1 are SMS tickets of profile i (one SMS thread per phone); the rest are
 * web chat / email tickets of existing profiles (several tickets per customer).
 */
export function writeDataset({
  dir,
  workspaceId,
  agents,
  idPrefix = "bench",
  tickets = 100_000,
  profiles = 70_000,
  chunk = 10_000,
  firstNumber = 1_001,
  now = Date.now(),
}) {
  const rand = prng(424242);
  const pick = (arr) => arr[Math.floor(rand() * arr.length)];
  const [owner, ...others] = agents;
  const files = [];
  const stats = { profiles, tickets, mine: 0, unread: 0, favorites: 0, closed: 0 };

  for (let start = 0; start < profiles; start += chunk) {
    const rows = [];
    for (let i = start; i < Math.min(profiles, start + chunk); i++) {
      const first = FIRST[i % FIRST.length];
      const last = LAST[Math.floor(i / FIRST.length) % LAST.length];
      const phone = `+1${300 + (i % 600)}555${String(Math.floor(i / 600)).padStart(4, "0")}`;
      const email = rand() < 0.7 ? `${first}.${last}.${i}@example.com`.toLowerCase().replace(/'/g, "") : null;
      const created = now - Math.floor(rand() * 365 * DAY);
      rows.push([
        `prf_${idPrefix}_${i}`,
        workspaceId,
        `${first} ${last}`,
        email,
        phone,
        "America/New_York",
        null,
        rand() < 0.6 ? "marketing" : null,
        0,
        null,
        created,
        created,
      ]);
    }
    files.push(
      write(
        dir,
        `profiles-${files.length}.sql`,
        inserts(
          "profiles",
          ["id", "workspace_id", "name", "email", "phone", "timezone", "location", "sms_consent", "blocked", "store_customer_id", "created_at", "updated_at"],
          rows,
        ),
      ),
    );
  }

  const smsCount = Math.min(profiles, Math.floor(tickets * 0.6));
  for (let start = 0; start < tickets; start += chunk) {
    const t = [],
      tags = [],
      unread = [],
      favs = [],
      follows = [],
      fts = [];
    for (let i = start; i < Math.min(tickets, start + chunk); i++) {
      const id = `tkt_${idPrefix}_${i}`;
      const channel = i < smsCount ? "sms" : rand() < 0.65 ? "webchat" : "email";
      const profile = i < smsCount ? i : Math.floor(rand() * profiles);
      const r = rand();
      const status = r < 0.35 ? "open" : r < 0.45 ? "snoozed" : "closed";
      const a = rand();
      const assignee = a < 0.2 ? owner : a < 0.5 ? null : pick(others);
      const lastAt = now - Math.floor(rand() * 90 * DAY);
      const created = lastAt - Math.floor(rand() * 5 * DAY);
      const tagList = pick(TAGS);
      const text = pick(TEXTS);
      const attr = channel === "sms" && rand() < 0.08 ? (rand() < 0.6 ? ["flow", "Abandoned Cart"] : ["campaign", "Spring Sale 2025"]) : [null, null];
      t.push([
        id,
        workspaceId,
        firstNumber + i,
        channel,
        status,
        status === "snoozed" ? now + Math.floor(rand() * 7 * DAY) : null,
        assignee,
        `prf_${idPrefix}_${profile}`,
        JSON.stringify(tagList),
        text,
        lastAt,
        pick(["inbound", "inbound", "outbound", "note"]),
        attr[0],
        attr[1],
        1,
        1,
        created,
        lastAt,
      ]);
      for (const tag of expand(tagList)) tags.push([workspaceId, tag, id]);
      if (rand() < 0.1) unread.push([workspaceId, owner, id]);
      if (rand() < 0.02) favs.push([workspaceId, owner, id]);
      if (rand() < 0.05) follows.push([workspaceId, owner, id]);
      fts.push([text, id, workspaceId]);
      if (assignee === owner && status === "open") stats.mine++;
      if (status === "closed") stats.closed++;
    }
    stats.unread += unread.length;
    stats.favorites += favs.length;
    const key = ["workspace_id", "agent_id", "ticket_id"];
    files.push(
      write(dir, `tickets-${files.length}.sql`, [
        ...inserts(
          "tickets",
          [
            "id",
            "workspace_id",
            "number",
            "channel",
            "status",
            "snoozed_until",
            "assignee_id",
            "profile_id",
            "tags_json",
            "last_text",
            "last_at",
            "last_direction",
            "attributed_type",
            "attributed_name",
            "indexed_seq",
            "version",
            "created_at",
            "updated_at",
          ],
          t,
        ),
        ...inserts("ticket_tags", ["workspace_id", "tag", "ticket_id"], tags),
        ...inserts("ticket_unread", key, unread),
        ...inserts("ticket_favorites", key, favs),
        ...inserts("ticket_followers", key, follows),
        ...inserts("messages_fts", ["text", "ticket_id", "workspace_id"], fts),
      ]),
    );
  }
  files.push(write(dir, "finish.sql", [`UPDATE workspaces SET next_ticket_number = ${firstNumber + tickets} WHERE id = ${q(workspaceId)};`, "ANALYZE;"]));
  return { files, stats };
}

function write(dir, name, statements) {
  const file = path.join(dir, name);
  writeFileSync(file, `${statements.join("\n")}\n`);
  return file;
}
