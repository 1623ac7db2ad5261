// The Checks tab of one app: its setup checks and the profile token's, most severe
// first, with a re-run and the report to copy.
import { ErrorNotice } from "../../components/ErrorNotice";
import { CheckList, ChecksSummary, ReportCopyButtons, type Item } from "./CheckParts";
import { useAppChecks } from "./hooks";

/** The Checks tab of one app: its setup checks and the profile token's, most severe first. */
export function ChecksPanel(props: { app: string }) {
  const { app } = props;
  const checks = useAppChecks(app);
  const report = checks.data;

  const items: Item[] = report
    ? [
        ...report.directory.map((check) => ({ ...check, scope: "profile" })),
        ...report.apps.flatMap((entry) =>
          entry.checks.map((check) => ({
            ...check,
            scope: report.apps.length > 1 ? (entry.app_name ?? entry.app_code_name) : null,
          })),
        ),
      ]
    : [];

  return (
    <section className="card ck-panel" data-testid="checks-panel">
      <div className="toolbar">
        <h2>Setup checks</h2>
        {report ? (
          <ReportCopyButtons report={report} markdownTestId="checks-copy-markdown" jsonTestId="checks-copy-json" />
        ) : null}
        <button
          type="button"
          onClick={() => void checks.refetch()}
          disabled={checks.isFetching}
          data-testid="checks-rerun"
          aria-busy={checks.isFetching}
        >
          {checks.isFetching ? <span className="spinner" aria-hidden="true" /> : null} Run again
        </button>
      </div>
      {checks.isPending && checks.isFetching ? (
        <p className="muted" role="status">
          <span className="spinner" aria-hidden="true" /> Checking {app}…
        </p>
      ) : null}
      {checks.isError ? (
        <ErrorNotice error={checks.error} testId="checks-error" onRetry={() => void checks.refetch()} />
      ) : null}
      {report ? (
        <>
          <ChecksSummary report={report} testId="checks-summary" />
          <CheckList checks={items} testId="checks-list" />
        </>
      ) : null}
    </section>
  );
}
