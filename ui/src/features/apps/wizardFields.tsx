// The New app form's small parts: a field's problem (shown once the field was touched),
// the checkboxes of one of Rust's vocabularies, and the question asked before creating an
// app named like one the apps list already has.
import type { AppSummary } from "../../api/bindings";
import { ConfirmDialog } from "../../components/ConfirmDialog";

function toggle(list: string[], value: string, on: boolean): string[] {
  return on ? [...list, value] : list.filter((v) => v !== value);
}

/** Shows a problem only once the field has been touched, so an empty form is not all red. */
export function FieldError(props: { problem: string | null | undefined; shown: boolean; id: string }) {
  if (!props.problem || !props.shown) return null;
  return (
    <p className="field-error" id={props.id} data-testid={props.id}>
      {props.problem}
    </p>
  );
}

/** Checkboxes for one of Rust's vocabularies (`url_params`, `app_types`). */
export function Choices(props: {
  values: string[] | undefined;
  selected: string[];
  onChange: (next: string[]) => void;
  idPrefix?: string;
  suggested?: string;
}) {
  if (!props.values) return <p className="muted small">Loading the choices…</p>;
  return (
    <div className="checks">
      {props.values.map((value) => (
        <label key={value} className="inline">
          <input
            type="checkbox"
            id={props.idPrefix ? `${props.idPrefix}${value}` : undefined}
            checked={props.selected.includes(value)}
            onChange={(e) => props.onChange(toggle(props.selected, value, e.target.checked))}
          />
          <span className="mono">{value}</span>
          {value === props.suggested ? <span className="badge ok">suggested</span> : null}
        </label>
      ))}
    </div>
  );
}

/** "An app named X already exists": Don't create (the safe answer) or Create another. */
export function SameNameDialog(props: { existing: AppSummary; onKeep: () => void; onCreate: () => void }) {
  const { existing } = props;
  return (
    <ConfirmDialog
      title={`An app named ${existing.name ?? ""} already exists (code name ${existing.app_code_name}). Create another one?`}
      keepLabel="Don't create"
      discardLabel="Create another"
      testId="create-duplicate-confirm"
      onKeep={props.onKeep}
      onDiscard={props.onCreate}
    >
      <p>The new app would get its own code name, client id and secret; two apps with one name are easy to mix up.</p>
    </ConfirmDialog>
  );
}
