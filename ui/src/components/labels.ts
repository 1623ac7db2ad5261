// The frame's fixed words, shared by the app's components (Sidebar.tsx, Header.tsx) and
// the first paint (boot/paintFirstScreen.ts), which must not load the components.
import type { KeySource } from "../api/bindings";
import type { Theme } from "../theme";

export type View = "profiles" | "apps" | "checks" | "requests";

/** The main navigation; the end-to-end tests reach its buttons by position, so a new entry goes last. */
export const NAV: { view: View; label: string; icon: string }[] = [
  { view: "profiles", label: "Profiles", icon: "◎" },
  { view: "apps", label: "Apps", icon: "▦" },
  { view: "checks", label: "Checks", icon: "✓" },
  { view: "requests", label: "Requests", icon: "⇄" },
];

export const THEME_LABEL: Record<Theme, string> = { system: "Theme: system", light: "Theme: light", dark: "Theme: dark" };

export const KEY_SOURCE_LABEL: Record<KeySource, string> = {
  keyring: "Store: OS keyring",
  passphrase: "Store: passphrase",
};
