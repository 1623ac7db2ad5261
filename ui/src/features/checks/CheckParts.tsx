// The pieces both checks screens show: a severity badge (never colour alone), the
// summary line, a list of checks most severe first with their fixes, and the copy buttons
// for a report. Owns how a check reads, not when checks run.
import type { CheckCounts, CheckResult, ChecksReport, Severity } from "../../api/bindings";
import { RANK } from "./severity";
import { CopyButton } from "../../components/CopyButton";
import { formatWhen } from "../../format";
import "./checks.css";

const LABEL: Record<Severity, string> = { fail: "FAIL", unknown: "COULD NOT CHECK", warn: "WARN", pass: "PASS" };
const ICON: Record<Severity, string> = { fail: "✕", unknown: "?", warn: "!", pass: "✓" };

/** A check's severity as a coloured badge with a text label (never colour alone). */
export function SeverityBadge(props: { severity: Severity }) {
  const { severity } = props;
  return (
    <span className={`badge ck-badge ck-${severity}`} data-severity={severity}>
      <span aria-hidden="true">{ICON[severity]}</span> {LABEL[severity]}
    </span>
  );
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** "1 failed, 2 warnings, 7 passed": the non-zero problems, then the passes. */
function countsText(counts: CheckCounts): string {
  const parts: string[] = [];
  if (counts.fail > 0) parts.push(`${counts.fail} failed`);
  if (counts.unknown > 0) parts.push(`${counts.unknown} could not be checked (the platform did not answer)`);
  if (counts.warn > 0) parts.push(plural(counts.warn, "warning", "warnings"));
  parts.push(`${counts.pass} passed`);
  return parts.join(", ");
}

/** The overall badge, the counts, and when and against which profile the checks ran. */
export function ChecksSummary(props: { report: ChecksReport; testId: string; extra?: string }) {
  const { report } = props;
  return (
    <div className={`ck-summary ck-summary-${report.worst}`} data-testid={props.testId} data-worst={report.worst}>
      <SeverityBadge severity={report.worst} />
      <strong>{countsText(report.counts)}</strong>
      {props.extra ? <span>{props.extra}</span> : null}
      <span className="muted small">
        Checked {formatWhen(report.checked_at)} · profile {report.profile}
      </span>
    </div>
  );
}

/** Failures first, then warnings, then passes; the given order is kept within a severity. */
function bySeverity<T extends { severity: Severity }>(items: T[]): T[] {
  return [...items].sort((a, b) => RANK[b.severity] - RANK[a.severity]);
}

/** A check, with where it comes from when that is not obvious ("profile" for the token check). */
export type Item = CheckResult & { scope?: string | null };

/** A list of checks, most severe first, each with its reason and (when there is one) its fix. */
export function CheckList(props: { checks: Item[]; testId?: string; compact?: boolean }) {
  const checks = bySeverity(props.checks);
  if (checks.length === 0) return <p className="muted">No checks.</p>;
  return (
    <ul className={props.compact ? "ck-list ck-compact" : "ck-list"} data-testid={props.testId}>
      {checks.map((check, index) => (
        <li
          key={`${check.scope ?? ""}-${check.id}-${index}`}
          className={`ck-item ck-item-${check.severity}`}
          data-testid="check-item"
          data-id={check.id}
          data-severity={check.severity}
        >
          <SeverityBadge severity={check.severity} />
          <div className="ck-body">
            <div className="ck-title">
              {check.title}
              {check.scope ? <span className="ck-scope small muted"> · {check.scope}</span> : null}
            </div>
            <div className="ck-reason">{check.reason}</div>
            {check.fix ? (
              <div className="ck-fix" data-testid="check-fix">
                <strong>Fix:</strong> {check.fix}
              </div>
            ) : null}
          </div>
        </li>
      ))}
    </ul>
  );
}

/** The report without its Markdown rendering, for tools and tickets. */
function reportJson(report: ChecksReport): string {
  const copy: Partial<ChecksReport> = { ...report };
  delete copy.markdown;
  return JSON.stringify(copy, null, 2);
}

/** "Copy report" (Markdown) and "Copy JSON"; neither holds a secret. */
export function ReportCopyButtons(props: { report: ChecksReport; markdownTestId: string; jsonTestId: string }) {
  return (
    <span className="ck-copy">
      <CopyButton source={{ text: props.report.markdown }} label="Copy report" testId={props.markdownTestId} />
      <CopyButton source={{ text: reportJson(props.report) }} label="Copy JSON" testId={props.jsonTestId} />
    </span>
  );
}
