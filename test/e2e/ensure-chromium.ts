// Global setup of the end-to-end tests: they drive Debian's Chromium (no browser downloads here). When it is missing,
// install it if we can (root with apt-get), else stop with the exact command to run.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

export default function ensureChromium() {
  const path = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (existsSync(path)) return;
  const howTo = "sudo apt-get update && sudo apt-get install -y chromium";
  if (process.env.CHROMIUM_PATH) throw new Error(`CHROMIUM_PATH=${path} does not exist.`);
  if (process.getuid?.() === 0 && existsSync("/usr/bin/apt-get")) {
    console.log("Chromium is missing: installing Debian's chromium package (apt-get)…");
    try {
      execFileSync("apt-get", ["update"], { stdio: "inherit" });
      execFileSync("apt-get", ["install", "-y", "chromium"], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
    } catch {
      throw new Error(`Installing Chromium failed. Install it yourself: ${howTo}`);
    }
    if (existsSync(path)) return;
  }
  throw new Error(`The end-to-end tests need Debian's Chromium at ${path}. Install it: ${howTo} (or point CHROMIUM_PATH at a Chromium binary).`);
}
