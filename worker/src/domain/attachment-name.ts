// Names and types for attached files: the sender's name when there is one; otherwise one rule for every channel,
// `attachment-<position>.<extension of its type>`, so the same part is always called the same thing.
import mime from "mime/lite";

const GENERIC = new Set(["", "application/octet-stream", "application/x-download", "binary/octet-stream"]);

/** `position` counts from 0 in the message's attachment list. Control characters and path separators are removed. */
export function attachmentName(filename: string | null | undefined, type: string | null | undefined, position: number): string {
  const given = [...(filename ?? "")]
    .map((c) => (c < " " || c === "\u007f" || c === "/" || c === "\\" ? " " : c))
    .join("")
    .trim();
  if (given) return given.slice(0, 200);
  const extension = mime.getExtension((type ?? "").toLowerCase());
  return `attachment-${position + 1}${extension ? `.${extension}` : ""}`;
}

/** A generic declared type is refined from the file name's extension (mail clients send photos as octet-stream). */
export function attachmentType(type: string | null | undefined, filename: string | null | undefined): string {
  const declared = (type ?? "").trim().toLowerCase();
  if (!GENERIC.has(declared)) return declared;
  return (filename && mime.getType(filename)) || "application/octet-stream";
}
