// `{{Organization prefix}}`-style placeholders in automated texts.
export function fillTemplate(text: string, values: Record<string, string | null>): string {
  return text.replace(/\{\{\s*([^}]+?)\s*\}\}/g, (whole, key: string) => {
    const found = Object.entries(values).find(([k]) => k.toLowerCase() === key.toLowerCase());
    return found ? (found[1] ?? "") : whole;
  });
}
