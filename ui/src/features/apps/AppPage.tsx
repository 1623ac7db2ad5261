// One app's page: its title and badges, Export (this app as a manifest), and its tabs (Settings, Redirect URIs,
// Credentials & tokens, OAuth test, Launch, Checks, History), each a feature of its own.
// Unsaved edits live above the tabs (unsaved/drafts.ts), so switching tabs keeps them; a
// tab with unsaved edits carries a dot and `data-dirty="true"`. The Launch tab is loaded
// when first opened.
import { lazy, Suspense, useRef, type KeyboardEvent } from "react";
import type { AppTab, Navigate } from "../../route";
import { CopyButton } from "../../components/CopyButton";
import { ErrorNotice } from "../../components/ErrorNotice";
import { ChecksPanel } from "../checks/ChecksPanel";
import { CredentialsPanel } from "../credentials/CredentialsPanel";
import { AppEditor } from "../editor/AppEditor";
import { HistoryPanel } from "../history/HistoryPanel";
import { OAuthTester } from "../oauth/OAuthTester";
import { RedirectUrisPanel } from "../redirect-uris/RedirectUrisPanel";
import { formatWhen } from "../../format";
import { useUnsavedParts, type DraftPart } from "../../unsaved/drafts";
import { useAppDetails } from "./hooks";

const LaunchPanel = lazy(() => import("../launch/LaunchPanel").then((m) => ({ default: m.LaunchPanel })));

const TABS: { tab: AppTab; label: string; draft?: DraftPart }[] = [
  { tab: "settings", label: "Settings", draft: "settings" },
  { tab: "redirect_uris", label: "Redirect URIs", draft: "redirect_uris" },
  { tab: "credentials", label: "Credentials & tokens" },
  { tab: "oauth", label: "OAuth test" },
  { tab: "launch", label: "Launch" },
  { tab: "checks", label: "Checks" },
  { tab: "history", label: "History" },
];

/** One app: its settings, redirect URIs, credentials and tokens, and history, as tabs. */
export function AppPage(props: { app: string; tab: AppTab; navigate: Navigate }) {
  const { app, tab, navigate } = props;
  const details = useAppDetails(app);
  const unsaved = useUnsavedParts(app);
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);

  // Arrow keys move between tabs (the WAI-ARIA tabs pattern); Tab moves into the panel.
  function onTabKey(event: KeyboardEvent, index: number) {
    const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const next = (index + step + TABS.length) % TABS.length;
    navigate({ view: "app", app, tab: TABS[next]!.tab });
    tabRefs.current[next]?.focus();
  }

  const data = details.data;
  return (
    <section className="app-page" data-testid="app-page">
      <div className="toolbar">
        <button type="button" className="link-button" onClick={() => navigate({ view: "apps" })} data-testid="back-to-apps">
          ← Apps
        </button>
        <button
          type="button"
          className="push-end"
          onClick={() => navigate({ view: "manifest", mode: "export", apps: [app] })}
          data-testid="app-export"
          title="Export this app as a manifest (apps as code)"
        >
          Export
        </button>
      </div>
      <header className="app-title">
        <h1 data-testid="app-name">{data?.app.name ?? app}</h1>
        <span className="mono muted">{app}</span> <CopyButton source={{ text: app }} label="Copy code name" />
        {data?.app.app_id ? (
          <>
            {" "}
            <span className="mono muted small">id {data.app.app_id}</span>
          </>
        ) : null}
        {data?.app.trusted ? <span className="badge">trusted</span> : null}
        {data ? (
          data.has_credentials ? (
            <span className="badge ok" data-testid="app-secret-badge" title="This console keeps the app's client id and secret">
              secret kept here
            </span>
          ) : (
            <span className="badge" data-testid="app-secret-badge" title="This console keeps no client secret for this app">
              no secret kept here
            </span>
          )
        ) : null}
      </header>
      {data?.stale ? (
        <div className="banner warn" role="status" data-testid="app-stale">
          Cached copy{data.synced_at ? ` from ${formatWhen(data.synced_at)}` : ""}:{" "}
          {data.sync_error?.message ?? "the platform could not be reached."} Changes cannot be saved until it answers.
        </div>
      ) : null}
      <div className="tabs" role="tablist" aria-label="App sections">
        {TABS.map((entry, index) => {
          const dirty = entry.draft !== undefined && unsaved.includes(entry.draft);
          return (
          <button
            key={entry.tab}
            ref={(element) => {
              tabRefs.current[index] = element;
            }}
            type="button"
            role="tab"
            id={`tab-${entry.tab}`}
            aria-selected={entry.tab === tab}
            aria-controls={`panel-${entry.tab}`}
            tabIndex={entry.tab === tab ? 0 : -1}
            className={entry.tab === tab ? "tab active" : "tab"}
            onClick={() => navigate({ view: "app", app, tab: entry.tab })}
            onKeyDown={(event) => onTabKey(event, index)}
            data-testid={`tab-${entry.tab}`}
            data-dirty={dirty ? "true" : undefined}
            title={dirty ? "Unsaved changes" : undefined}
          >
            {entry.label}
            {dirty ? (
              <>
                <span className="tab-dot" aria-hidden="true" />
                <span className="sr-only"> (unsaved changes)</span>
              </>
            ) : null}
          </button>
          );
        })}
      </div>
      <div className="tab-panel" role="tabpanel" data-testid="tab-panel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === "credentials" ? <CredentialsPanel app={app} /> : null}
        {tab === "history" ? <HistoryPanel app={app} /> : null}
        {tab === "oauth" ? <OAuthTester app={app} /> : null}
        {tab === "launch" ? (
          <Suspense
            fallback={
              <p className="muted" role="status">
                Loading…
              </p>
            }
          >
            <LaunchPanel app={app} />
          </Suspense>
        ) : null}
        {tab === "checks" ? <ChecksPanel app={app} /> : null}
        {tab === "settings" || tab === "redirect_uris" ? (
          details.isPending ? (
            <p className="muted" role="status">
              Loading the app…
            </p>
          ) : details.isError ? (
            <ErrorNotice error={details.error} onRetry={() => void details.refetch()} />
          ) : tab === "settings" ? (
            <AppEditor app={details.data.app} stale={details.data.stale} />
          ) : (
            <RedirectUrisPanel app={details.data.app} />
          )
        ) : null}
      </div>
    </section>
  );
}
