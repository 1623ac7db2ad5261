// The app's past launches, newest first, one line each ("Launch 12 · failed · <date> ·
// business <uid>"), each opening to its checklist, notes and report.
import { useState } from "react";
import type { UseQueryResult } from "@tanstack/react-query";
import type { LaunchVerdict } from "../../api/bindings";
import { ErrorNotice } from "../../components/ErrorNotice";
import { formatWhen } from "../../format";
import { SeverityBadge } from "../checks/CheckParts";
import { launchLine } from "./choices";
import { VerdictDetails } from "./Verdict";

export function PastLaunches(props: { launches: UseQueryResult<LaunchVerdict[]> }) {
  const { launches } = props;
  return (
    <section className="card ln-section" data-testid="launch-history" aria-labelledby="launch-history-title">
      <h2 id="launch-history-title">Past launches</h2>
      {launches.isPending ? <p className="muted">Reading past launches…</p> : null}
      {launches.isError ? <ErrorNotice error={launches.error} onRetry={() => void launches.refetch()} /> : null}
      {launches.data && launches.data.length === 0 ? <p className="muted">No launches yet.</p> : null}
      {launches.data && launches.data.length > 0 ? (
        <ol className="ln-history">
          {launches.data.map((verdict) => (
            <PastLaunch key={verdict.run_id} verdict={verdict} />
          ))}
        </ol>
      ) : null}
    </section>
  );
}

function PastLaunch(props: { verdict: LaunchVerdict }) {
  const { verdict } = props;
  const [open, setOpen] = useState(false);
  const detailsId = `launch-${verdict.run_id}-details`;
  return (
    <li data-testid="launch-history-row" data-verdict={verdict.verdict} data-run-id={verdict.run_id}>
      <div className="ln-history-line">
        <SeverityBadge severity={verdict.verdict} />
        <span>{launchLine(verdict, formatWhen(verdict.started_at))}</span>
        <button
          type="button"
          className="copy-button"
          onClick={() => setOpen((was) => !was)}
          aria-expanded={open}
          aria-controls={detailsId}
          data-testid="launch-history-toggle"
        >
          {open ? "Hide checks" : "Show checks"}
        </button>
      </div>
      {open ? (
        <div id={detailsId} className="ln-history-details">
          <VerdictDetails verdict={verdict} copyTestId={`launch-history-copy-report-${verdict.run_id}`} />
        </div>
      ) : null}
    </li>
  );
}
