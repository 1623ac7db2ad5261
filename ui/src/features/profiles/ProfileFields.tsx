// The fields the add and edit forms of a profile share: the directory token, typed masked
// with Show/Hide, and the opt-in to plain http on another computer, with its risk stated.
import { useState } from "react";

/** A directory API token field, masked until the person chooses Show. */
export function TokenInput(props: { id: string; value: string; onChange: (value: string) => void }) {
  const [shown, setShown] = useState(false);
  return (
    <span className="with-button">
      <input
        id={props.id}
        type={shown ? "text" : "password"}
        autoComplete="off"
        spellCheck={false}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
      <button type="button" onClick={() => setShown((was) => !was)}>
        {shown ? "Hide" : "Show"}
      </button>
    </span>
  );
}

/** "Allow plain http to another computer", saying what it risks. */
export function InsecureHttpCheckbox(props: { id: string; checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <label className="inline">
      <input type="checkbox" id={props.id} checked={props.checked} onChange={(e) => props.onChange(e.target.checked)} />
      Allow plain http to another computer{" "}
      <span className="muted small">insecure: the directory token and client secrets would cross the network unencrypted</span>
    </label>
  );
}
