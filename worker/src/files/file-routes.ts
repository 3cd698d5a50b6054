// Files on messages: an agent asks for a short-lived link to one (GET /api/tickets/:id/files/:fileId), and the link
// itself serves the bytes (GET /files/:token). Nothing is served as a page from our origin: only the safe image types
// open inline, everything else downloads, with nosniff and a sandboxing CSP either way.
import { isSafeInlineImage } from "../../../shared/rules/files";
import { FileLink, UploadedFile } from "../../../shared/schemas";
import type { Env } from "../env";
import { agentRoute, type AppRouter } from "../http/agent-route";
import { HttpError, notFound, parseOr400 } from "../http/errors";
import { storeUpload, UploadQuery } from "./file-upload";
import { respond } from "../http/respond";
import { originOf, ticketStub } from "../routes/ticket-access";
import { fileInfo, fileKey } from "./file-store";
import { AGENT_LINK_SECONDS, openFileLink, signFileLink } from "./file-links";

const query = (request: Request) => Object.fromEntries(new URL(request.url).searchParams);

export function registerFileRoutes(router: AppRouter) {
  router.get(
    "/api/tickets/:id/files/:fileId",
    agentRoute(async (request, env, who) => {
      const ticketId = request.params.id!;
      await ticketStub(env, who, ticketId); // the ticket is in the agent's workspace, or 404
      const info = await fileInfo(env, who.workspace.id, ticketId, request.params.fileId!);
      if (!info) throw notFound("file");
      const link = await signFileLink(env, originOf(env, request), fileKey(who.workspace.id, ticketId, request.params.fileId!), AGENT_LINK_SECONDS);
      return respond(FileLink, { ...link, ...info });
    }),
  );

  router.post(
    "/api/tickets/:id/files",
    agentRoute(async (request, env, who) => {
      const { name } = parseOr400(UploadQuery, query(request), "query");
      const ticketId = request.params.id!;
      await ticketStub(env, who, ticketId);
      return respond(UploadedFile, { file: await storeUpload(env, who.workspace.id, ticketId, name, request) }, { status: 201 });
    }),
  );

  router.get("/files/:token", async (request, env: Env) => {
    const opened = await openFileLink(env, request.params.token!);
    if ("refused" in opened) {
      throw opened.refused === "expired"
        ? new HttpError(410, "link_expired", "This file link has expired; open the file again from the conversation.")
        : new HttpError(403, "link_invalid", "This file link is not valid.");
    }
    const object = await env.FILES.get(opened.key);
    if (!object) throw notFound("file");
    return new Response(object.body, { headers: fileHeaders(object.customMetadata?.name ?? "file", object.httpMetadata?.contentType ?? "", object.size) });
  });
}

export function fileHeaders(name: string, type: string, size: number): Headers {
  const inline = isSafeInlineImage(type);
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return new Headers({
    "content-type": inline ? type : "application/octet-stream",
    "content-length": String(size),
    "content-disposition": `${inline ? "inline" : "attachment"}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    "x-content-type-options": "nosniff",
    "content-security-policy": "default-src 'none'; sandbox",
    "cache-control": "private, max-age=300",
    "cross-origin-resource-policy": "cross-origin",
  });
}
