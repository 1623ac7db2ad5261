// The apps list's order and search text, shared by the list (AppsView) and the first
// paint (boot/paintFirstScreen.ts), so both show the same rows first. The shell picks the
// page's first rows in the same order (src-tauri/shell/first_screen.rs).
import type { AppSummary } from "../../api/bindings";

export type SortKey = "name" | "app_code_name" | "credentials";

/** An app with its search text lower-cased once, so each keystroke only scans strings. */
export type IndexedApp = { app: AppSummary; haystack: string; sortName: string };

export function indexApps(apps: AppSummary[]): IndexedApp[] {
  return apps.map((app) => ({
    app,
    haystack: `${app.name ?? ""}\u0000${app.app_code_name}\u0000${app.app_id ?? ""}`.toLowerCase(),
    sortName: (app.name ?? "").toLowerCase(),
  }));
}

/** Plain code-unit comparison of keys lower-cased once: Intl.Collator costs ~10 µs a
 * comparison in WebKit, which made sorting 10,000 apps take the better part of a second. */
function byKey(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compare(sort: SortKey): (a: IndexedApp, b: IndexedApp) => number {
  switch (sort) {
    case "name":
      return (a, b) => byKey(a.sortName, b.sortName) || byKey(a.app.app_code_name, b.app.app_code_name);
    case "app_code_name":
      return (a, b) => byKey(a.app.app_code_name, b.app.app_code_name);
    case "credentials":
      return (a, b) => Number(b.app.has_credentials) - Number(a.app.has_credentials) || byKey(a.sortName, b.sortName);
  }
}
