// Where the main window is. Kept in React state (the app has no URL bar to sync with).

export type AppTab = "settings" | "redirect_uris" | "credentials" | "oauth" | "launch" | "checks" | "history";

export type Route =
  | { view: "profiles" }
  | { view: "apps" }
  | { view: "checks" }
  | { view: "create" }
  | { view: "app"; app: string; tab: AppTab };

export type Navigate = (route: Route) => void;
