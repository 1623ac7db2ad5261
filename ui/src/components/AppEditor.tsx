import { useEffect, useState, type ReactNode } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { App, AppDescription, AppInput, FieldChange, JsonValue, MenuItems } from "../api/bindings";
import { asConsoleError, commands } from "../api/commands";
import { nameProblem, redirectUriProblem, URL_PARAMS } from "../validation";
import { ErrorNotice } from "./ErrorNotice";
import "./editor.css";

// ---------------------------------------------------------------------------------------
// The form model: every editable field, as the inputs hold it (text, lists as text).
// ---------------------------------------------------------------------------------------

type Form = {
  name: string;
  redirect_uri: string;
  short_description: string;
  description_text: string;
  logo: string;
  app_type: string;
  url_params: string[];
  scopes: string;
  demand_scopes: string;
  access_token_format: string;
  client_auth_jwks_uri: string;
  app_features: string;
  contact_support_link: string;
  privacy_policy_link: string;
  locales: string;
  supported_countries: string;
  app_screenshot_uris: string;
  app_mobile_screenshot_uris: string;
  api_uri: string;
  app_layer: string;
  open_in_new_tab: boolean;
  full_screen: boolean;
  personal_connection: boolean;
  deep_link: string;
  menu_items: string;
};

type FieldKey = keyof Form;

/** The input's id, so labels, tests and error focus can reach it: `edit-redirect-uri`. */
function inputId(key: FieldKey): string {
  return `edit-${key.replace(/_/g, "-")}`;
}

