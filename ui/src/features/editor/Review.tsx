// The settings' review and save bar: Rust's preview of the update as a Before/After table
// (it scrolls into view when it appears), "nothing to save" when the platform already has
// the values, the saved notice, and Discard / Review changes / Save.
import type { FieldChange, JsonValue } from "../../api/bindings";
import { ErrorNotice } from "../../components/ErrorNotice";
import { useScrollIntoView } from "../../hooks/focus";

function Value(props: { value: JsonValue }) {
  const value = props.value;
  if (value === null || value === undefined || value === "") return <span className="muted">(not set)</span>;
  if (typeof value === "object") return <pre className="mono ed-json">{JSON.stringify(value, null, 2)}</pre>;
  return <span className="mono">{String(value)}</span>;
}

function DiffTable(props: { changes: FieldChange[] }) {
  return (
    <table className="table ed-diff" data-testid="editor-diff">
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Before</th>
          <th scope="col">After</th>
        </tr>
      </thead>
      <tbody>
        {props.changes.map((change) => (
          <tr key={change.field} data-field={change.field}>
            <th scope="row" className="mono">
              {change.field}
            </th>
            <td className="ed-before">
              <Value value={change.before} />
            </td>
            <td className="ed-after">
              <Value value={change.after} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function EditorFooter(props: {
  error: unknown;
  reviewed: { changes: FieldChange[] } | null;
  saved: number | null;
  dirty: boolean;
  canReview: boolean;
  busy: boolean;
  savePending: boolean;
  onDiscard: () => void;
  onReview: () => void;
  onSave: () => void;
}) {
  const changes = props.reviewed?.changes ?? [];
  const review = useScrollIntoView<HTMLDivElement>(props.reviewed);
  return (
    <div className="ed-footer">
      {props.error ? <ErrorNotice error={props.error} testId="editor-error" /> : null}
      {props.saved !== null ? (
        <div className="banner ed-ok" role="status" data-testid="editor-saved">
          Saved: {props.saved} {props.saved === 1 ? "field" : "fields"} changed.
        </div>
      ) : null}
      {props.reviewed ? (
        <div ref={review} className="ed-review">
          {changes.length === 0 ? (
            <p className="banner warn" data-testid="editor-nothing">
              Nothing to save: the platform already has these values.
            </p>
          ) : (
            <DiffTable changes={changes} />
          )}
        </div>
      ) : null}
      <div className="actions">
        <button type="button" onClick={props.onDiscard} disabled={!props.dirty || props.busy} data-testid="editor-discard">
          Discard
        </button>
        <button type="button" onClick={props.onReview} disabled={!props.canReview || props.busy} data-testid="editor-review">
          Review changes
        </button>
        {changes.length > 0 ? (
          <button type="button" className="primary" onClick={props.onSave} disabled={props.busy} data-testid="editor-save">
            {props.savePending ? "Saving…" : `Save ${changes.length} ${changes.length === 1 ? "change" : "changes"}`}
          </button>
        ) : null}
      </div>
    </div>
  );
}
