// The review of a redirect-URI change, as Rust's preview tells it: added, removed and
// unchanged entries, "only the order changes", and Rust's warnings. It scrolls into view
// when it appears (the list above can be long).
import type { RedirectUrisDiff } from "../../api/bindings";
import { useScrollIntoView } from "../../hooks/focus";
import { sameList } from "./lists";

export function DiffView(props: { diff: RedirectUrisDiff; loaded: string[] }) {
  const { diff } = props;
  const ref = useScrollIntoView<HTMLDivElement>(diff);
  const orderOnly = diff.added.length === 0 && diff.removed.length === 0 && !sameList(diff.oauth_redirect_uris, props.loaded);
  const nothing = diff.added.length === 0 && diff.removed.length === 0 && !orderOnly;
  return (
    <div className="ru-diff" data-testid="ru-diff" ref={ref}>
      {nothing ? <p className="muted">Nothing to save: the platform already has this list.</p> : null}
      {orderOnly ? <p data-testid="ru-order-changed">Only the order changes.</p> : null}
      <ul className="ru-diff-list">
        {diff.added.map((uri) => (
          <li key={`+${uri}`} className="ru-added" data-testid="ru-added">
            <span aria-hidden="true">+ </span>
            <span className="sr-only">Added: </span>
            <span className="mono">{uri}</span>
          </li>
        ))}
        {diff.removed.map((uri) => (
          <li key={`-${uri}`} className="ru-removed" data-testid="ru-removed">
            <span aria-hidden="true">− </span>
            <span className="sr-only">Removed: </span>
            <span className="mono">{uri}</span>
          </li>
        ))}
        {diff.unchanged.map((uri) => (
          <li key={`=${uri}`} className="ru-unchanged muted" data-testid="ru-unchanged">
            <span aria-hidden="true">  </span>
            <span className="mono">{uri}</span>
          </li>
        ))}
      </ul>
      {diff.warnings.length > 0 ? (
        <div className="banner warn" data-testid="ru-warnings">
          {diff.warnings.map((warning) => (
            <p key={warning} className="ru-warning-line">
              {warning}
            </p>
          ))}
        </div>
      ) : null}
    </div>
  );
}
