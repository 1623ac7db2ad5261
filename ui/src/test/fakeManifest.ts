// Stand-ins for the manifest commands in the tests' mocked IPC: an export's text, a plan
// against Production (creates, an update with its diff, unchanged apps, the platform's
// others, a loopback warning), an apply with each outcome, and a refused manifest with
// Rust's file:line:column message, shaped as core/src/manifest answers them.
// `mockManifestBackend` records every call; an answer may be a promise (to hold it).
import { mockIPC } from "@tauri-apps/api/mocks";
import type { ConsoleError, ManifestApplied, ManifestPlan, Overview, PlannedApp, ProfileView } from "../api/bindings";
import { overview as sandboxOverview } from "./fakeOverview";

export const PRODUCTION: ProfileView = {
  id: 2,
  name: "Production",
  kind: "production",
  api_base: "https://api.vcita.biz/",
  brand_url: "https://app.vcita.com/",
  directory_token: "…c3d4",
  is_current: true,
  insecure: false,
  created_at: "2026-11-22T10:00:00Z",
};

export function overview(profile: ProfileView = PRODUCTION): Overview {
  return sandboxOverview({ current_profile: profile });
}

export const TOML_TEXT = [
  "# Apps of Sandbox",
  "version = 1",
  "",
  "[[apps]]",
  'app_code_name = "notesapp"',
  'name = "Notes"',
  "",
].join("\n");
export const JSON_TEXT = ["{", '  "version": 1,', '  "apps": [{ "app_code_name": "notesapp", "name": "Notes" }]', "}", ""].join("\n");

export const LOOPBACK_WARNING =
  "http://127.0.0.1:4567/callback is on this computer: probably not meant for Production (a sandbox or development redirect URI); leave it out of this profile's manifest.";
export const TRUSTED_NOTE =
  "trusted cannot change after an app is created (the platform has false, the manifest true): left as it is.";

function planned(code: string, action: PlannedApp["action"], over: Partial<PlannedApp> = {}): PlannedApp {
  return { app_code_name: code, platform_code_name: null, action, changes: [], notes: [], warnings: [], ...over };
}

/** 2 to create, 1 to update, 3 unchanged, 4 on the platform only; listed as Rust lists them. */
export const PLAN: ManifestPlan = {
  profile: "Production",
  api_base: "https://api.vcita.biz/",
  changes: 3,
  apps: [
    planned("keepone", "none"),
    planned("notesapp", "update", {
      changes: [
        { field: "name", before: "Notes", after: "Notes Pro" },
        {
          field: "oauth_redirect_uris",
          before: ["https://notes.example/cb"],
          after: ["https://notes.example/cb", "https://notes.example/cb2"],
        },
      ],
      notes: [TRUSTED_NOTE],
    }),
    planned("keeptwo", "none"),
    planned("newapp", "create", {
      changes: [
        { field: "name", before: null, after: "New app" },
        { field: "oauth_redirect_uris", before: null, after: ["http://127.0.0.1:4567/callback"] },
      ],
      warnings: [LOOPBACK_WARNING],
    }),
    planned("keepthree", "none"),
    planned("otherapp", "create", { changes: [{ field: "name", before: null, after: "Other" }] }),
    ...["legacy1", "legacy2", "legacy3", "legacy4"].map((code) =>
      planned(code, "not_in_manifest", { notes: ["On the platform but not in the manifest: left as it is."] }),
    ),
  ],
};

export const NOTHING_PLAN: ManifestPlan = {
  ...PLAN,
  changes: 0,
  apps: PLAN.apps.filter((app) => app.action === "none" || app.action === "not_in_manifest"),
};

export const TAKEN_NOTE =
  "The code name otherapp is taken on this platform (code names are unique across it): the app was created with the code name the platform derived from its name, and this profile maps otherapp to it from now on.";

export const REFUSED: ConsoleError = {
  code: "validation",
  message: "The platform refused the app: name is too long.",
  status: 422,
  vendor_message: "name is too long",
};

/** newapp created, otherapp created under another code name, notesapp failed. */
export const APPLIED: ManifestApplied = {
  plan: PLAN,
  complete: false,
  summary:
    "Applied 2 of 3 change(s); 1 failed (see each app): fix what they say, then apply again: only what is left will be done.",
  apps: PLAN.apps.map((app) => {
    const base = { app_code_name: app.app_code_name, platform_code_name: app.platform_code_name, action: app.action };
    const nothing = { error: null, client_id: null, secret_saved: null, unsaved_client_secret: null, notes: [] };
    if (app.app_code_name === "newapp") {
      const created = { platform_code_name: "newapp", client_id: "cid-new", secret_saved: true };
      return { ...base, ...nothing, ...created, outcome: "created" };
    }
    if (app.app_code_name === "otherapp") {
      return {
        ...base,
        ...nothing,
        platform_code_name: "otherapp2",
        outcome: "created",
        client_id: "cid-other",
        secret_saved: true,
        notes: [TAKEN_NOTE],
      };
    }
    if (app.app_code_name === "notesapp") return { ...base, ...nothing, outcome: "failed", error: REFUSED };
    return { ...base, ...nothing, outcome: "unchanged" };
  }),
};

/** Rust's refusal of a manifest with a misspelt field: it names the file, line and column. */
export const BAD_MANIFEST: ConsoleError = {
  code: "invalid_input",
  field: "manifest",
  message: "pasted.toml:6:1: unknown field `redirect_urii`, expected one of `app_code_name`, `name`, `redirect_uri`",
};

export type Call = { cmd: string; args: Record<string, unknown> };
type Answer = (args: Record<string, unknown>) => unknown;
type Command = "manifest_export" | "manifest_save" | "manifest_open" | "manifest_plan" | "manifest_apply";
type Options = Partial<Record<Command, Answer>> & {
  apps?: Answer;
  /** Any other command (an app page's reads); null when not given. */
  other?: (cmd: string, args: Record<string, unknown>) => unknown;
};

export function mockManifestBackend(options: Options = {}): Call[] {
  const calls: Call[] = [];
  mockIPC((cmd, args) => {
    const payload = (args ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args: payload });
    switch (cmd) {
      case "console_overview":
        return overview();
      case "apps_list":
      case "apps_cached":
        return options.apps?.(payload) ?? { profile: "Production", apps: [], stale: false, last_synced_at: null, sync_error: null };
      case "manifest_export":
        if (options.manifest_export) return options.manifest_export(payload);
        return payload.format === "json" ? JSON_TEXT : TOML_TEXT;
      case "manifest_save":
        return options.manifest_save ? options.manifest_save(payload) : "/tmp/exports/apps.toml";
      case "manifest_open":
        return options.manifest_open ? options.manifest_open(payload) : null;
      case "manifest_plan":
        return options.manifest_plan ? options.manifest_plan(payload) : PLAN;
      case "manifest_apply":
        return options.manifest_apply ? options.manifest_apply(payload) : APPLIED;
      default:
        return options.other ? options.other(cmd, payload) : null;
    }
  });
  return calls;
}

/** The calls of one command. */
export const callsOf = (calls: Call[], cmd: string) => calls.filter((call) => call.cmd === cmd);
