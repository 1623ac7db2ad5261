// The colour theme: follow the system, or force light or dark. Kept in localStorage
// (a preference, not a secret) and applied as data-theme on <html>.
export type Theme = "system" | "light" | "dark";

const KEY = "intandem.theme";
export const THEMES: Theme[] = ["system", "light", "dark"];

export function loadTheme(): Theme {
  const saved = globalThis.localStorage?.getItem(KEY);
  return saved === "light" || saved === "dark" ? saved : "system";
}

export function applyTheme(theme: Theme) {
  const root = document.documentElement;
  if (theme === "system") root.removeAttribute("data-theme");
  else root.setAttribute("data-theme", theme);
  globalThis.localStorage?.setItem(KEY, theme);
}

export function nextTheme(theme: Theme): Theme {
  return THEMES[(THEMES.indexOf(theme) + 1) % THEMES.length] ?? "system";
}
