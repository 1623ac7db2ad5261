// Field changes as a table (Field, Before, After): Rust's `FieldChange` list, shown by the
// editor's review and by a manifest's plan. Values are JSON: text and numbers as they are,
// lists and objects as JSON (indented, or on one line with `compact`). With `given` (a
// create has no "before"), only the values are shown.
import type { FieldChange, JsonValue } from "../api/bindings";

/** JSON on one line, with a space after each comma: `["a", "b"]`, `{"k": 1}`. */
function compactJson(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map((item) => compactJson(item)).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).filter((entry): entry is [string, JsonValue] => entry[1] !== undefined);
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}: ${compactJson(item)}`).join(", ")}}`;
  }
  return JSON.stringify(value);
}

export function FieldValue(props: { value: JsonValue; compact?: boolean }) {
  const value = props.value;
  if (value === null || value === undefined || value === "") return <span className="muted">(not set)</span>;
  if (typeof value === "object") {
    return props.compact ? (
      <code className="mono diff-json">{compactJson(value)}</code>
    ) : (
      <pre className="mono diff-json">{JSON.stringify(value, null, 2)}</pre>
    );
  }
  return <span className="mono">{String(value)}</span>;
}

export function FieldDiff(props: { changes: FieldChange[]; testId: string; given?: boolean; compact?: boolean }) {
  const { changes, given = false, compact = false } = props;
  return (
    <table className="table diff" data-testid={props.testId}>
      <thead>
        <tr>
          <th scope="col">Field</th>
          {given ? (
            <th scope="col">Value</th>
          ) : (
            <>
              <th scope="col">Before</th>
              <th scope="col">After</th>
            </>
          )}
        </tr>
      </thead>
      <tbody>
        {changes.map((change) => (
          <tr key={change.field} data-field={change.field}>
            <th scope="row" className="mono">
              {change.field}
            </th>
            {given ? null : (
              <td className="diff-before">
                <FieldValue value={change.before} compact={compact} />
              </td>
            )}
            <td className={given ? undefined : "diff-after"}>
              <FieldValue value={change.after} compact={compact} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
