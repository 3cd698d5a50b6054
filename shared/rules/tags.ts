// Hierarchical tags: `shipping/delayed` also belongs under `shipping`.
export function tagWithAncestors(tag: string): string[] {
  const parts = tag.split("/");
  return parts.map((_, i) => parts.slice(0, i + 1).join("/"));
}

export function expandTags(tags: readonly string[]): string[] {
  return [...new Set(tags.flatMap(tagWithAncestors))];
}
