// Load runner and result tables for the benchmark (test/bench/run.mjs).
import { performance } from "node:perf_hooks";

/** Run `total` calls of `fn(i)` with `concurrency` in flight; fn resolves to true when the response was OK. */
export async function load(total, concurrency, fn) {
  const latencies = new Array(total);
  let next = 0;
  let errors = 0;
  let firstError;
  const started = performance.now();
  async function lane() {
    for (let i = next++; i < total; i = next++) {
      const t0 = performance.now();
      try {
        const ok = await fn(i);
        if (ok !== true) {
          errors++;
          firstError ??= ok;
        }
      } catch (err) {
        errors++;
        firstError ??= err.message;
      }
      latencies[i] = performance.now() - t0;
    }
  }
  await Promise.all(Array.from({ length: concurrency }, lane));
  const elapsedMs = performance.now() - started;
  return { ...summarize(latencies), latencies, total, errors, firstError, elapsedMs, rps: total / (elapsedMs / 1000) };
}

export function summarize(latencies) {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { p50: at(0.5), p90: at(0.9), p95: at(0.95), p99: at(0.99), max: sorted[sorted.length - 1], mean: sorted.reduce((a, b) => a + b, 0) / sorted.length };
}

/** Print rows as an aligned table; numbers right-aligned. */
export function table(title, headers, rows) {
  const cells = rows.map((r) => r.map((c) => (typeof c === "number" ? fmt(c) : String(c))));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i].length)));
  const numeric = headers.map((_, i) => rows.every((r) => typeof r[i] === "number"));
  const line = (r) => r.map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ");
  console.log(`\n${title}`);
  console.log(line(headers));
  console.log(widths.map((w) => "─".repeat(w)).join("  "));
  for (const r of cells) console.log(line(r));
}

function fmt(n) {
  if (Number.isInteger(n)) return String(n);
  return n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2);
}
