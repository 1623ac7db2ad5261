// Apps as code, one screen with two tabs: Export (the apps as a manifest) and Import (a
// manifest reviewed against the current profile, then applied). Opened from the apps
// list's toolbar (Export…, Import…) and from an app's page (Export: that app); loaded
// when first opened.
import { useOverview } from "../../api/overview";
import type { ManifestMode, Navigate } from "../../route";
import { ExportPanel } from "./ExportPanel";
import { ImportPanel } from "./ImportPanel";
import "./manifest.css";

const TABS: { mode: ManifestMode; label: string }[] = [
  { mode: "export", label: "Export" },
  { mode: "import", label: "Import" },
];

export function ManifestView(props: { mode: ManifestMode; apps: string[] | undefined; navigate: Navigate }) {
  const { mode, apps, navigate } = props;
  const profile = useOverview().data?.current_profile ?? null;
  // Opened from one app's page: back goes there.
  const from = apps !== undefined && apps.length === 1 ? apps[0]! : null;
  return (
    <section className="mf-view" data-testid="manifest-view">
      <div className="toolbar">
        <button
          type="button"
          className="link-button"
          onClick={() => navigate(from ? { view: "app", app: from, tab: "settings" } : { view: "apps" })}
          data-testid="manifest-back"
        >
          ← {from ?? "Apps"}
        </button>
      </div>
      <h1 className="mf-title">Apps as code</h1>
      <div className="tabs" role="tablist" aria-label="Export or import">
        {TABS.map((entry) => (
          <button
            key={entry.mode}
            type="button"
            role="tab"
            id={`manifest-tab-${entry.mode}`}
            aria-selected={entry.mode === mode}
            aria-controls="manifest-panel"
            className={entry.mode === mode ? "tab active" : "tab"}
            onClick={() => navigate({ view: "manifest", mode: entry.mode, apps })}
            data-testid={`manifest-tab-${entry.mode}`}
          >
            {entry.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="manifest-panel" aria-labelledby={`manifest-tab-${mode}`}>
        {mode === "export" ? (
          <ExportPanel key={(apps ?? []).join("\u0000")} apps={apps} profile={profile?.name} />
        ) : (
          <ImportPanel profile={profile} navigate={navigate} />
        )}
      </div>
    </section>
  );
}
