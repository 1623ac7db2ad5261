// The settings form's inputs: a labelled text field (with hint and problem, wired for
// screen readers), a flag, the access token format, and the URL parameters as Rust's
// vocabulary offers them (values the platform holds that the vocabulary does not know
// stay listed, and kept).
import type { ReactNode } from "react";
import { inputId, type FieldKey, type FlagKey, type Form } from "./form";

export type FieldProps = {
  field: FieldKey;
  label: string;
  form: Form;
  onChange: (key: FieldKey, value: string) => void;
  problem: string | undefined;
  hint?: ReactNode;
  placeholder?: string;
  multiline?: boolean;
  mono?: boolean;
};

export function TextField(props: FieldProps) {
  const id = inputId(props.field);
  const value = String(props.form[props.field]);
  const describedBy = [props.problem ? `${id}-error` : null, props.hint ? `${id}-hint` : null].filter(Boolean).join(" ");
  const common = {
    id,
    value,
    placeholder: props.placeholder,
    className: props.mono ? "mono" : undefined,
    spellCheck: props.mono ? false : undefined,
    "aria-invalid": props.problem ? true : undefined,
    "aria-describedby": describedBy || undefined,
  };
  return (
    <div className="ed-field">
      <label htmlFor={id}>{props.label}</label>
      {props.multiline ? (
        <textarea {...common} rows={props.mono ? 8 : 3} onChange={(e) => props.onChange(props.field, e.target.value)} />
      ) : (
        <input {...common} onChange={(e) => props.onChange(props.field, e.target.value)} />
      )}
      {props.hint ? (
        <p id={`${id}-hint`} className="muted small ed-hint">
          {props.hint}
        </p>
      ) : null}
      {props.problem ? (
        <p id={`${id}-error`} className="field-error">
          {props.problem}
        </p>
      ) : null}
    </div>
  );
}

export function Flag(props: {
  field: FlagKey;
  label: string;
  form: Form;
  onToggle: (key: FieldKey, value: boolean) => void;
  problem: string | undefined;
}) {
  const id = inputId(props.field);
  return (
    <div>
      <div className="ed-check">
        <input id={id} type="checkbox" checked={props.form[props.field]} onChange={(e) => props.onToggle(props.field, e.target.checked)} />
        <label htmlFor={id}>{props.label}</label>
      </div>
      {props.problem ? <p className="field-error">{props.problem}</p> : null}
    </div>
  );
}

export function TokenFormat(props: {
  value: string;
  platformDefault: boolean;
  onChange: (value: string) => void;
  problem: string | undefined;
}) {
  const id = inputId("access_token_format");
  return (
    <div className="ed-field">
      <label htmlFor={id}>Access token format</label>
      <select id={id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        {props.platformDefault ? <option value="">(platform default)</option> : null}
        <option value="opaque">opaque</option>
        <option value="jwt">jwt</option>
      </select>
      {props.problem ? <p className="field-error">{props.problem}</p> : null}
    </div>
  );
}

export function UrlParams(props: {
  known: string[] | undefined;
  selected: string[];
  onChange: (selected: string[]) => void;
  problem: string | undefined;
}) {
  const known = props.known ?? [];
  const choices = [...known, ...props.selected.filter((param) => !known.includes(param))];
  function toggle(param: string, on: boolean) {
    const next = new Set(props.selected);
    if (on) next.add(param);
    else next.delete(param);
    props.onChange(choices.filter((choice) => next.has(choice)));
  }
  return (
    <fieldset className="ed-fieldset" id={inputId("url_params")} tabIndex={-1}>
      <legend>URL parameters</legend>
      <div className="ed-checks">
        {choices.map((param) => (
          <div className="ed-check" key={param}>
            <input
              id={`edit-url-param-${param}`}
              type="checkbox"
              checked={props.selected.includes(param)}
              onChange={(e) => toggle(param, e.target.checked)}
            />
            <label htmlFor={`edit-url-param-${param}`} className="mono">
              {param}
            </label>
          </div>
        ))}
      </div>
      <p className="muted small ed-hint">brand_host: the OAuth guide needs it so the app learns the host.</p>
      {!props.selected.includes("brand_host") ? (
        <p className="banner warn ed-inline-banner" data-testid="editor-brand-host-warning">
          brand_host is not checked: the app will not learn which host (brand) opened it, and the OAuth guide will
          not work for white-label brands.
        </p>
      ) : null}
      {props.problem ? <p className="field-error">{props.problem}</p> : null}
    </fieldset>
  );
}
