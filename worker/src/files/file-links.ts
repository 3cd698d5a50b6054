// Short-lived links to a stored file: `<origin>/files/<payload>.<signature>`, where the payload names the R2 key and
// the expiry, signed with HMAC-SHA256 under the worker's secrets key. Anyone holding a link can open the file until it
// expires, which is what an <img>, a download and Twilio fetching MMS media need; who may get a link is checked where
// links are handed out (an agent of the ticket's workspace, the visitor of the chat, the MMS send).
import { z } from "zod";
import * as clock from "../clock";
import { secretsKey } from "../config";
import type { Env } from "../env";
import { base64url, hmac, safeEqual } from "../http/crypto";

/** An agent's link: long enough to open or download, short enough that a leaked link is soon useless. */
export const AGENT_LINK_SECONDS = 5 * 60;
/** MMS media: Twilio fetches it when it sends, and again on its retries. */
export const MMS_LINK_SECONDS = 60 * 60;

const Payload = z.object({ k: z.string().min(1), e: z.number().int() });

const signingKey = (env: Env) => `file-links:${secretsKey(env)}`;
const encode = (text: string) => base64url(new TextEncoder().encode(text));
const decode = (text: string) => {
  try {
    return new TextDecoder().decode(Uint8Array.from(atob(text.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
};

export async function signFileLink(env: Env, origin: string, key: string, seconds: number): Promise<{ url: string; expiresAt: string }> {
  const expires = clock.now() + seconds * 1000;
  const payload = encode(JSON.stringify({ k: key, e: expires }));
  const signature = base64url(new Uint8Array(await hmac("SHA-256", signingKey(env), payload)));
  return { url: `${origin}/files/${payload}.${signature}`, expiresAt: new Date(expires).toISOString() };
}

/** The R2 key a link names, or why it does not open ("invalid" or "expired"). */
export async function openFileLink(env: Env, token: string): Promise<{ key: string } | { refused: "invalid" | "expired" }> {
  const [payload, signature, extra] = token.split(".");
  if (!payload || !signature || extra !== undefined) return { refused: "invalid" };
  const expected = base64url(new Uint8Array(await hmac("SHA-256", signingKey(env), payload)));
  if (!safeEqual(signature, expected)) return { refused: "invalid" };
  const json = decode(payload);
  const parsed = json ? Payload.safeParse(JSON.parse(json)) : null;
  if (!parsed?.success) return { refused: "invalid" };
  if (parsed.data.e <= clock.now()) return { refused: "expired" };
  return { key: parsed.data.k };
}
