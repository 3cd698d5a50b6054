// Helpers for file tests: bytes to compare, agents' links, and opening a link as a browser (or Twilio) would.
import { SELF } from "cloudflare:test";
import { FileLink, UploadedFile } from "../../../shared/schemas";
import { api, BASE, toReply } from "../helpers";

/** Bytes that change if a parser touches line ends or trailing bytes: CR, LF, CRLF at the end, NUL and high bytes. */
export function trickyBytes(size: number, seed = 7): Uint8Array {
  const out = new Uint8Array(size);
  let x = seed;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    out[i] = x & 0xff;
  }
  if (size >= 4) out.set([0x0d, 0x0a, 0x0d, 0x0a], size - 4);
  return out;
}

/** A 1×1 PNG. */
export const PNG = Uint8Array.from(atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=="), (c) =>
  c.charCodeAt(0),
);

export const fileLink = (token: string, ticketId: string, fileId: string) => api(token, "GET", `/api/tickets/${ticketId}/files/${fileId}`, undefined, FileLink);

export async function download(url: string): Promise<{ status: number; headers: Headers; bytes: Uint8Array }> {
  const res = await SELF.fetch(url);
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
}

/** Uploads a file to a ticket as the panel does: the body is the file, its type the Content-Type. */
export async function upload(token: string, ticketId: string, name: string, type: string, bytes: Uint8Array) {
  const res = await SELF.fetch(`${BASE}/api/tickets/${ticketId}/files?name=${encodeURIComponent(name)}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": type },
    body: bytes,
  });
  return toReply("upload", res.status, await res.text(), UploadedFile);
}
