// npm run dev: only the worker — local D1 migrations applied, then `wrangler dev` in development mode on
// http://127.0.0.1:$PORT (8787 by default) with the same local state as npm start, request logs on, no seeding.
import { applyMigrations, startWorker } from "./lib/dev.mjs";

const PORT = Number(process.env.PORT ?? 8787);
const PERSIST = ".wrangler/state";

await applyMigrations(PERSIST, { quiet: true });
const worker = startWorker({ port: PORT, persistTo: PERSIST });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => void worker.stop().then(() => process.exit(0)));
const { code } = await worker.exited;
process.exit(code ?? 0);
