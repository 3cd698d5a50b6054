// The set-up most store tests share: one workspace with a connected store for the file, and a fresh fake Shopify
// (installed at fetch) for every test, removed after it.
import { afterEach, beforeAll, beforeEach } from "vitest";
import type { TestWorkspace } from "../helpers";
import { ADMIN_TOKEN, SHOP, storeWorkspace } from "./store-helpers";
import { installFakeShopify, type FakeShopify } from "./shopify-fake";

export function connectedStore(set: { workspace: (ws: TestWorkspace) => void; fake: (fake: FakeShopify) => void }) {
  let current: FakeShopify | null = null;
  beforeAll(async () => set.workspace(await storeWorkspace({ connected: true })));
  beforeEach(() => {
    current = installFakeShopify(SHOP, ADMIN_TOKEN);
    set.fake(current);
  });
  afterEach(() => current?.restore());
}
