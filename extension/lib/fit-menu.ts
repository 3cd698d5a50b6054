// Keeps an open menu inside the panel at any width (320 px and up): shifts it sideways, and flips it
// above or below its button when the side it opened on has no room.
const MARGIN = 8;

export function fitMenu(menu: HTMLElement): void {
  menu.style.translate = "";
  const box = menu.getBoundingClientRect();
  const width = document.documentElement.clientWidth;
  let dx = 0;
  if (box.right > width - MARGIN) dx = width - MARGIN - box.right;
  if (box.left + dx < MARGIN) dx = MARGIN - box.left;
  const height = document.documentElement.clientHeight;
  const anchor = menu.parentElement?.getBoundingClientRect();
  let dy = 0;
  if (anchor && box.top < MARGIN && anchor.bottom + box.height + MARGIN <= height) dy = anchor.bottom + 4 - box.top;
  else if (anchor && box.bottom > height - MARGIN && anchor.top - box.height - MARGIN >= 0) dy = anchor.top - 4 - box.bottom;
  if (dx || dy) menu.style.translate = `${Math.round(dx)}px ${Math.round(dy)}px`;
}
