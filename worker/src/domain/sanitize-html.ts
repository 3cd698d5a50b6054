// Sanitizes inbound email HTML with workerd's HTMLRewriter (lol-html): an allowlist of tags and attributes,
// no scripts or event handlers, and remote images held back (`data-remote-src`) so tracking pixels never load by default.
const ALLOWED_TAGS = new Set([
  "a",
  "abbr",
  "b",
  "blockquote",
  "br",
  "caption",
  "code",
  "col",
  "colgroup",
  "dd",
  "del",
  "div",
  "dl",
  "dt",
  "em",
  "font",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "hr",
  "i",
  "img",
  "ins",
  "li",
  "ol",
  "p",
  "pre",
  "q",
  "s",
  "small",
  "span",
  "strike",
  "strong",
  "sub",
  "sup",
  "table",
  "tbody",
  "td",
  "tfoot",
  "th",
  "thead",
  "tr",
  "u",
  "ul",
  "center",
]);
/** Elements removed together with their content. */
const DROPPED_WITH_CONTENT = new Set([
  "script",
  "style",
  "iframe",
  "object",
  "embed",
  "noscript",
  "template",
  "svg",
  "math",
  "form",
  "head",
  "title",
  "frameset",
  "frame",
  "applet",
  "audio",
  "video",
  "canvas",
]);
const ALLOWED_ATTRS = new Set([
  "href",
  "title",
  "alt",
  "width",
  "height",
  "colspan",
  "rowspan",
  "align",
  "valign",
  "dir",
  "lang",
  "border",
  "cellpadding",
  "cellspacing",
]);
const SAFE_HREF = /^(https?:|mailto:|tel:|#)/i;
/** How mail clients mark the quoted history of a reply (Gmail, Yahoo, Outlook, Apple Mail, Thunderbird). */
const QUOTE_CLASSES = /(^|\s)(gmail_quote|yahoo_quoted|moz-cite-prefix)(\s|$)/;
const QUOTE_IDS = /^(divRplyFwdMsg|appendonsend|mail-editor-reference-message-container)$/;
const isQuoteMark = (el: Element) =>
  QUOTE_CLASSES.test(el.getAttribute("class") ?? "") ||
  QUOTE_IDS.test(el.getAttribute("id") ?? "") ||
  (el.tagName.toLowerCase() === "blockquote" && el.getAttribute("type") === "cite");

export async function sanitizeEmailHtml(html: string): Promise<string> {
  const rewriter = new HTMLRewriter()
    .onDocument({
      comments: (c) => {
        c.remove();
      },
      doctype: () => {},
    })
    .on("*", {
      element(el) {
        const tag = el.tagName.toLowerCase();
        if (DROPPED_WITH_CONTENT.has(tag)) {
          el.remove();
          return;
        }
        if (!ALLOWED_TAGS.has(tag)) {
          el.removeAndKeepContent();
          return;
        }
        const quote = isQuoteMark(el); // read before the attributes that say so are removed
        const attrs = [...el.attributes] as unknown as [string, string][];
        for (const [name, value] of attrs) {
          const n = name.toLowerCase();
          if (tag === "img" && n === "src") {
            el.removeAttribute(name);
            if (/^https?:/i.test(value)) el.setAttribute("data-remote-src", value);
            else if (/^cid:/i.test(value)) el.setAttribute("data-cid", value.slice(4));
          } else if (!ALLOWED_ATTRS.has(n) || (n === "href" && !SAFE_HREF.test(value.trim()))) {
            el.removeAttribute(name);
          }
        }
        if (quote) el.setAttribute("data-quote", "");
        if (tag === "a") {
          el.setAttribute("rel", "noopener noreferrer nofollow");
          el.setAttribute("target", "_blank");
        }
      },
    });
  return rewriter.transform(new Response(html, { headers: { "content-type": "text/html; charset=utf-8" } })).text();
}
