// The Export tab: every app (or the app(s) the screen was opened for) as a manifest,
// in TOML or JSON, previewed as Rust writes it; Save as… (the system's dialog, which
// says nothing when cancelled) and Copy.
import { useState } from "react";
import type { ManifestFormat } from "../../api/bindings";
import { CopyButton } from "../../components/CopyButton";
import { ErrorNotice } from "../../components/ErrorNotice";
import { useManifestExport, useSaveManifest } from "./hooks";
import { suggestedName } from "./names";

export function ExportPanel(props: { apps: readonly string[] | undefined; profile: string | undefined }) {
  const given = props.apps !== undefined && props.apps.length > 0 ? props.apps : null;
  // Opened for some apps: those by default; else every app.
  const [onlyGiven, setOnlyGiven] = useState(given !== null);
  const [format, setFormat] = useState<ManifestFormat>("toml");
  const apps = onlyGiven ? given : null;
  const manifest = useManifestExport(format, apps);
  const save = useSaveManifest();
  const text = manifest.data;
  // "Saved to …" is about the text on screen: another scope or format is another file.
  const savedPath = save.data && save.variables?.text === text ? save.data : null;

  return (
    <div className="mf-export stack" data-testid="manifest-export">
      <p className="muted" data-testid="manifest-export-explanation">
        A manifest holds every field you can set that the platform returns, and no secret. Apply it to another profile
        (production, another white-label environment) with Import, or with <code>intandem plan</code> and{" "}
        <code>intandem apply</code>.
      </p>
      <div className="mf-choices">
        {given !== null ? (
          <fieldset className="mf-scope">
            <legend>Apps</legend>
            <label className="inline">
              <input
                type="radio"
                name="manifest-scope"
                id="manifest-scope-given"
                checked={onlyGiven}
                onChange={() => setOnlyGiven(true)}
              />{" "}
              Only <span className="mono">{given.join(", ")}</span>
            </label>
            <label className="inline">
              <input
                type="radio"
                name="manifest-scope"
                id="manifest-scope-all"
                checked={!onlyGiven}
                onChange={() => setOnlyGiven(false)}
              />{" "}
              Every app{props.profile ? ` of ${props.profile}` : ""}
            </label>
          </fieldset>
        ) : (
          <p className="mf-scope-all">Every app{props.profile ? ` of ${props.profile}` : ""}.</p>
        )}
        <label className="mf-format">
          Format{" "}
          <select id="manifest-format" value={format} onChange={(event) => setFormat(event.target.value as ManifestFormat)}>
            <option value="toml">TOML</option>
            <option value="json">JSON</option>
          </select>
        </label>
      </div>
      {manifest.isError ? (
        <ErrorNotice error={manifest.error} testId="manifest-export-error" onRetry={() => void manifest.refetch()} />
      ) : text === undefined ? (
        <p className="muted" role="status">
          <span className="spinner" aria-hidden="true" /> Writing the manifest…
        </p>
      ) : (
        <pre className="mf-preview mono" data-testid="manifest-preview" data-format={format} tabIndex={0} aria-label="Manifest">
          {text}
        </pre>
      )}
      {save.isError ? <ErrorNotice error={save.error} testId="manifest-save-error" /> : null}
      {savedPath ? (
        <p className="banner ok" role="status" data-testid="manifest-saved">
          Saved to <span className="mono">{savedPath}</span>
        </p>
      ) : null}
      <div className="actions">
        {text !== undefined ? <CopyButton source={{ text }} testId="manifest-copy" /> : null}
        <button
          type="button"
          className="primary"
          disabled={text === undefined || save.isPending}
          onClick={() => text !== undefined && save.mutate({ text, name: suggestedName(format, apps) })}
          data-testid="manifest-save"
        >
          {save.isPending ? "Saving…" : "Save as…"}
        </button>
      </div>
    </div>
  );
}
