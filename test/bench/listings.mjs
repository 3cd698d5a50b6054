// Listing and counts latency for npm run bench, per workspace size (the curve), with the no-op route measured in the
// same sweep as the yardstick.
import { performance } from "node:perf_hooks";
import { summarize } from "./stats.mjs";

const QUERIES = [
  ["view=mine", "/api/tickets?view=mine"],
  ["view=unassigned", "/api/tickets?view=unassigned"],
  ["view=all", "/api/tickets?view=all"],
  ["view=unread", "/api/tickets?view=unread"],
  ["view=favorites", "/api/tickets?view=favorites"],
  ["view=sessions", "/api/tickets?view=sessions"],
  ["view=mine&tag=shipping", "/api/tickets?view=mine&tag=shipping"],
  ["status=closed", "/api/tickets?view=all&status=closed"],
  ["channel=sms", "/api/tickets?view=all&channel=sms"],
  ["tag=shipping", "/api/tickets?view=all&tag=shipping"],
  ["q=Nguyen", "/api/tickets?view=all&q=Nguyen"],
  ["counts", "/api/tickets/counts"],
  ["GET /healthz (no-op)", "/healthz"],
];

/** p50/p95 of each query against one workspace, `samples` sequential requests each, the queries taken in turn. */
export async function sweep(base, token, samples) {
  const latencies = QUERIES.map(() => []);
  const errors = QUERIES.map(() => "");
  for (let i = 0; i < samples; i++) {
    for (const [k, [, path]] of QUERIES.entries()) {
      const t0 = performance.now();
      const res = await fetch(`${base}${path}${path.startsWith("/api/tickets?") ? "&limit=25" : ""}`, { headers: { authorization: `Bearer ${token}` } });
      const text = await res.text();
      latencies[k].push(performance.now() - t0);
      if (!res.ok) errors[k] ||= `${res.status} ${text.slice(0, 80)}`;
    }
  }
  return QUERIES.map(([name], k) => ({ name, ...summarize(latencies[k]), error: errors[k] }));
}
