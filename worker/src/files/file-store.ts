// Bytes of message files in R2, keyed by workspace and ticket: `<workspaceId>/<ticketId>/<fileId>`. A file is only
// ever found through its ticket, so a ticket's tenant check covers its files.
import type { Attachment } from "../../../shared/schemas";
import { MAX_FILE_BYTES, MAX_MESSAGE_FILE_BYTES, MAX_MESSAGE_FILES, megabytes } from "../../../shared/rules/files";
import type { Env } from "../env";
import { sha256Hex } from "../http/crypto";

export const FILE_ID = /^[0-9a-f]{32}$/;

export const fileKey = (workspaceId: string, ticketId: string, fileId: string) => `${workspaceId}/${ticketId}/${fileId}`;

export interface IncomingFile {
  name: string;
  type: string;
  bytes: Uint8Array;
  contentId?: string | null;
}

/**
 * Stores a message's files, each within the per-file and per-message limits; a file over a limit is listed with the
 * reason instead of its bytes. Ids derive from `messageKey` and the position, so a redelivered message writes the
 * same objects again instead of new copies.
 */
export async function storeMessageFiles(env: Env, workspaceId: string, ticketId: string, messageKey: string, files: IncomingFile[]): Promise<Attachment[]> {
  let total = 0;
  return Promise.all(
    files.map(async (file, i): Promise<Attachment> => {
      const listed = { name: file.name, type: file.type, size: file.bytes.byteLength, contentId: file.contentId ?? null };
      if (i >= MAX_MESSAGE_FILES) return { ...listed, id: null, error: `Not kept: more than ${MAX_MESSAGE_FILES} files on one message.` };
      if (file.bytes.byteLength > MAX_FILE_BYTES) return { ...listed, id: null, error: `Not kept: larger than ${megabytes(MAX_FILE_BYTES)}.` };
      total += file.bytes.byteLength;
      if (total > MAX_MESSAGE_FILE_BYTES) return { ...listed, id: null, error: `Not kept: the message's files exceed ${megabytes(MAX_MESSAGE_FILE_BYTES)}.` };
      const id = (await sha256Hex(`${workspaceId}/${ticketId}/${messageKey}/${i}`)).slice(0, 32);
      await putFile(env, workspaceId, ticketId, id, file);
      return { ...listed, id, error: null };
    }),
  );
}

export async function putFile(env: Env, workspaceId: string, ticketId: string, fileId: string, file: IncomingFile): Promise<void> {
  await env.FILES.put(fileKey(workspaceId, ticketId, fileId), file.bytes, {
    httpMetadata: { contentType: file.type },
    customMetadata: { name: file.name },
  });
}

export interface StoredFileInfo {
  name: string;
  type: string;
  size: number;
}

/** A file's name, type and size, or null when the ticket has no such file. */
export async function fileInfo(env: Env, workspaceId: string, ticketId: string, fileId: string): Promise<StoredFileInfo | null> {
  if (!FILE_ID.test(fileId)) return null;
  const head = await env.FILES.head(fileKey(workspaceId, ticketId, fileId));
  if (!head) return null;
  return { name: head.customMetadata?.name ?? fileId, type: head.httpMetadata?.contentType ?? "application/octet-stream", size: head.size };
}

/** Removes every file of a ticket (permanent delete). */
export async function deleteTicketFiles(env: Env, workspaceId: string, ticketId: string): Promise<void> {
  const prefix = `${workspaceId}/${ticketId}/`;
  let cursor: string | undefined;
  do {
    const page = await env.FILES.list({ prefix, cursor });
    if (page.objects.length) await env.FILES.delete(page.objects.map((o) => o.key));
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
}

/** A new file id for an agent's upload (not derived: each upload is its own file). */
export const newFileId = () => [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, "0")).join("");

/** The bytes of a ticket's file, or null. */
export async function fileBytes(env: Env, workspaceId: string, ticketId: string, fileId: string): Promise<Uint8Array | null> {
  const object = await env.FILES.get(fileKey(workspaceId, ticketId, fileId));
  return object ? new Uint8Array(await object.arrayBuffer()) : null;
}
