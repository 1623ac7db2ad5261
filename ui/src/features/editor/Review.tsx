// The settings' review and save bar: Rust's preview of the update as a Before/After table
// (it scrolls into view when it appears), "nothing to save" when the platform already has
// the values, the saved notice, and Discard / Review changes / Save. The table is the
// shared components/FieldDiff.tsx.
import type { FieldChange } from "../../api/bindings";
import { ErrorNotice } from "../../components/ErrorNotice";
import { FieldDiff } from "../../components/FieldDiff";
import { useScrollIntoView } from "../../hooks/focus";

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
            <FieldDiff changes={changes} testId="editor-diff" />
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
