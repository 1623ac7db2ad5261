// The Settings tab: every editable field of an app. The form is the app's "settings"
// draft (it survives switching tabs); Rust judges the edited fields as they are typed
// (app_form_check; a hint is only ever about its field's current value) and, on Review,
// says what the update would change on the platform (app_update_preview), which is what
// Save then sends. Owns the wiring; the form model is ./form.ts, the inputs ./fields.tsx
// and ./Sections.tsx, the review ./Review.tsx.
import { useEffect, useMemo, useState } from "react";
import type { App, AppInput } from "../../api/bindings";
import { asConsoleError } from "../../api/commands";
import { formCheckBlocks, useAppFormCheck, useVocabulary } from "../../api/judgements";
import { buildInput, editedFields, fieldKeyFor, formFromApp, formProblems, inputId, judgedProblems, type FieldKey } from "./form";
import { usePreviewAppUpdate, useSaveAppUpdate, useSettingsDraft } from "./hooks";
import { EditorFooter } from "./Review";
import { SectionLinks, Sections } from "./Sections";
import "./editor.css";

/**
 * Edits every editable field of an app. Only the fields the person edited are sent; the
 * platform's own diff is reviewed before saving.
 */
export function AppEditor(props: { app: App; stale: boolean }) {
  // Another app is another editor: nothing (reviews, errors) carries over.
  return <Editor key={props.app.app_code_name} app={props.app} stale={props.stale} />;
}

/** `stale`: `app` is the console's cached copy (the platform did not answer), not the platform's. */
function Editor(props: { app: App; stale: boolean }) {
  const code = props.app.app_code_name;
  // `base` is the app the form compares against: the parent's, or the one a save returned.
  const [seen, setSeen] = useState<App>(props.app);
  const [base, setBase] = useState<App>(props.app);
  // The parent passes a new app after a refetch: follow it (the draft keeps its edits).
  if (seen !== props.app) {
    setSeen(props.app);
    setBase(props.app);
  }
  const [form, setForm, discardDraft] = useSettingsDraft(base, props.stale);
  const vocabulary = useVocabulary();
  const preview = usePreviewAppUpdate(code);
  const save = useSaveAppUpdate(code);

  const input = useMemo(() => buildInput(form, base), [form, base]);
  const edited = editedFields(form, base).length > 0;
  const check = useAppFormCheck(input, hasFields);
  const local = useMemo(() => formProblems(form, formFromApp(base)), [form, base]);
  const judged = judgedProblems(check.judgement, input);
  const counted = new Set([...Object.keys(input), ...Object.keys(local)]).size;

  const error = preview.error ?? save.error;
  const consoleError = error ? asConsoleError(error) : null;
  const errorField = fieldKeyFor(consoleError?.field);
  // The platform's refusal names a field: shown under it while it holds what was sent.
  const sent = preview.error ? preview.variables : save.variables;
  const refused = consoleError?.field !== undefined && sameField(sent, input, consoleError.field);
  const problemOf = (key: FieldKey) =>
    local[key] ?? judged[key] ?? (refused && errorField === key ? consoleError?.message : undefined);

  useEffect(() => {
    if (errorField) document.getElementById(inputId(errorField))?.focus();
  }, [error, errorField]);

  const reviewed = preview.data && preview.variables && sameInput(preview.variables, input) ? preview.data : null;
  const blocked = Object.keys(local).length > 0 || (check.fresh && formCheckBlocks(check.judgement));

  function set(key: FieldKey, value: string | boolean | string[]) {
    setForm({ ...form, [key]: value });
  }

  async function review() {
    save.reset();
    const verdict = await check.ensure().catch(() => undefined);
    if (!formCheckBlocks(verdict)) preview.mutate(input);
  }

  function discard() {
    discardDraft();
    preview.reset();
    save.reset();
  }

  return (
    <div className="ed-editor" data-testid="app-editor">
      <div className="ed-bar" data-testid="editor-bar">
        <SectionLinks />
        <div className="ed-status" role="status">
          {edited ? (
            <span className="badge ed-dirty" data-testid="editor-dirty">
              Unsaved changes{counted > 0 ? ` · ${counted} ${counted === 1 ? "field" : "fields"}` : ""}
            </span>
          ) : (
            <span className="muted small">No unsaved changes.</span>
          )}
        </div>
      </div>

      <Sections form={form} base={base} vocabulary={vocabulary.data} set={set} problemOf={problemOf} />

      <EditorFooter
        error={error}
        reviewed={reviewed}
        saved={save.isSuccess && !edited ? save.data.changes.length : null}
        dirty={edited}
        canReview={Object.keys(input).length > 0 && !blocked}
        busy={preview.isPending || save.isPending}
        savePending={save.isPending}
        onDiscard={discard}
        onReview={() => void review()}
        onSave={() => save.mutate(input, { onSuccess: (result) => setBase(result.app) })}
      />
    </div>
  );
}

/** An update with no field needs no judgement. */
function hasFields(input: object): boolean {
  return Object.keys(input).length > 0;
}

/** Whether the field an error names (`description.text`) has the same value in both updates. */
function sameField(a: AppInput | undefined, b: AppInput, field: string): boolean {
  const head = field.split(/[.[]/)[0] ?? "";
  const key = (head === "app_types" ? "app_type" : head) as keyof AppInput;
  return JSON.stringify(a?.[key] ?? null) === JSON.stringify(b[key] ?? null);
}

/** Whether a review was made for exactly this input. */
function sameInput(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