/** The form field a platform/Rust error's `field` names, if it has an input here. */
function fieldKeyFor(field: string | undefined): FieldKey | null {
  if (!field) return null;
  const [head, sub] = field.split(/[.[]/);
  if (head === "description") {
    if (sub === "text") return "description_text";
    if (sub === "logo") return "logo";
    return "short_description";
  }
  if (head === "app_types") return "app_type";
  return head && head in EMPTY_FORM ? (head as FieldKey) : null;
}

const EMPTY_FORM: Form = {
  name: "",
  redirect_uri: "",
  short_description: "",
  description_text: "",
  logo: "",
  app_type: "",
  url_params: [],
  scopes: "",
  demand_scopes: "",
  access_token_format: "",
  client_auth_jwks_uri: "",
  app_features: "",
  contact_support_link: "",
  privacy_policy_link: "",
  locales: "",
  supported_countries: "",
  app_screenshot_uris: "",
  app_mobile_screenshot_uris: "",
  api_uri: "",
  app_layer: "",
  open_in_new_tab: false,
  full_screen: false,
  personal_connection: false,
  deep_link: "",
  menu_items: "",
};

const join = (list: string[] | undefined) => (list ?? []).join(", ");

function formFromApp(app: App): Form {
  const deepLink = app.deep_link;
  return {
    name: app.name ?? "",
    redirect_uri: app.redirect_uri ?? "",
    short_description: app.description?.short_description ?? "",
    description_text: app.description?.text ?? "",
    logo: app.description?.logo ?? "",
    app_type: join(app.app_type ?? app.app_types),
    url_params: [...(app.url_params ?? [])],
    scopes: join(app.scopes),
    demand_scopes: join(app.demand_scopes),
    access_token_format: app.access_token_format ?? "",
    client_auth_jwks_uri: app.client_auth_jwks_uri ?? "",
    app_features: (app.app_features ?? []).join("\n"),
    contact_support_link: app.contact_support_link ?? "",
    privacy_policy_link: app.privacy_policy_link ?? "",
    locales: join(app.locales),
    supported_countries: join(app.supported_countries),
    app_screenshot_uris: join(app.app_screenshot_uris),
    app_mobile_screenshot_uris: join(app.app_mobile_screenshot_uris),
    api_uri: app.api_uri ?? "",
    app_layer: app.app_layer ?? "",
    open_in_new_tab: app.open_in_new_tab ?? false,
    full_screen: app.full_screen ?? false,
    personal_connection: app.personal_connection ?? false,
    deep_link: typeof deepLink === "string" ? deepLink : (deepLink?.path ?? ""),
    menu_items: app.menu_items ? JSON.stringify(app.menu_items, null, 2) : "",
  };
}

function parseList(text: string, separator: RegExp = /,/): string[] {
  return text
    .split(separator)
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

/** JSON with sorted keys, so two equal values compare equal whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

function parseMenuItems(text: string): { value: MenuItems } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { problem: `Not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (!value || typeof value !== "object" || Array.isArray(value) || !Array.isArray((value as MenuItems).subitems)) {
    return { problem: 'Use an object with a "subitems" list, e.g. {"subitems": []}.' };
  }
  return { value: value as MenuItems };
}

function urlProblem(text: string): string | null {
  try {
    const url = new URL(text);
    return url.protocol === "https:" || url.protocol === "http:" ? null : "Use an http:// or https:// URL.";
  } catch {
    return "Enter an absolute URL, such as https://example.com/page.";
  }
}

/** Why a changed field cannot be sent, by field (checked only for fields the user changed). */
function formProblems(form: Form, initial: Form): Partial<Record<FieldKey, string>> {
  const problems: Partial<Record<FieldKey, string>> = {};
  const changed = (key: FieldKey) => !same(form[key], initial[key]);
  if (changed("name")) problems.name = nameProblem(form.name) ?? undefined;
  if (changed("redirect_uri")) problems.redirect_uri = redirectUriProblem(form.redirect_uri.trim()) ?? undefined;
  for (const key of ["logo", "client_auth_jwks_uri", "contact_support_link", "privacy_policy_link", "api_uri"] as const) {
    if (changed(key) && form[key].trim()) problems[key] = urlProblem(form[key].trim()) ?? undefined;
  }
  if (changed("menu_items")) {
    if (!form.menu_items.trim()) {
      problems.menu_items = 'To remove every menu item, write {"subitems": []}.';
    } else {
      const parsed = parseMenuItems(form.menu_items);
      if ("problem" in parsed) problems.menu_items = parsed.problem;
    }
  }
  for (const key of Object.keys(problems) as FieldKey[]) if (!problems[key]) delete problems[key];
  return problems;
}

/** The update: only the fields whose value differs from the app's current one. */
function buildInput(form: Form, app: App): AppInput {
  const initial = formFromApp(app);
  const input: AppInput = {};
  const text = (key: FieldKey & keyof AppInput) => {
    const value = String(form[key]).trim();
    if (value !== String(initial[key]).trim()) (input as Record<string, unknown>)[key] = value;
  };
  const list = (key: FieldKey & keyof AppInput, separator?: RegExp) => {
    const value = parseList(String(form[key]), separator);
    if (!same(value, parseList(String(initial[key]), separator))) (input as Record<string, unknown>)[key] = value;
  };
  const flag = (key: "open_in_new_tab" | "full_screen" | "personal_connection") => {
    if (form[key] !== initial[key]) input[key] = form[key];
  };

  text("name");
  text("redirect_uri");
  const descriptionKeys = [
    ["short_description", "short_description"],
    ["description_text", "text"],
    ["logo", "logo"],
  ] as const;
  if (descriptionKeys.some(([key]) => form[key].trim() !== initial[key].trim())) {
    const description: AppDescription = { ...(app.description ?? {}) };
    for (const [key, target] of descriptionKeys) {
      const value = form[key].trim();
      if (value || target in description) description[target] = value;
    }
    input.description = description;
  }
  list("app_type");
  if (!same([...form.url_params].sort(), [...initial.url_params].sort())) input.url_params = form.url_params;
  list("scopes");
  list("demand_scopes");
  if (form.access_token_format && form.access_token_format !== initial.access_token_format) {
    input.access_token_format = form.access_token_format;
  }
  text("client_auth_jwks_uri");
  list("app_features", /\n/);
  text("contact_support_link");
  text("privacy_policy_link");
  list("locales");
  list("supported_countries");
  // The update body takes the screenshots as one comma-separated string.
  for (const key of ["app_screenshot_uris", "app_mobile_screenshot_uris"] as const) {
    const value = parseList(form[key]);
    if (!same(value, parseList(initial[key]))) input[key] = value.join(",");
  }
  text("api_uri");
  text("app_layer");
  flag("open_in_new_tab");
  flag("full_screen");
  flag("personal_connection");
  if (form.deep_link.trim() !== initial.deep_link.trim()) {
    const path = form.deep_link.trim();
    input.deep_link = typeof app.deep_link === "string" ? path : { ...(app.deep_link ?? {}), path };
  }
  if (form.menu_items !== initial.menu_items && form.menu_items.trim()) {
    const parsed = parseMenuItems(form.menu_items);
    if ("value" in parsed && !same(parsed.value, app.menu_items ?? null)) input.menu_items = parsed.value;
  }
  return input;
}

/** The form over a newer app: the fields the user edited keep their edits, the others follow the app. */
function rebase(form: Form, oldApp: App, newApp: App): Form {
  const before = formFromApp(oldApp);
  const next = formFromApp(newApp);
  for (const key of Object.keys(form) as FieldKey[]) {
    if (!same(form[key], before[key])) (next as Record<FieldKey, unknown>)[key] = form[key];
  }
  return next;
}

// ---------------------------------------------------------------------------------------
// Small pieces
// ---------------------------------------------------------------------------------------

type FieldProps = {
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

function TextField(props: FieldProps) {
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

function Flag(props: {
  field: "open_in_new_tab" | "full_screen" | "personal_connection";
  label: string;
  form: Form;
  onToggle: (key: FieldKey, value: boolean) => void;
  problem: string | undefined;
}) {
  const id = inputId(props.field);
  return (
    <div>
      <div className="ed-check">
        <input
          id={id}
          type="checkbox"
          checked={props.form[props.field]}
          onChange={(e) => props.onToggle(props.field, e.target.checked)}
        />
        <label htmlFor={id}>{props.label}</label>
      </div>
      {props.problem ? <p className="field-error">{props.problem}</p> : null}
    </div>
  );
}

function UrlParams(props: { selected: string[]; onChange: (selected: string[]) => void; problem: string | undefined }) {
  // Values the platform already holds that this console does not know stay listed (and kept).
  const choices = [...URL_PARAMS, ...props.selected.filter((p) => !(URL_PARAMS as readonly string[]).includes(p))];
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

// ---------------------------------------------------------------------------------------
// The editor
// ---------------------------------------------------------------------------------------

/**
 * Edits every editable field of an app. Only the fields that differ from the app's
 * current values are sent; the platform's own diff is reviewed before saving.
 */
export function AppEditor(props: { app: App }) {
  // Another app is another editor: nothing (edits, reviews, errors) carries over.
  return <Editor key={props.app.app_code_name} app={props.app} />;
}

function Editor(props: { app: App }) {
  const queryClient = useQueryClient();
  const code = props.app.app_code_name;
  // `base` is the app the form compares against: the parent's, or the one a save returned.
  const [base, setBase] = useState<App>(props.app);
  const [seen, setSeen] = useState<App>(props.app);
  const [form, setForm] = useState<Form>(() => formFromApp(props.app));

  const preview = useMutation({ mutationFn: (input: AppInput) => commands.appUpdatePreview(code, input) });
  const save = useMutation({
    mutationFn: (input: AppInput) => commands.appUpdate(code, input),
    onSuccess: (result) => {
      setBase(result.app);
      setForm(formFromApp(result.app));
      preview.reset();
      for (const key of [["app", code], ["apps"], ["audit"]]) void queryClient.invalidateQueries({ queryKey: key });
    },
  });

  const input = buildInput(form, base);
  const changedCount = Object.keys(input).length;
  const dirty = changedCount > 0;

  // The parent passes a new app after a refetch: follow it, keeping unsaved edits.
  if (seen !== props.app) {
    setSeen(props.app);
    setBase(props.app);
    setForm(rebase(form, base, props.app));
  }

  const problems = formProblems(form, formFromApp(base));
  const hasProblems = Object.keys(problems).length > 0;
  const error = preview.error ?? save.error;
  const consoleError = error ? asConsoleError(error) : null;
  const errorField = fieldKeyFor(consoleError?.field);
  const problemOf = (key: FieldKey) => problems[key] ?? (errorField === key ? consoleError?.message : undefined);

  useEffect(() => {
    if (errorField) document.getElementById(inputId(errorField))?.focus();
  }, [error, errorField]);

  const reviewed = preview.data && preview.variables && same(preview.variables, input) ? preview.data : null;

  function set(key: FieldKey, value: string | boolean | string[]) {
    setForm((current) => ({ ...current, [key]: value }));
  }

  function review() {
    save.reset();
    preview.mutate(input);
  }

  function discard() {
    setForm(formFromApp(base));
    preview.reset();
    save.reset();
  }

  const field = (key: FieldKey, label: string, extra: Partial<FieldProps> = {}) => (
    <TextField field={key} label={label} form={form} onChange={set} problem={problemOf(key)} {...extra} />
  );

  return (
    <div className="ed-editor" data-testid="app-editor">
      <div className="ed-status">
        {dirty ? (
          <span className="badge ed-dirty" data-testid="editor-dirty">
            Unsaved changes · {changedCount} {changedCount === 1 ? "field" : "fields"}
          </span>
        ) : (
          <span className="muted small">No unsaved changes.</span>
        )}
      </div>

      <section className="card ed-section" aria-labelledby="ed-basics">
        <h3 id="ed-basics">Basics</h3>
        {field("name", "Name", { hint: "3 to 25 characters, as shown in the app market." })}
        {field("redirect_uri", "Landing page (redirect_uri)", {
          mono: true,
          hint: "The page the platform opens in the app's frame.",
          placeholder: "https://example.com/app",
        })}
        {field("short_description", "Short description")}
        {field("description_text", "Description", { multiline: true })}
        {field("logo", "Logo URL", { mono: true, placeholder: "https://example.com/logo.png" })}
        {field("app_type", "Integration points (app_type)", {
          mono: true,
          hint: "Comma separated, e.g. menu_items, communication.",
        })}
      </section>

      <section className="card ed-section" aria-labelledby="ed-oauth">
        <h3 id="ed-oauth">OAuth</h3>
        <UrlParams selected={form.url_params} onChange={(next) => set("url_params", next)} problem={problemOf("url_params")} />
        {field("scopes", "Scopes", { mono: true, hint: "Comma separated." })}
        {field("demand_scopes", "Demand scopes", { mono: true, hint: "Comma separated." })}
        <div className="ed-field">
          <label htmlFor={inputId("access_token_format")}>Access token format</label>
          <select
            id={inputId("access_token_format")}
            value={form.access_token_format}
            onChange={(e) => set("access_token_format", e.target.value)}
          >
            {base.access_token_format ? null : <option value="">(platform default)</option>}
            <option value="opaque">opaque</option>
            <option value="jwt">jwt</option>
          </select>
          {problemOf("access_token_format") ? <p className="field-error">{problemOf("access_token_format")}</p> : null}
        </div>
        {field("client_auth_jwks_uri", "Client auth JWKS URI", { mono: true })}
        <div className="ed-readonly" data-testid="editor-trusted">
          <span className="ed-readonly-label">Trusted</span>{" "}
          <span className={base.trusted ? "badge ok" : "badge"}>{base.trusted ? "Yes" : "No"}</span>
          <p className="muted small ed-hint">
            Trusted apps skip the consent screen. It is set when the app is created and a directory token cannot
            change it.
          </p>
        </div>
        <div className="ed-readonly">
          <span className="ed-readonly-label">OAuth redirect URIs</span>
          <p className="muted small ed-hint">Managed in the Redirect URIs tab.</p>
        </div>
      </section>

      <section className="card ed-section" aria-labelledby="ed-market">
        <h3 id="ed-market">App market</h3>
        {field("app_features", "Features", { multiline: true, hint: "One per line." })}
        {field("contact_support_link", "Contact support link", { mono: true })}
        {field("privacy_policy_link", "Privacy policy link", { mono: true })}
        {field("locales", "Locales", { mono: true, hint: "Comma separated, e.g. en, fr." })}
        {field("supported_countries", "Supported countries", { mono: true, hint: "Comma separated, e.g. US, GB." })}
        {field("app_screenshot_uris", "Screenshot URLs", { mono: true, hint: "Comma separated." })}
        {field("app_mobile_screenshot_uris", "Mobile screenshot URLs", { mono: true, hint: "Comma separated." })}
      </section>

      <section className="card ed-section" aria-labelledby="ed-advanced">
        <h3 id="ed-advanced">Advanced</h3>
        {field("api_uri", "API URI", { mono: true })}
        {field("app_layer", "App layer", { mono: true })}
        <Flag field="open_in_new_tab" problem={problemOf("open_in_new_tab")} label="Open in a new tab" form={form} onToggle={set} />
        <Flag field="full_screen" problem={problemOf("full_screen")} label="Full screen" form={form} onToggle={set} />
        <Flag field="personal_connection" problem={problemOf("personal_connection")} label="Personal connection" form={form} onToggle={set} />
        {field("deep_link", typeof base.deep_link === "string" ? "Deep link" : "Deep link path", {
          mono: true,
          hint: typeof base.deep_link === "string" ? undefined : "The path; its parameters are kept as they are.",
        })}
        {field("menu_items", "Menu items (JSON)", {
          multiline: true,
          mono: true,
          hint: 'An object such as {"subitems": [{"category": "clients", "item_name": {"en": "My page"}, "route": "page"}]}.',
        })}
      </section>

      <EditorFooter
        error={error}
        reviewed={reviewed}
        saved={save.isSuccess && !dirty ? save.data.changes.length : null}
        dirty={dirty}
        canReview={dirty && !hasProblems}
        busy={preview.isPending || save.isPending}
        savePending={save.isPending}
        onDiscard={discard}
        onReview={review}
        onSave={() => save.mutate(input)}
      />
    </div>
  );
}

function EditorFooter(props: {
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
  return (
    <div className="ed-footer">
      {props.error ? <ErrorNotice error={props.error} testId="editor-error" /> : null}
      {props.saved !== null ? (
        <div className="banner ed-ok" role="status" data-testid="editor-saved">
          Saved: {props.saved} {props.saved === 1 ? "field" : "fields"} changed.
        </div>
      ) : null}
      {props.reviewed ? (
        changes.length === 0 ? (
          <p className="banner warn" data-testid="editor-nothing">
            Nothing to save: the platform already has these values.
          </p>
        ) : (
          <DiffTable changes={changes} />
        )
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
