// When the first-run note shows: the current profile is the built-in Sandbox and its apps
// are only the ones it was seeded with (none has a secret kept here, so none was created
// or imported in this console), and the note was not dismissed (a preference kept in
// localStorage, like the theme).
import type { ProfileKind } from "../../api/bindings";

const KEY = "intandem.first-run-note.dismissed";

/** The Sandbox with only its seeded apps (no secret kept here), and the note not dismissed yet. */
export function isFirstRun(kind: ProfileKind | undefined, anySecretKept: boolean): boolean {
  return kind === "sandbox" && !anySecretKept && globalThis.localStorage?.getItem(KEY) !== "1";
}

export function dismissFirstRunNote() {
  globalThis.localStorage?.setItem(KEY, "1");
}
