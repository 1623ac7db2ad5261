// The first screen: the current profile's apps, painted from the cached list at once and
// refreshed from the platform after that first paint; searchable, sortable and
// virtualized (10,000 apps scroll like ten); its toolbar opens Export… and Import… (apps
// as code). It is in the main bundle, so it keeps its imports few.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import type { AppSummary } from "../../api/bindings";
import type { Navigate } from "../../route";
import { EmptyState } from "../../components/EmptyState";
import { ErrorNotice } from "../../components/ErrorNotice";
import { firstPaintDone, markOnce, onFirstPaint, reportFirstPaint } from "../../paintMark";
import { formatWhen } from "../../format";
import { useAppsCached, useAppsList } from "./hooks";

type SortKey = "name" | "app_code_name" | "credentials";

const ROW_HEIGHT = 38;

/** Stable across renders, so the virtualizer does not re-measure 10,000 rows per keystroke. */
const rowHeight = () => ROW_HEIGHT;

/** An app with its search text lower-cased once, so each keystroke only scans strings. */
type IndexedApp = { app: AppSummary; haystack: string; sortName: string };

function indexApps(apps: AppSummary[]): IndexedApp[] {
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

function compare(sort: SortKey): (a: IndexedApp, b: IndexedApp) => number {
  switch (sort) {
    case "name":
      return (a, b) => byKey(a.sortName, b.sortName) || byKey(a.app.app_code_name, b.app.app_code_name);
    case "app_code_name":
      return (a, b) => byKey(a.app.app_code_name, b.app.app_code_name);
    case "credentials":
      return (a, b) => Number(b.app.has_credentials) - Number(a.app.has_credentials) || byKey(a.sortName, b.sortName);
  }
}

/**
 * The current profile's apps: fetched from the platform, or the cached list when it
 * can't be reached. Virtualized: only the rows in view are in the DOM, so 10,000 apps
 * scroll and filter as smoothly as ten.
 */
export function AppsView(props: { navigate: Navigate }) {
  markOnce("apps-view-render");
  // The list as last synced paints at once; the platform's answer replaces it.
  const cached = useAppsCached();
  // Asked once the cached list is painted (or known to be empty): the platform's listing
  // and its cache write would otherwise compete with the first paint for the CPU.
  const [painted, setPainted] = useState(firstPaintDone);
  useEffect(() => onFirstPaint(() => setPainted(true)), []);
  const nothingCached = cached.isError || (cached.isSuccess && (cached.data?.apps.length ?? 0) === 0);
  const apps = useAppsList(painted || nothingCached);
  const fromCache = apps.data === undefined && (cached.data?.apps.length ?? 0) > 0 ? cached.data : undefined;
  const shown = apps.data ?? fromCache;
  const [search, setSearch] = useState("");
  const [sort, setSort] = useState<SortKey>("name");

  const indexed = useMemo(() => indexApps(shown?.apps ?? []), [shown]);
  const sorted = useMemo(() => [...indexed].sort(compare(sort)), [indexed, sort]);
  const rows = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return needle ? sorted.filter((entry) => entry.haystack.includes(needle)) : sorted;
  }, [sorted, search]);

  const newAppButton = (
    <button type="button" className="primary" onClick={() => props.navigate({ view: "create" })} data-testid="new-app">
      New app
    </button>
  );

  if (apps.isPending && !fromCache) {
    return (
      <p className="muted" role="status">
        Loading apps…
      </p>
    );
  }
  if (apps.isError && !fromCache) {
    return (
      <section className="apps">
        <h1>Apps</h1>
        <ErrorNotice error={apps.error} onRetry={() => void apps.refetch()} />
      </section>
    );
  }
  const listing = shown!;

  return (
    <section className="apps" data-testid="apps-view">
      <div className="toolbar">
        <h1>Apps</h1>
        <input
          className="search"
          type="search"
          placeholder="Search by name, code name or id"
          aria-label="Search apps"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <label className="muted small">
          Sort{" "}
          <select value={sort} onChange={(e) => setSort(e.target.value as SortKey)} aria-label="Sort apps">
            <option value="name">by name</option>
            <option value="app_code_name">by code name</option>
            <option value="credentials">credentials first</option>
          </select>
        </label>
        <button type="button" onClick={() => void apps.refetch()} disabled={apps.isFetching} data-testid="apps-refresh">
          {apps.isFetching ? (
            <>
              <span className="spinner" aria-hidden /> Refreshing…
            </>
          ) : (
            "Refresh"
          )}
        </button>
        <button
          type="button"
          onClick={() => props.navigate({ view: "manifest", mode: "export" })}
          data-testid="manifest-export-open"
          title="Export the apps as a manifest (apps as code)"
        >
          Export…
        </button>
        <button
          type="button"
          onClick={() => props.navigate({ view: "manifest", mode: "import" })}
          data-testid="manifest-import-open"
          title="Review and apply a manifest on this profile (apps as code)"
        >
          Import…
        </button>
        {newAppButton}
      </div>
      {listing.stale ? (
        <div className="banner warn" role="status" data-testid="stale-banner">
          Cached, last synced {formatWhen(listing.last_synced_at, "never")}.{" "}
          {listing.sync_error ? listing.sync_error.message : "The platform could not be reached."}
        </div>
      ) : null}
      {apps.isError ? <ErrorNotice error={apps.error} onRetry={() => void apps.refetch()} /> : null}
      {listing.apps.length === 0 ? (
        <EmptyState
          title="No apps yet"
          body="This directory has no apps. Create one to get a client ID and secret."
          action={newAppButton}
        />
      ) : (
        <AppRows rows={rows} navigate={props.navigate} />
      )}
      <p className="muted small" data-testid="apps-count">
        {rows.length} of {listing.apps.length} apps · profile {listing.profile}
        {!listing.stale && listing.last_synced_at ? ` · synced ${formatWhen(listing.last_synced_at, "never")}` : ""}
        {fromCache ? ` · as last synced ${formatWhen(listing.last_synced_at, "never")}, refreshing…` : ""}
      </p>
    </section>
  );
}

