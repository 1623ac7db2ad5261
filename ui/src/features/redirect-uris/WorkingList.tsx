// The OAuth redirect URIs being edited: each entry with Copy, Move up/down and Remove, and
// Rust's judgement of it (a problem blocks saving, a warning does not). While the list is
// re-judged, an entry shows only hints that still hold for it (api/judgements.ts).
import type { UriJudgement } from "../../api/bindings";
import { CopyButton } from "../../components/CopyButton";

function move<T>(list: T[], from: number, to: number): T[] {
  const next = [...list];
  const [item] = next.splice(from, 1);
  if (item !== undefined) next.splice(to, 0, item);
  return next;
}

export function WorkingList(props: {
  list: string[];
  judged: UriJudgement[] | undefined;
  onChange: (list: string[]) => void;
  disabled: boolean;
}) {
  const { list } = props;
  if (list.length === 0) {
    return <p className="muted" data-testid="ru-empty">No OAuth redirect URIs: only the landing page is accepted.</p>;
  }
  return (
    <ol className="ru-list" data-testid="ru-list">
      {list.map((uri, index) => {
        const judged = props.judged?.[index];
        const verdict = judged?.uri === uri ? judged : undefined;
        return (
          <li key={uri + index} className="ru-row" data-testid="ru-row">
            <div className="ru-line">
              <span className="mono ru-uri">{uri}</span>
              <span className="ru-buttons">
                <CopyButton source={{ text: uri }} />
                <button
                  type="button"
                  aria-label={`Move up ${uri}`}
                  title="Move up"
                  disabled={props.disabled || index === 0}
                  onClick={() => props.onChange(move(list, index, index - 1))}
                >
                  ↑
                </button>
                <button
                  type="button"
                  aria-label={`Move down ${uri}`}
                  title="Move down"
                  disabled={props.disabled || index === list.length - 1}
                  onClick={() => props.onChange(move(list, index, index + 1))}
                >
                  ↓
                </button>
                <button
                  type="button"
                  aria-label={`Remove ${uri}`}
                  disabled={props.disabled}
                  onClick={() => props.onChange(list.filter((_, i) => i !== index))}
                >
                  Remove
                </button>
              </span>
            </div>
            {verdict?.problem ? <p className="field-error">{verdict.problem}</p> : null}
            {verdict?.warning ? <p className="small ru-warning">{verdict.warning}</p> : null}
          </li>
        );
      })}
    </ol>
  );
}
