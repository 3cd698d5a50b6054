// An inbound SMS in two steps. On the webhook's request: store the message (deduplicated by Twilio's MessageSid) and a
// timer, in one transaction, and answer. From the timer, in order, right after: find or create the profile, apply a
// keyword's consent change, then open or reopen the ticket, queue the keyword or auto-reply and notify — the same
// rules as any customer message (applyInbound), with the D1 reads off Twilio's clock. A timer that fails is retried,
// and its D1 writes are idempotent, so a message is applied once even if the object dies half-way.
import { z } from "zod";
import type { Env } from "../env";
import type { Message } from "../../../shared/schemas";
import { directory } from "../db/shards";
import { loadWorkspaceSettings } from "../db/settings";
import { profileForPhone, setConsent, type StoredProfile } from "../db/profiles";
import { recordPlace } from "../db/profile-place";
import { placeFromPhone } from "../domain/customer-place";
import { inboundSmsPlan } from "../domain/sms-inbound";
import { applyCustomerMessage } from "./ticket-ingest";
import { smsMediaTimerKey } from "./ticket-sms-media";
import type { TicketStore } from "./ticket-store";
import type { TicketWriter } from "./ticket-writer";

export const SMS_INBOUND_TIMER = "sms-in";

export interface SmsArrival {
  workspaceId: string;
  from: string;
  providerId: string;
  text: string;
  media: string[];
  at: number;
  origin: string;
}

export const SmsInboundPayload = z.object({ seq: z.number().int(), workspaceId: z.string(), from: z.string(), origin: z.string() });

/** Timer keys sort in arrival order (the flusher runs due timers by due time, then key). */
const timerKey = (seq: number) => `${SMS_INBOUND_TIMER}:${String(seq).padStart(12, "0")}`;

/** Step one, inside the caller's transaction: the message is durable once this commits. */
export function storeSmsArrival(store: TicketStore, a: SmsArrival): Message {
  const message = store.append({
    kind: "inbound",
    text: a.text,
    author: { type: "customer", id: null, name: null },
    status: null,
    source: "customer",
    providerId: a.providerId,
    media: a.media,
    at: a.at,
  });
  store.setTimer(timerKey(message.seq), a.at, { seq: message.seq, workspaceId: a.workspaceId, from: a.from, origin: a.origin });
  if (a.media.length) store.setTimer(smsMediaTimerKey(message.seq), a.at, { seq: message.seq, workspaceId: a.workspaceId });
  return message;
}

/** Step two, from the timer. */
export async function applySmsArrival(
  env: Env,
  ctx: DurableObjectState,
  store: TicketStore,
  writer: TicketWriter,
  shard: (workspaceId: string) => D1Database,
  p: z.infer<typeof SmsInboundPayload>,
) {
  const message = store.message(p.seq);
  const key = timerKey(p.seq);
  if (!message) return store.clearTimer(key);
  const found = await loadWorkspaceSettings(directory(env), p.workspaceId);
  if (!found) return store.clearTimer(key); // the workspace is gone
  const { settings, workspace } = found;
  const plan = inboundSmsPlan(message.text, settings, workspace.name);
  const state = store.state();
  // An open ticket that is not a keyword cannot auto-reply or change consent: its own copy of the profile will do.
  const quiet = state?.opened && state.status === "open" && !state.blocked && plan.consent === undefined && !plan.keywordReply;
  const db = shard(p.workspaceId);
  let profile: Pick<StoredProfile, "id" | "name" | "phone" | "email" | "smsConsent" | "blocked"> =
    quiet && state ? { ...state.profile, smsConsent: null, blocked: false } : await profileForPhone(db, p.workspaceId, p.from);
  // The number's country and area-code zone, unless something more precise is known (db/profile-place.ts).
  if (!quiet) await recordPlace(db, p.workspaceId, profile.id, placeFromPhone(p.from));
  if (plan.consent !== undefined && profile.smsConsent !== plan.consent) {
    await setConsent(db, p.workspaceId, profile.id, plan.consent); // idempotent: a retried timer sets the same value
    profile = { ...profile, smsConsent: plan.consent };
  }
  ctx.storage.transactionSync(() => {
    if (store.timer(key) === null) return; // applied by an earlier run that died before answering
    applyCustomerMessage(writer, message, {
      workspaceId: p.workspaceId,
      channel: "sms",
      profile: { id: profile.id, name: profile.name, phone: profile.phone, email: profile.email },
      origin: p.origin,
      keywordReply: plan.keywordReply,
      autoReply: quiet ? null : plan.autoReply(profile),
      attributionWindowHours: settings.sms.attributionWindowHours,
      blocked: profile.blocked,
      at: Date.parse(message.createdAt),
    });
    store.clearTimer(key);
  });
}
