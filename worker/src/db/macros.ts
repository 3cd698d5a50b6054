// Macros in D1 (table macros): the definition is one JSON document, parsed with the shared schema on every read.
import * as clock from "../clock";
import { MacroBody, type Macro } from "../../../shared/schemas/macros";

interface MacroRow {
  id: string;
  name: string;
  definition_json: string;
  created_at: number;
  updated_at: number;
}

const toMacro = (r: MacroRow): Macro => {
  const { name: _name, ...definition } = MacroBody.parse({ name: r.name, ...JSON.parse(r.definition_json) });
  return { id: r.id, name: r.name, ...definition, createdAt: new Date(r.created_at).toISOString(), updatedAt: new Date(r.updated_at).toISOString() };
};

export async function listMacros(db: D1Database, workspaceId: string): Promise<Macro[]> {
  const { results } = await db.prepare("SELECT * FROM macros WHERE workspace_id = ?1 ORDER BY name COLLATE NOCASE LIMIT 500").bind(workspaceId).all<MacroRow>();
  return results.map(toMacro);
}

export async function getMacro(db: D1Database, workspaceId: string, id: string): Promise<Macro | null> {
  const row = await db.prepare("SELECT * FROM macros WHERE workspace_id = ?1 AND id = ?2").bind(workspaceId, id).first<MacroRow>();
  return row ? toMacro(row) : null;
}

/** Inserts (`create`) or updates; null when an update finds no such macro. Throws "name_taken" on a duplicate name. */
export async function saveMacro(db: D1Database, workspaceId: string, id: string, body: MacroBody, create: boolean): Promise<Macro | null> {
  const { name, ...definition } = body;
  const now = clock.now();
  try {
    if (create) {
      await db
        .prepare("INSERT INTO macros (workspace_id, id, name, definition_json, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)")
        .bind(workspaceId, id, name, JSON.stringify(definition), now)
        .run();
    } else {
      const changed = await db
        .prepare("UPDATE macros SET name = ?3, definition_json = ?4, updated_at = ?5 WHERE workspace_id = ?1 AND id = ?2 RETURNING id")
        .bind(workspaceId, id, name, JSON.stringify(definition), now)
        .first();
      if (!changed) return null;
    }
  } catch (err) {
    if (err instanceof Error && /UNIQUE constraint failed/.test(err.message)) throw new Error("name_taken");
    throw err;
  }
  return getMacro(db, workspaceId, id);
}

export async function deleteMacro(db: D1Database, workspaceId: string, id: string): Promise<boolean> {
  return (await db.prepare("DELETE FROM macros WHERE workspace_id = ?1 AND id = ?2 RETURNING id").bind(workspaceId, id).first()) !== null;
}