function AppRows(props: { rows: IndexedApp[]; navigate: Navigate }) {
  const scroller = useRef<HTMLDivElement>(null);
  const hasRows = props.rows.length > 0;
  // Right after the rows are in the DOM: reportFirstPaint waits for the frame that shows
  // them (as the bare app does). From a passive effect, which Preact runs only after a
  // frame, it would have waited for the frame after that one.
  useLayoutEffect(() => {
    if (hasRows) {
      markOnce("rows-committed");
      reportFirstPaint();
    }
  }, [hasRows]);
  // This app does not use the React Compiler, so the virtualizer's unmemoizable API is fine.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: props.rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: rowHeight,
    overscan: 8,
    // jsdom and the first paint have no layout yet: assume a window-sized list.
    initialRect: { width: 900, height: 600 },
  });
  return (
    <div className="vtable" role="table" aria-label="Apps" aria-rowcount={props.rows.length + 1} data-testid="apps-table">
      <div className="vrow vhead" role="row" aria-rowindex={1}>
        <span role="columnheader">Name</span>
        <span role="columnheader">Code name</span>
        <span role="columnheader">App id</span>
        <span role="columnheader">Credentials</span>
      </div>
      <div className="vscroll" ref={scroller}>
        <div style={{ height: virtualizer.getTotalSize(), position: "relative" }} role="rowgroup">
          {virtualizer.getVirtualItems().map((item) => {
            const { app } = props.rows[item.index]!;
            return (
              <div
                key={app.app_code_name}
                className="vrow"
                role="row"
                aria-rowindex={item.index + 2}
                // `top`, not a transform: no compositing layer per row (less memory, cheaper paints).
                style={{ position: "absolute", top: item.start, left: 0, right: 0, height: ROW_HEIGHT }}
              >
                <span role="cell">
                  <button
                    type="button"
                    className="row-link"
                    onClick={() => props.navigate({ view: "app", app: app.app_code_name, tab: "settings" })}
                    data-testid={`open-app-${app.app_code_name}`}
                  >
                    {app.name ?? "(no name)"}
                  </button>
                </span>
                <span role="cell" className="mono">
                  {app.app_code_name}
                </span>
                <span role="cell" className="mono muted">
                  {app.app_id ?? "—"}
                </span>
                <span role="cell">
                  {app.has_credentials ? <span className="badge ok">stored here</span> : <span className="badge">not here</span>}
                </span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
