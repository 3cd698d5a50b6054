// Open menus, popovers and sheets, innermost last. Esc closes the top one first, wherever focus is,
// before any other Esc meaning (leave the ticket, clear the search) gets a turn.
const stack: (() => void)[] = [];
let listening = false;

function onKeydown(e: KeyboardEvent): void {
  if (e.key !== "Escape" || stack.length === 0) return;
  if (document.querySelector("dialog[open]")) return; // a modal dialog is on top and cancels itself
  e.preventDefault();
  e.stopPropagation();
  stack.at(-1)?.();
}

/** Registers an open layer; returns the function that unregisters it (call it when the layer closes). */
export function openLayer(close: () => void): () => void {
  if (!listening) {
    window.addEventListener("keydown", onKeydown, true);
    listening = true;
  }
  stack.push(close);
  return () => {
    const i = stack.lastIndexOf(close);
    if (i >= 0) stack.splice(i, 1);
  };
}

export const openLayerCount = (): number => stack.length;
