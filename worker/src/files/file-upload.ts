// Files an agent attaches to a reply or note: uploaded to the ticket first, then named by id in the message. The
// limits per message, and the channel's own (an MMS carries at most 5 MB), are checked before anything is stored.
import { z } from "zod";
import type { Attachment, Channel } from "../../../shared/schemas";
import { MAX_FILE_BYTES, MAX_MESSAGE_FILE_BYTES, MAX_MMS_BYTES, megabytes } from "../../../shared/rules/files";
import type { Env } from "../env";
import { HttpError } from "../http/errors";
import { fileInfo, newFileId, putFile } from "./file-store";

export const UploadQuery = z.object({ name: z.string().trim().min(1, "name is empty").max(200) });

const TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/;

/** Stores one upload under the ticket; the request body is the file, its Content-Type the file's type. */
export async function storeUpload(env: Env, workspaceId: string, ticketId: string, name: string, request: Request): Promise<Attachment & { id: string }> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_FILE_BYTES) throw tooLarge();
  const bytes = new Uint8Array(await request.arrayBuffer());
  if (bytes.byteLength > MAX_FILE_BYTES) throw tooLarge();
  if (bytes.byteLength === 0) throw new HttpError(400, "file_empty", "The file is empty.");
  const raw = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  const type = TYPE.test(raw) ? raw : "application/octet-stream";
  const id = newFileId();
  await putFile(env, workspaceId, ticketId, id, { name, type, bytes });
  return { id, name, type, size: bytes.byteLength, error: null, contentId: null };
}

const tooLarge = () => new HttpError(413, "file_too_large", `The file is larger than ${megabytes(MAX_FILE_BYTES)}.`);

/** The uploaded files a message names, checked against the message's limits and its channel's (null for a note). */
export async function uploadedFiles(env: Env, workspaceId: string, ticketId: string, ids: string[], channel: Channel | null): Promise<Attachment[]> {
  const files = await Promise.all(
    [...new Set(ids)].map(async (id) => {
      const info = await fileInfo(env, workspaceId, ticketId, id);
      if (!info) throw new HttpError(400, "unknown_file", `No file ${id} was uploaded to this ticket.`);
      return { id, ...info, error: null, contentId: null };
    }),
  );
  const total = files.reduce((sum, f) => sum + f.size, 0);
  if (total > MAX_MESSAGE_FILE_BYTES) throw new HttpError(413, "files_too_large", `The files together are larger than ${megabytes(MAX_MESSAGE_FILE_BYTES)}.`);
  if (channel === "sms" && total > MAX_MMS_BYTES)
    throw new HttpError(413, "files_too_large", `An MMS carries at most ${megabytes(MAX_MMS_BYTES)} of files; these are ${megabytes(total)}.`);
  return files;
}
