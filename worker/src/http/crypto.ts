// Token generation and hashing, constant-time comparison, HMACs and AES-GCM for secrets at rest.
const encoder = new TextEncoder();

export function randomToken(prefix: string, bytes = 32): string {
  const raw = crypto.getRandomValues(new Uint8Array(bytes));
  return `${prefix}_${base64url(raw)}`;
}

export function randomId(prefix: string): string {
  return randomToken(prefix, 12);
}

export async function sha256Hex(text: string): Promise<string> {
  return hex(await crypto.subtle.digest("SHA-256", encoder.encode(text)));
}

export async function hmac(algorithm: "SHA-1" | "SHA-256", key: string, message: string | ArrayBuffer): Promise<ArrayBuffer> {
  const k = await crypto.subtle.importKey("raw", encoder.encode(key), { name: "HMAC", hash: algorithm }, false, ["sign"]);
  return crypto.subtle.sign("HMAC", k, typeof message === "string" ? encoder.encode(message) : message);
}

/** Constant-time string comparison (workerd's timingSafeEqual needs equal lengths). */
export function safeEqual(a: string, b: string): boolean {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  if (x.byteLength !== y.byteLength) {
    crypto.subtle.timingSafeEqual(x, x); // spend the same time before refusing
    return false;
  }
  return crypto.subtle.timingSafeEqual(x, y);
}

export function hex(buffer: ArrayBuffer): string {
  return [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export function base64(buffer: ArrayBuffer | Uint8Array): string {
  const bytes = buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

export function base64url(bytes: Uint8Array): string {
  return base64(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

/** Derived once per isolate: every webhook and send opens the workspace's secrets. */
const aesKeys = new Map<string, Promise<CryptoKey>>();

function aesKey(material: string): Promise<CryptoKey> {
  let key = aesKeys.get(material);
  if (!key) {
    key = crypto.subtle
      .digest("SHA-256", encoder.encode(`sidedesk-secrets:${material}`))
      .then((digest) => crypto.subtle.importKey("raw", digest, "AES-GCM", false, ["encrypt", "decrypt"]));
    aesKeys.set(material, key);
  }
  return key;
}

/** AES-GCM with a random 96-bit IV; output is `iv.ciphertext` in base64. The workspace id is bound as associated data. */
export async function encryptSecret(material: string, plaintext: string, workspaceId: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv, additionalData: encoder.encode(workspaceId) },
    await aesKey(material),
    encoder.encode(plaintext),
  );
  return `${base64(iv)}.${base64(data)}`;
}

export async function decryptSecret(material: string, stored: string, workspaceId: string): Promise<string> {
  const [iv, data] = stored.split(".");
  if (!iv || !data) throw new Error("malformed ciphertext");
  const plain = await crypto.subtle.decrypt(
    { name: "AES-GCM", iv: fromBase64(iv), additionalData: encoder.encode(workspaceId) },
    await aesKey(material),
    fromBase64(data),
  );
  return new TextDecoder().decode(plain);
}
