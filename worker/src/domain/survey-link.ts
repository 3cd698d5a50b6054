// The survey's link for the customer: `<origin>/survey/<id>.<signature>`. The id is random (unguessable on its own);
// the short HMAC under the worker's secrets key lets a forged or mistyped link be refused before any lookup.
import { secretsKey } from "../config";
import type { Env } from "../env";
import { base64url, hmac, safeEqual } from "../http/crypto";

const SIGNATURE_CHARS = 11; // 66 bits

async function signature(env: Env, id: string): Promise<string> {
  return base64url(new Uint8Array(await hmac("SHA-256", `csat-links:${secretsKey(env)}`, id))).slice(0, SIGNATURE_CHARS);
}

export async function surveyToken(env: Env, id: string): Promise<string> {
  return `${id}.${await signature(env, id)}`;
}

/** The survey id a token names, or null when it is not one this worker signed. */
export async function surveyIdOf(env: Env, token: string): Promise<string | null> {
  const [id, sig, extra] = token.split(".");
  if (!id || !sig || extra !== undefined || !/^cs_[A-Za-z0-9_-]{8,40}$/.test(id)) return null;
  return safeEqual(sig, await signature(env, id)) ? id : null;
}
