// Sizes of what agents and shoppers download: the side panel's scripts and styles, and the chat widget, raw and gzipped.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

const measure = (paths) =>
  paths.reduce(
    (acc, p) => {
      const bytes = readFileSync(p);
      return { raw: acc.raw + bytes.length, gzip: acc.gzip + gzipSync(bytes).length };
    },
    { raw: 0, gzip: 0 },
  );

/** The side panel's first screen: the entry script and everything sidepanel.html preloads (the rest loads on demand). */
function firstScreen(output) {
  const html = readFileSync(path.join(output, "sidepanel.html"), "utf8");
  return [...html.matchAll(/(?:src|href)="\/([^"]+\.js)"/g)].map((m) => path.join(output, m[1]));
}

/** Side-panel JavaScript for the first screen must stay within this (issue 11): settings, reports, the customer
 *  panel, email bodies and bulk actions load on demand. */
export const FIRST_SCREEN_BUDGET_KIB = 80;

/** Rows for the bundle table: the extension build in `output` (wxt build) and the widget source the worker serves. */
export function bundleRows(root) {
  const output = path.join(root, ".output/chrome-mv3");
  const all = files(output);
  const panel = all.filter((f) => /\.(js|css)$/.test(f) && !/background|content-scripts|options/.test(f));
  const background = all.filter((f) => /background\.js$/.test(f));
  const widget = [path.join(root, "worker/src/chat/widget/sidedesk.widget.js")];
  const kib = (n) => n / 1024;
  return [
    [`side panel first screen (js; budget ${FIRST_SCREEN_BUDGET_KIB} KiB gzip)`, firstScreen(output)],
    ["side panel, all (js + css)", panel],
    ["extension background", background],
    ["chat widget (widget.js)", widget],
  ].map(([name, paths]) => {
    const m = measure(paths);
    return [name, paths.length, kib(m.raw), kib(m.gzip)];
  });
}
