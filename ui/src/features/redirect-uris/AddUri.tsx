// The "New redirect URI" field: Rust judges the typed URI as it is typed; Add (or Enter)
// puts it at the end of the working list unless it is already there or is known to be
// refused. An entry added before its judgement came back is judged in the list, where a
// problem blocks the review.
import { useMemo, useState } from "react";
import { useUriJudgements } from "../../api/judgements";

export function AddUri(props: { list: string[]; onAdd: (uri: string) => void; disabled: boolean }) {
  const [text, setText] = useState("");
  const asked = useMemo(() => [text], [text]);
  const check = useUriJudgements(asked);
  // A trivial UI check: the exact string is already in the list.
  const duplicate = text.length > 0 && props.list.includes(text) ? "Already in the list." : null;
  // Rust's hint, only ever about the text as it is now (api/judgements.ts).
  const rustProblem = text.length > 0 ? (check.judgement?.[0]?.problem ?? null) : null;
  const problem = duplicate ?? rustProblem;
  const canAdd = !props.disabled && text.length > 0 && duplicate === null && !(check.fresh && rustProblem);

  function add() {
    if (!canAdd) return;
    props.onAdd(text);
    setText("");
  }

  return (
    <div className="ru-add">
      <label htmlFor="ru-new">New redirect URI</label>
      <div className="with-button">
        <input
          id="ru-new"
          className="mono"
          spellCheck={false}
          value={text}
          placeholder="https://example.com/oauth/callback"
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? "ru-new-error" : undefined}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              add();
            }
          }}
        />
        <button type="button" onClick={add} disabled={!canAdd} data-testid="ru-add">
          Add
        </button>
      </div>
      {problem ? (
        <p id="ru-new-error" className="field-error" data-testid="ru-new-error">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
