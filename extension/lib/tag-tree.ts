// Builds the hierarchical tag list for navigation from the flat counts (a parent's count already includes sub-tags).
export interface TagNode {
  tag: string;
  label: string;
  depth: number;
  count: number;
  hasChildren: boolean;
}

export function tagTree(counts: Record<string, number>): TagNode[] {
  const all = new Set<string>();
  for (const tag of Object.keys(counts)) {
    const parts = tag.split("/");
    for (let i = 0; i < parts.length; i++) all.add(parts.slice(0, i + 1).join("/"));
  }
  const sorted = [...all].sort((a, b) => a.localeCompare(b));
  return sorted.map((tag) => {
    const parts = tag.split("/");
    return {
      tag,
      label: parts[parts.length - 1]!,
      depth: parts.length - 1,
      count: counts[tag] ?? 0,
      hasChildren: sorted.some((t) => t.startsWith(`${tag}/`)),
    };
  });
}

/** Visible nodes when some parents are collapsed. */
export function visibleTags(nodes: readonly TagNode[], collapsed: ReadonlySet<string>): TagNode[] {
  return nodes.filter((n) => {
    const parts = n.tag.split("/");
    for (let i = 1; i < parts.length; i++) if (collapsed.has(parts.slice(0, i).join("/"))) return false;
    return true;
  });
}
