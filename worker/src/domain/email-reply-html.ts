// The HTML half of an agent's email reply (multipart/alternative): the text as written, escaped, paragraphs kept,
// links clickable, and the workspace signature under a separator. No images or remote content: it reads the same in
// every mail client, and nothing the agent typed becomes markup.
import { escapeHtml } from "./email-text";
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]]/g;

function block(text: string): string {
  return text
    .trim()
    .split(/\n{2,}/)
    .map((para) => {
      const html = escapeHtml(para).replace(URL_PATTERN, (url) => `<a href="${url}">${url}</a>`);
      return `<p style="margin:0 0 1em">${html.replace(/\n/g, "<br>")}</p>`;
    })
    .join("");
}

/** The plain-text body: the reply, then the signature after the conventional "-- " line. */
export const replyText = (text: string, signature: string) => (signature.trim() ? `${text}\n\n-- \n${signature.trim()}` : text);

export function replyHtml(text: string, signature: string): string {
  const sig = signature.trim() ? `<div style="margin-top:1.5em;color:#6b7280">${block(signature)}</div>` : "";
  return `<!doctype html><html><body style="font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;font-size:14px;line-height:1.5;color:#111827">${block(text)}${sig}</body></html>`;
}
