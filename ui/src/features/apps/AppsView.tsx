// The first screen: the current profile's apps, painted from the cached list at once and
// refreshed from the platform after that first paint; searchable, sortable and
// virtualized (10,000 apps scroll like ten); its toolbar opens Export… and Import… (apps
// as code). A first run on the Sandbox is told what the Sandbox is. It is in the main
// bundle, so it keeps its imports few.
import { useEffect, useMemo, useState } from "react";
import type { ProfileKind } from "../../api/bindings";
import type { Navigate } from "../../route";
import { EmptyState } from "../../components/EmptyState";
import { ErrorNotice } from "../../components/ErrorNotice";
import { firstPaintDone, markOnce, onFirstPaint } from "../../paintMark";
import { formatWhen } from "../../format";
import { AppRows } from "./AppRows";
import { isFirstRun } from "./firstRun";
import { FirstRunNote } from "./FirstRunNote";
import { useAppsCached, useAppsList } from "./hooks";
import { compare, indexApps, type SortKey } from "./order";

/**
 * The current profile's apps: fetched from the platform, or the cached list when it
 * can't be reached. Virtualized: only the rows in view are in the DOM, so 10,000 apps
 * scroll and filter as smoothly as ten.
 */
export function AppsView(props: { navigate: Navigate; profileKind?: ProfileKind | undefined }) {
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
            <option value="credentials">secret kept here first</option>
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
      {listing.stale && !fromCache ? (
        <div className="banner warn" role="status" data-testid="stale-banner">
          Cached, last synced {formatWhen(listing.last_synced_at, "never")}.{" "}
          {listing.sync_error ? listing.sync_error.message : "The platform could not be reached."}
        </div>
      ) : null}
      {isFirstRun(props.profileKind, listing.apps.some((app) => app.has_credentials)) ? <FirstRunNote navigate={props.navigate} /> : null}
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
