// A macro's text with its variables filled: `{{customer.first_name}}`, `{{order.tracking_link}}`… Variables without a
// value are reported (the preview shows them, applying refuses), and so are names that are not variables at all.
import { MACRO_VARIABLES, type MacroVariable } from "../schemas/macros";

const VARIABLE = /\{\{\s*([a-z_.]+)\s*\}\}/g;
const isVariable = (name: string): name is MacroVariable => (MACRO_VARIABLES as readonly string[]).includes(name);

export function fillMacroText(text: string, values: Partial<Record<MacroVariable, string | null>>): { text: string; missing: string[]; unknown: string[] } {
  const missing = new Set<string>();
  const unknown = new Set<string>();
  const filled = text.replace(VARIABLE, (whole, name: string) => {
    if (!isVariable(name)) {
      unknown.add(name);
      return whole;
    }
    const value = values[name];
    if (!value) {
      missing.add(name);
      return whole;
    }
    return value;
  });
  return { text: filled, missing: [...missing], unknown: [...unknown] };
}

/** The variables a text uses. */
export const macroVariablesIn = (text: string): string[] => [...new Set([...text.matchAll(VARIABLE)].map((m) => m[1]!))];
