// The names Rust is given for a manifest: the file name the Save dialog suggests, and
// the name a text is read under (its extension picks TOML or JSON; errors name it, as in
// "apps.toml:6:1: …").
import type { ManifestFormat } from "../../api/bindings";
import type { ImportDraft } from "./draft";

/** The file name the Save dialog suggests: the app's code name for one app, else "apps". */
export function suggestedName(format: ManifestFormat, apps: readonly string[] | null): string {
  const base = apps !== null && apps.length === 1 ? apps[0]! : "apps";
  return `${base}.${format}`;
}

/**
 * The name Rust reads the text under (its extension picks TOML or JSON; errors name it):
 * the opened file's, while the text still looks like that file's format, else
 * "pasted.json" for text that starts with "{" and "pasted.toml" for the rest.
 */
export function manifestSource(draft: ImportDraft): string {
  const json = draft.text.trimStart().startsWith("{");
  const name = draft.file?.name.toLowerCase() ?? "";
  const fits = name.endsWith(".json") ? json : name.endsWith(".toml") ? !json : true;
  if (draft.file && fits) return draft.file.name;
  return json ? "pasted.json" : "pasted.toml";
}
