// Where the main window is. Kept in React state (the app has no URL bar to sync with).

export type AppTab = "settings" | "redirect_uris" | "credentials" | "oauth" | "launch" | "checks" | "history";

/** Apps as code: export the apps to a manifest, or import one (plan, review, apply). */
export type ManifestMode = "export" | "import";

export type Route =
  | { view: "profiles" }
  | { view: "apps" }
  | { view: "checks" }
  /** The request log: every platform call of the current profile. */
  | { view: "requests" }
  | { view: "create" }
  /** `apps`: the apps an export is about (one app's page exports that app); none: all. */
  | { view: "manifest"; mode: ManifestMode; apps?: string[] }
  | { view: "app"; app: string; tab: AppTab };

export type Navigate = (route: Route) => void;
