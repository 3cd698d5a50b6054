// Hierarchical tags: `shipping/delayed` also belongs under `shipping`.
export function tagWithAncestors(tag: string): string[] {
  const parts = tag.split("/");
  return parts.map((_, i) => parts.slice(0, i + 1).join("/"));
}

export function expandTags(tags: readonly string[]): string[] {
  return [...new Set(tags.flatMap(tagWithAncestors))];
}

/** Whether an agent's followed tags cover one of a ticket's tags (a parent tag covers its sub-tags; docs/api.md §9.4). */
export const followsTicket = (followed: readonly string[], tags: readonly string[]): boolean =>
  followed.some((f) => tags.some((t) => t === f || t.startsWith(`${f}/`)));
