// Inbound email usually carries the whole earlier conversation under the new words. The panel shows the new words and
// folds the quoted history and the signature behind a toggle: in HTML at the first part the worker marked as quoted
// (data-quote, from the mail client's own markers), in text by email-reply-parser (GitHub's rules for "On … wrote:",
// "> " lines, "-----Original Message-----" and "-- " signatures).
import EmailReplyParser from "email-reply-parser";
import { t } from "./i18n.svelte";

/** The HTML with its quoted history inside a closed <details> (it opens without scripts, in the sandboxed frame). */
export function foldQuotedHtml(html: string): { html: string; folded: boolean } {
  const doc = new DOMParser().parseFromString(html, "text/html");
  const first = doc.body.querySelector("[data-quote]");
  if (!first?.parentNode) return { html, folded: false };
  const details = doc.createElement("details");
  details.className = "sd-quoted";
  const summary = doc.createElement("summary");
  summary.textContent = t("ticket.email.showQuoted");
  details.append(summary);
  first.parentNode.insertBefore(details, first);
  for (let node: ChildNode | null = first; node; ) {
    const next: ChildNode | null = node.nextSibling;
    details.append(node);
    node = next;
  }
  return { html: doc.body.innerHTML, folded: true };
}

/** The new words, and what follows them (quoted history, signature); `quoted` is empty when there is none. */
export function splitQuotedText(text: string): { visible: string; quoted: string } {
  const email = new EmailReplyParser().read(text);
  const visible = email.getVisibleText().trimEnd();
  if (!visible.trim()) return { visible: text, quoted: "" }; // all of it looks quoted: show it all rather than nothing
  const quoted = email
    .getFragments()
    .filter((f) => f.isHidden())
    .map((f) => f.getContent())
    .join("\n")
    .trim();
  return { visible, quoted };
}
