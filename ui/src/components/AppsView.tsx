import { useMemo, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { commands } from "../api/commands";
import type { AppSummary } from "../api/bindings";
import { EmptyState } from "./EmptyState";

type SortKey = "name" | "app_code_name";

function matches(app: AppSummary, needle: string): boolean {
  if (!needle) return true;
  return (
    (app.name ?? "").toLowerCase().includes(needle) ||
    app.app_code_name.toLowerCase().includes(needle) ||
    (app.app_id ?? "").toLowerCase().includes(needle)
  );
}

function formatWhen(iso: string | null): string {
  if (!iso) return "never";
  return new Date(iso).toLocaleString();
}

/** The current profile's apps: fetched from the platform, or the cached list when it can't be reached. */
export function AppsView() {
  const apps = useQuery({ queryKey: ["apps"], queryFn: commands.appsList });
  const [search, setSearch] = useState("");
  const [sort, setSort] = useState<SortKey>("name");

  const rows = useMemo(() => {
    const needle = search.trim().toLowerCase();
    const list = (apps.data?.apps ?? []).filter((app) => matches(app, needle));
    return list.sort((a, b) => (a[sort] ?? "").localeCompare(b[sort] ?? ""));
  }, [apps.data, search, sort]);

  if (apps.isPending) {
    return <p className="muted" role="status">Loading apps…</p>;
  }
  if (apps.isError) {
    return (
      <EmptyState
        title="The apps could not be listed"
        body={apps.error.message}
        hint="Check the profile's connection, then refresh."
      />
    );
  }
  const listing = apps.data;

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
          </select>
        </label>
        <button type="button" onClick={() => void apps.refetch()} disabled={apps.isFetching}>
          {apps.isFetching ? "Refreshing…" : "Refresh"}
        </button>
      </div>
      {listing.stale ? (
        <div className="banner warn" role="status" data-testid="stale-banner">
          Cached, last synced {formatWhen(listing.last_synced_at)}.{" "}
          {listing.sync_error ? listing.sync_error.message : "The platform could not be reached."}
        </div>
      ) : null}
      {listing.apps.length === 0 ? (
        <EmptyState
          title="No apps yet"
          body="This directory has no apps. Create one to get a client ID and secret."
        />
      ) : (
        <table className="table" data-testid="apps-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Code name</th>
              <th>App id</th>
              <th>Credentials</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((app) => (
              <tr key={app.app_code_name}>
                <td>{app.name ?? <span className="muted">(no name)</span>}</td>
                <td className="mono">{app.app_code_name}</td>
                <td className="mono muted">{app.app_id ?? "—"}</td>
                <td>
                  {app.has_credentials ? (
                    <span className="badge ok">stored here</span>
                  ) : (
                    <span className="badge">not here</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted small">
        {rows.length} of {listing.apps.length} apps · profile {listing.profile}
      </p>
    </section>
  );
}
