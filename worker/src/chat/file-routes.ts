// Photos in web chat (docs/api.md §14): the visitor uploads one (checked by its bytes, not its declared type) and
// names it in the next message; the widget shows the chat's files — the visitor's and the agent's — through the
// session, with the session token in the query because an <img> cannot send headers.
import { isSafeInlineImage, MAX_FILE_BYTES, megabytes } from "../../../shared/rules/files";
import type { Attachment } from "../../../shared/schemas";
import { UploadedFile } from "../../../shared/schemas";
import type { Env } from "../env";
import type { AppRouter } from "../http/agent-route";
import { HttpError, notFound, parseOr400 } from "../http/errors";
import { respond } from "../http/respond";
import { unwrap } from "../routes/ticket-access";
import { fileHeaders } from "../files/file-routes";
import { fileInfo, fileKey, newFileId, putFile } from "../files/file-store";
import { UploadQuery } from "../files/file-upload";
import { imageTypeOf } from "../files/image-type";
import { corsRoute } from "./cors";
import { chatAuth, chatStub, chatWorkspace, checkOrigin } from "./session";
import type { ChatAuth } from "../objects/ticket-chat";

const query = (request: Request) => Object.fromEntries(new URL(request.url).searchParams);
const chatTicketId = (env: Env, auth: ChatAuth) => chatStub(env, auth).id.toString();

export function registerChatFileRoutes(router: AppRouter) {
  router.post(
    "/chat/:workspaceId/sessions/:sessionId/files",
    corsRoute(async (request, env) => {
      const auth = chatAuth(request);
      const { name } = parseOr400(UploadQuery, query(request), "query");
      const { settings } = await chatWorkspace(env, auth.workspaceId);
      checkOrigin(request, settings.webchat.allowedOrigins, undefined);
      unwrap(await chatStub(env, auth).chatVerify(auth));
      if (Number(request.headers.get("content-length") ?? "0") > MAX_FILE_BYTES) throw tooLarge();
      const bytes = new Uint8Array(await request.arrayBuffer());
      if (bytes.byteLength > MAX_FILE_BYTES) throw tooLarge();
      const type = imageTypeOf(bytes);
      if (!type) throw new HttpError(415, "unsupported_file", "Only photos can be sent here (JPEG, PNG, GIF or WebP).");
      const id = newFileId();
      await putFile(env, auth.workspaceId, chatTicketId(env, auth), id, { name, type, bytes });
      return respond(UploadedFile, { file: { id, name, type, size: bytes.byteLength, error: null, contentId: null } }, { status: 201 });
    }),
  );

  router.get(
    "/chat/:workspaceId/sessions/:sessionId/files/:fileId",
    corsRoute(async (request, env) => {
      const auth = chatAuth(request, new URL(request.url).searchParams.get("token"));
      unwrap(await chatStub(env, auth).chatVerify(auth));
      const object = await env.FILES.get(fileKey(auth.workspaceId, chatTicketId(env, auth), request.params.fileId ?? ""));
      if (!object) throw notFound("file");
      const headers = fileHeaders(object.customMetadata?.name ?? "file", object.httpMetadata?.contentType ?? "", object.size);
      headers.set("cache-control", "private, no-store");
      return new Response(object.body, { headers });
    }),
  );
}

const tooLarge = () => new HttpError(413, "file_too_large", `The photo is larger than ${megabytes(MAX_FILE_BYTES)}.`);

/** The photos a visitor's message names: uploaded to this chat, images only. */
export async function chatMessageFiles(env: Env, auth: ChatAuth, ids: string[]): Promise<Attachment[]> {
  return Promise.all(
    [...new Set(ids)].map(async (id) => {
      const info = await fileInfo(env, auth.workspaceId, chatTicketId(env, auth), id);
      if (!info || !isSafeInlineImage(info.type)) throw new HttpError(400, "unknown_file", `No photo ${id} was uploaded to this chat.`);
      return { id, ...info, error: null, contentId: null };
    }),
  );
}
