// Mounts a component into the test document (unmounted after each test), with effects flushed.
import { flushSync, mount, unmount, type Component } from "svelte";
import { afterEach } from "vitest";

let mounted: ReturnType<typeof mount>[] = [];
afterEach(() => {
  for (const c of mounted) unmount(c);
  mounted = [];
  document.body.innerHTML = "";
});

export function render<P extends Record<string, unknown>>(component: Component<P>, props: P): HTMLElement {
  const target = document.createElement("div");
  document.body.append(target);
  mounted.push(mount(component, { target, props }));
  flushSync();
  return target;
}
