// The Checks view: every app of the profile checked on demand, with progress while it
// runs, then the profile's checks and one row per app (sortable) linking to its tab.
import { useMemo, useState } from "react";
import type { AppChecks, ChecksProgress, ChecksReport, Severity } from "../../api/bindings";
import type { Navigate } from "../../route";
import { ErrorNotice } from "../../components/ErrorNotice";
import { CheckList, ChecksSummary, ReportCopyButtons, SeverityBadge } from "./CheckParts";
import { RANK } from "./severity";
import { useChecksProgress, useLastChecksRun, useRunAllChecks } from "./hooks";
/** How many problem titles a row shows before "+N more". */
const TITLES_SHOWN = 3;

type SortKey = "severity" | "name" | "code";

type Row = {
  code: string;
  name: string;
  named: boolean;
  worst: Severity;
  fail: number;
  warn: number;
  problems: { severity: Severity; title: string }[];
};

function toRow(app: AppChecks): Row {
  const fails = app.checks.filter((check) => check.severity === "fail");
  const unknowns = app.checks.filter((check) => check.severity === "unknown");
  const warns = app.checks.filter((check) => check.severity === "warn");
  return {
    code: app.app_code_name,
    name: app.app_name ?? app.app_code_name,
    named: app.app_name !== null,
    worst: app.worst,
    fail: fails.length,
    warn: warns.length,
    problems: [...fails, ...unknowns, ...warns].map((check) => ({ severity: check.severity, title: check.title })),
  };
}

const collator = new Intl.Collator(undefined, { sensitivity: "base", numeric: true });

function sortRows(rows: Row[], key: SortKey): Row[] {
  const sorted = [...rows];
  if (key === "name") sorted.sort((a, b) => collator.compare(a.name, b.name) || collator.compare(a.code, b.code));
  else if (key === "code") sorted.sort((a, b) => collator.compare(a.code, b.code));
  else
    sorted.sort(
      (a, b) =>
        RANK[b.worst] - RANK[a.worst] ||
        b.fail - a.fail ||
        b.warn - a.warn ||
        collator.compare(a.name, b.name) ||
        collator.compare(a.code, b.code),
    );
  return sorted;
}

/** The directory-wide checks: run on demand, with progress, then one row per app. */
export function ChecksView(props: { navigate: Navigate }) {
  const { progress, listening, reset } = useChecksProgress();
  const last = useLastChecksRun();
  const run = useRunAllChecks();
  const runAll = () => {
    reset();
    run.mutate();
  };
  const report = run.isPending ? undefined : last.data;

  return (
    <div className="ck-view" data-testid="checks-view">
      <div className="toolbar">
        <h1>Checks</h1>
        {report ? (
          <ReportCopyButtons report={report} markdownTestId="checks-all-copy-markdown" jsonTestId="checks-all-copy-json" />
        ) : null}
        <button
          type="button"
          className="primary"
          onClick={runAll}
          disabled={!listening || run.isPending}
          data-testid="checks-run-all"
        >
          {run.isPending ? "Checking…" : report ? "Check every app again" : "Check every app"}
        </button>
      </div>
      {!report && !run.isPending && !run.isError ? (
        <p className="muted">
          Checks every app of the current profile for setup problems (redirect URIs, brand host, credentials…) and the
          profile's token. Nothing is changed.
        </p>
      ) : null}
      {run.isPending ? <Progress progress={progress} /> : null}
      {run.isError ? <ErrorNotice error={run.error} testId="checks-all-error" onRetry={runAll} /> : null}
      {report ? <Results report={report} navigate={props.navigate} /> : null}
    </div>
  );
}

function Progress(props: { progress: ChecksProgress | null }) {
  const { progress } = props;
  const known = progress !== null && progress.total > 0;
  return (
    <div className="ck-progress" data-testid="checks-progress" role="status">
      {known ? (
        <progress max={progress.total} value={progress.done} aria-label="Apps checked" />
      ) : (
        <progress aria-label="Apps checked" />
      )}
      <span>
        <span className="spinner" aria-hidden="true" />{" "}
        {known ? `${progress.done} of ${progress.total} apps checked` : "Listing the apps…"}
      </span>
    </div>
  );
}

function Results(props: { report: ChecksReport; navigate: Navigate }) {
  const { report, navigate } = props;
  const [sort, setSort] = useState<SortKey>("severity");
  const rows = useMemo(() => sortRows(report.apps.map(toRow), sort), [report, sort]);
  const appCount = report.apps.length;
  return (
    <div className="stack">
      <ChecksSummary
        report={report}
        testId="checks-summary"
        extra={`across ${appCount} ${appCount === 1 ? "app" : "apps"} and the profile`}
      />
      <section className="card ck-section">
        <h2>Profile</h2>
        <CheckList checks={report.directory} testId="checks-directory" compact />
      </section>
      <section className="card ck-section">
        <div className="toolbar">
          <h2>Apps</h2>
          <label className="ck-sort small">
            Sort{" "}
            <select
              aria-label="Sort checks"
              data-testid="checks-sort"
              value={sort}
              onChange={(event) => setSort(event.target.value as SortKey)}
            >
              <option value="severity">Most severe first</option>
              <option value="name">Name</option>
              <option value="code">Code name</option>
            </select>
          </label>
        </div>
        {report.apps_unlisted ? (
          <p className="banner warn" role="status" data-testid="checks-apps-unlisted">
            {report.apps_unlisted} This is not a problem of the token or the apps: run the checks again when the platform
            answers.
          </p>
        ) : rows.length === 0 ? (
          <p className="muted">No apps in this directory.</p>
        ) : (
          <table className="table ck-table" data-testid="checks-table">
            <thead>
              <tr>
                <th>Status</th>
                <th>App</th>
                <th>Code name</th>
                <th className="ck-num">Failed</th>
                <th className="ck-num">Warnings</th>
                <th>Problems</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.code} data-testid="checks-row" data-app={row.code} data-worst={row.worst}>
                  <td>
                    <SeverityBadge severity={row.worst} />
                  </td>
                  <td>
                    <button
                      type="button"
                      className={row.named ? "row-link" : "row-link muted"}
                      onClick={() => navigate({ view: "app", app: row.code, tab: "checks" })}
                      data-testid="checks-app-link"
                      title={`Open the checks of ${row.name}`}
                    >
                      {row.name}
                    </button>
                  </td>
                  <td className="mono">{row.code}</td>
                  <td className="ck-num">{row.fail > 0 ? <span className="ck-count-fail">{row.fail}</span> : "0"}</td>
                  <td className="ck-num">{row.warn > 0 ? <span className="ck-count-warn">{row.warn}</span> : "0"}</td>
                  <td className="ck-problems small">
                    {row.problems.length === 0 ? (
                      <span className="muted">—</span>
                    ) : (
                      <>
                        {row.problems.slice(0, TITLES_SHOWN).map((problem, index) => (
                          <span key={index} className={`ck-problem ck-problem-${problem.severity}`}>
                            <span className="ck-problem-label">
                              {problem.severity === "fail" ? "Fail:" : problem.severity === "unknown" ? "Could not check:" : "Warn:"}
                            </span>{" "}
                            {problem.title}
                          </span>
                        ))}
                        {row.problems.length > TITLES_SHOWN ? (
                          <span className="muted">+{row.problems.length - TITLES_SHOWN} more</span>
                        ) : null}
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
