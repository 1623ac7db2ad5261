// Every TanStack Query key the console uses, made in one place. A screen asks for
// `queryKeys.app(code)`, and an action's hook invalidates the same `queryKeys.app(code)`,
// so a read and the write that makes it stale cannot drift apart. A key with fewer parts
// is a prefix: invalidating `queryKeys.audit()` also refreshes every `queryKeys.audit(app)`.
import type { AppInput, ManifestFormat } from "./bindings";

export const queryKeys = {
  /** The frame: store state, current profile, version. */
  overview: () => ["overview"] as const,
  profiles: () => ["profiles"] as const,
  /** The apps list, fresh from the platform. */
  apps: () => ["apps"] as const,
  /** The apps list as last synced (paints before the platform answers). */
  appsCached: () => ["apps-cached"] as const,
  app: (app: string) => ["app", app] as const,
  redirectUris: (app: string) => ["redirect-uris", app] as const,
  credentials: (app: string) => ["credentials", app] as const,
  tokens: (app: string) => ["tokens", app] as const,
  /** The request log of a profile (by id), newest first; with an app, the calls about it. No parts: every profile's. */
  requestLog: (profile?: number | null, app?: string | null) =>
    profile === undefined ? (["request-log"] as const) : (["request-log", profile, app ?? null] as const),
  /** The audit log; with an app, that app's entries. */
  audit: (app?: string) => (app === undefined ? (["audit"] as const) : (["audit", app] as const)),
  checks: (app: string) => ["checks", app] as const,
  /** The last directory-wide checks run (filled by the action, never fetched by itself). */
  checksAll: () => ["checks-all"] as const,
  oauthRuns: (app: string) => ["oauth-runs", app] as const,
  oauthReport: (runId: number, finishedAt: string | null) => ["oauth-report", runId, finishedAt] as const,
  /** The directory's businesses and their staff (whom to launch an app as). */
  businesses: () => ["businesses"] as const,
  /** An app's past launches, newest first. */
  launches: (app: string) => ["launches", app] as const,
  /** The app's launch on this page (filled by the launch action and its event, never fetched). */
  launchSession: (app: string) => ["launch-session", app] as const,
  /** A manifest of the apps (`null`: all of them); with no format, every export. */
  manifestExport: (format?: ManifestFormat, apps?: readonly string[] | null) =>
    format === undefined ? (["manifest-export"] as const) : (["manifest-export", format, apps ?? null] as const),
  /** The import screen's manifest text (filled by the screen, never fetched): it outlives the screen. */
  manifestImport: () => ["manifest-import"] as const,
  /** What an app form may offer (Rust's vocabularies and bounds): never changes while running. */
  vocabulary: () => ["app-vocabulary"] as const,
  /** Rust's judgement of an app form, by its exact input. */
  appFormCheck: (input: AppInput) => ["app-form-check", input] as const,
  /** Rust's judgement of a redirect URI list, by its exact entries. */
  uriJudgements: (uris: readonly string[]) => ["redirect-uris-judge", uris] as const,
};
