// Apps as code: the export's read, and the actions of export and import. Saving and
// opening go through the system's dialogs (Rust's); a plan changes nothing. Applying
// changes the platform: it makes the apps list, the audit log, every export, and each
// planned app's own reads (details, redirect URIs, credentials, checks) stale, even when
// it fails (a failure may come after some apps were changed).
import { useQuery } from "@tanstack/react-query";
import type { ManifestApplied, ManifestFormat } from "../../api/bindings";
import { commands } from "../../api/commands";
import { queryKeys } from "../../api/queryKeys";
import { useAction } from "../../api/useAction";

/** A manifest's text and the name that tells Rust its format and names it in errors. */
export type ManifestSource = { text: string; source: string };

/** The manifest of `apps`, or of every app when `apps` is null. */
export function useManifestExport(format: ManifestFormat, apps: readonly string[] | null) {
  return useQuery({
    queryKey: queryKeys.manifestExport(format, apps),
    queryFn: () => commands.manifestExport(apps ? [...apps] : [], apps === null, format),
  });
}

/** Saves where the user chooses: the path, or null when they cancelled the dialog. */
export function useSaveManifest() {
  return useAction({ run: (file: { text: string; name: string }) => commands.manifestSave(file.text, file.name) });
}

/** Opens the file the user chooses, or null when they cancelled the dialog. */
export function useOpenManifest() {
  return useAction({ run: () => commands.manifestOpen() });
}

export function usePlanManifest() {
  return useAction({ run: (manifest: ManifestSource) => commands.manifestPlan(manifest.text, manifest.source) });
}

/** The reads one applied manifest makes stale. */
function madeStale(applied: ManifestApplied | undefined) {
  const apps = (applied?.apps ?? []).filter((app) => app.action === "create" || app.action === "update");
  const perApp = apps.flatMap((app) => {
    const code = app.platform_code_name ?? app.app_code_name;
    return [queryKeys.app(code), queryKeys.redirectUris(code), queryKeys.credentials(code), queryKeys.checks(code)];
  });
  return [queryKeys.apps(), queryKeys.audit(), queryKeys.manifestExport(), ...perApp];
}

export function useApplyManifest() {
  return useAction({
    run: (manifest: ManifestSource) => commands.manifestApply(manifest.text, manifest.source),
    invalidates: (applied) => madeStale(applied),
    when: "settled",
  });
}
