// Email HTML for the sandboxed frame: the frame's document (CSP, base target, styles) and inline (cid:) images.
/** The frame's document: CSP allows no scripts, inline styles only, and remote images only once the agent allows them. */
export function emailDocument(html: string, remoteImages: boolean, fileOrigin: string | null = null): string {
  const img = [remoteImages ? "https: data:" : "data:", fileOrigin].filter(Boolean).join(" ");
  const csp = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${img}; style-src 'unsafe-inline'">`;
  const body = remoteImages ? html.replace(/(\s)data-remote-src=/gi, "$1src=") : html;
  return `<!doctype html><html><head>${csp}<base target="_blank"><style>html{overflow-x:hidden}body{font:13px/1.45 -apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#15181e;overflow-wrap:anywhere}img{max-width:100%;height:auto}details.sd-quoted>summary{cursor:pointer;color:#5b6472;font-size:12px;margin:6px 0}</style></head><body>${body}</body></html>`;
}
/** The Content-IDs the HTML's inline images name (the worker moved `src="cid:…"` to `data-cid`). */
export function cidsIn(html: string): string[] {
  return [...html.matchAll(/\sdata-cid="([^"]+)"/gi)].map((m) => decodeCid(m[1] ?? ""));
}
const decodeCid = (raw: string) => {
  const text = raw.replace(/&amp;/g, "&");
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};
/** Points each inline image whose part is stored at its link (only our own file links: the CSP allows that origin). */
export function withInlineImages(html: string, links: Record<string, string>): string {
  return html.replace(/(<img\b[^>]*?)\sdata-cid="([^"]+)"/gi, (tag, start: string, raw: string) => {
    const url = links[decodeCid(raw)];
    return url ? `${start} src="${url.replace(/"/g, "&quot;")}"` : tag;
  });
}
