// How every end-to-end test launches Debian's Chromium (ARCHITECTURE.md's flags): headless, no sandbox or GPU, quiet.
export const CHROMIUM_FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
