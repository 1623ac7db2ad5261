// The app's past OAuth tests, newest first: each with its run number ("Test 5"), when it
// started, its redirect URI and outcome, and its redacted report to view or copy for a
// support ticket.
import { useEffect, useState } from "react";
import type { UseQueryResult } from "@tanstack/react-query";
import type { OAuthRunView } from "../../api/bindings";
import { asConsoleError } from "../../api/commands";
import { ErrorNotice } from "../../components/ErrorNotice";
import { formatWhen } from "../../format";
import { useCopyOAuthReport, useOAuthReport } from "./hooks";
import { short } from "./steps";

function outcomeBadge(run: OAuthRunView) {
  if (run.outcome === "succeeded") return <span className="badge ok">succeeded</span>;
  if (run.outcome === "failed") return <span className="badge fail">failed</span>;
  if (run.outcome === "cancelled") return <span className="badge">cancelled</span>;
  return <span className="badge">pending</span>;
}

export function PastTests(props: { history: UseQueryResult<OAuthRunView[]> }) {
  const { history } = props;
  return (
    <section className="card oa-section" data-testid="oauth-history">
      <h2>Past tests</h2>
      {history.isPending ? <p className="muted">Reading past tests…</p> : null}
      {history.isError ? <ErrorNotice error={history.error} onRetry={() => void history.refetch()} /> : null}
      {history.data && history.data.length === 0 ? <p className="muted">No tests yet.</p> : null}
      {history.data && history.data.length > 0 ? (
        <table className="table oa-history">
          <thead>
            <tr>
              <th>Test</th>
              <th>Started</th>
              <th>Redirect URI</th>
              <th>Outcome</th>
              <th>Error</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {history.data.map((entry) => (
              <PastTest key={entry.run_id} run={entry} />
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function PastTest(props: { run: OAuthRunView }) {
  const { run } = props;
  const [open, setOpen] = useState(false);
  const [copied, setCopied] = useState(false);
  const report = useOAuthReport(run.run_id, run.finished_at, open);
  const copy = useCopyOAuthReport(run.run_id);
  useEffect(() => {
    if (!copied) return;
    const timer = window.setTimeout(() => setCopied(false), 4000);
    return () => window.clearTimeout(timer);
  }, [copied]);

  return (
    <>
      <tr data-testid={`oauth-run-${run.run_id}`}>
        <td className="nowrap" data-testid={`oauth-run-number-${run.run_id}`}>
          Test {run.run_id}
        </td>
        <td className="nowrap">{formatWhen(run.started_at)}</td>
        <td className="mono oa-uri">{run.redirect_uri}</td>
        <td>{outcomeBadge(run)}</td>
        <td className="small" title={run.error ?? undefined}>
          {run.error ? short(run.error) : ""}
        </td>
        <td className="row-actions nowrap">
          <button
            type="button"
            className="copy-button"
            onClick={() => copy.mutate(undefined, { onSuccess: () => setCopied(true) })}
            disabled={copy.isPending}
            data-testid={`oauth-copy-report-${run.run_id}`}
            title={copy.error ? asConsoleError(copy.error).message : "A redacted, secret-free report for a support ticket"}
          >
            {copy.isPending ? "Copying…" : copied ? "Copied" : copy.isError ? "Copy failed" : "Copy report"}
          </button>{" "}
          <button
            type="button"
            className="copy-button"
            onClick={() => setOpen((value) => !value)}
            aria-expanded={open}
            data-testid={`oauth-view-report-${run.run_id}`}
          >
            {open ? "Hide" : "View"}
          </button>
        </td>
      </tr>
      {open ? (
        <tr className="oa-report-row">
          <td colSpan={6}>
            {report.isPending ? <p className="muted small">Reading the report…</p> : null}
            {report.isError ? <ErrorNotice error={report.error} onRetry={() => void report.refetch()} /> : null}
            {report.data ? (
              <pre className="oa-pre oa-report" data-testid={`oauth-report-${run.run_id}`}>
                {report.data.markdown}
              </pre>
            ) : null}
          </td>
        </tr>
      ) : null}
    </>
  );
}
