// The Import tab: a manifest opened (the system's dialog) or pasted, reviewed against the
// current profile (Rust's plan), then applied after a confirmation that names the
// profile. Owns the wiring: the draft (./draft.ts; it outlives the screen and any error),
// the review and whether it still matches the text, one apply at a time, and the result.
// The pieces are ./PlanView.tsx and ./ResultView.tsx.
import { useRef, useState } from "react";
import type { ManifestApplied, ManifestPlan, ProfileView } from "../../api/bindings";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { ErrorNotice } from "../../components/ErrorNotice";
import type { Navigate } from "../../route";
import { useImportDraft } from "./draft";
import { useApplyManifest, useOpenManifest, usePlanManifest, type ManifestSource } from "./hooks";
import { manifestSource } from "./names";
import { changesLabel, planCounts } from "./plan";
import { PlanView } from "./PlanView";
import { ResultView } from "./ResultView";

/** A plan, with the text and name it was made from. */
type Review = ManifestSource & { plan: ManifestPlan };

export const EDITED_AFTER_REVIEW = "The manifest was edited after the review: review the changes again before applying.";

export function ImportPanel(props: { profile: ProfileView | null; navigate: Navigate }) {
  const [draft, setDraft] = useImportDraft();
  const open = useOpenManifest();
  const plan = usePlanManifest();
  const apply = useApplyManifest();
  const [review, setReview] = useState<Review | null>(null);
  const [result, setResult] = useState<ManifestApplied | null>(null);
  const [confirming, setConfirming] = useState(false);
  // Set before the apply is asked, cleared when it answers: a second click finds it set.
  const applying = useRef(false);

  const source = manifestSource(draft);
  const edited = review !== null && (review.text !== draft.text || review.source !== source);
  const target = review?.plan ?? (props.profile ? { profile: props.profile.name, api_base: props.profile.api_base } : null);
  const busy = plan.isPending || apply.isPending;

  function openFile() {
    open.mutate(undefined, {
      onSuccess: (opened) => {
        if (!opened) return;
        plan.reset();
        setDraft({ text: opened.text, file: { name: opened.name, path: opened.path } });
      },
    });
  }

  function reviewChanges() {
    if (busy || draft.text.trim() === "") return;
    const asked: ManifestSource = { text: draft.text, source };
    setReview(null);
    setResult(null);
    apply.reset();
    plan.mutate(asked, { onSuccess: (answer) => setReview({ ...asked, plan: answer }) });
  }

  function askToApply() {
    if (!edited && !busy && !applying.current) setConfirming(true);
  }

  function confirmApply() {
    setConfirming(false);
    if (applying.current || review === null || edited) return;
    applying.current = true;
    const done = () => {
      applying.current = false;
      // Applied (or not): what was reviewed is no longer what the platform has.
      setReview(null);
    };
    apply.mutate(
      { text: review.text, source: review.source },
      {
        onSuccess: (answer) => {
          done();
          setResult(answer);
        },
        onError: done,
      },
    );
  }

  const changes = review?.plan.changes ?? 0;
  return (
    <div className="mf-import stack" data-testid="manifest-import">
      {target ? (
        <p className="mf-target" data-testid="manifest-target">
          Apply to profile <strong>{target.profile}</strong> (<span className="mono">{target.api_base}</span>)
        </p>
      ) : null}
      <p className="muted">
        Open or paste a manifest, then review what applying it would change on this profile. Nothing changes until you
        apply, and nothing is ever deleted.
      </p>
      <div className="mf-source">
        <button type="button" onClick={openFile} disabled={open.isPending || busy} data-testid="manifest-open">
          Open file…
        </button>
        {draft.file ? (
          <span className="muted small" data-testid="manifest-file">
            {draft.file.path}
          </span>
        ) : null}
      </div>
      {open.isError ? <ErrorNotice error={open.error} testId="manifest-open-error" /> : null}
      <label className="mf-text-label" htmlFor="manifest-text">
        Manifest (TOML or JSON)
      </label>
      <textarea
        id="manifest-text"
        className="mono mf-text"
        rows={14}
        spellCheck={false}
        value={draft.text}
        placeholder={'version = 1\n\n[[apps]]\napp_code_name = "myapp"\nname = "My app"'}
        onChange={(event) => setDraft({ ...draft, text: event.target.value })}
      />
      <div className="actions">
        <button
          type="button"
          onClick={reviewChanges}
          disabled={busy || draft.text.trim() === ""}
          data-testid="manifest-plan"
        >
          {plan.isPending ? "Reviewing…" : "Review changes"}
        </button>
      </div>
      {plan.isError ? <ErrorNotice error={plan.error} context="manifest" testId="manifest-plan-error" /> : null}
      {review ? (
        <div className={edited ? "mf-review mf-stale" : "mf-review"}>
          <PlanView plan={review.plan} />
          {changes > 0 ? (
            <div className="mf-apply">
              {edited ? (
                <p className="banner warn" role="status" data-testid="manifest-apply-blocked">
                  {EDITED_AFTER_REVIEW}
                </p>
              ) : null}
              <div className="actions">
                <button
                  type="button"
                  className="primary"
                  onClick={askToApply}
                  disabled={edited || busy}
                  title={edited ? EDITED_AFTER_REVIEW : undefined}
                  data-testid="manifest-apply"
                >
                  {apply.isPending ? "Applying…" : `Apply ${changesLabel(changes)}`}
                </button>
              </div>
            </div>
          ) : null}
        </div>
      ) : null}
      {apply.isError ? (
        <>
          <ErrorNotice error={apply.error} context="manifest" testId="manifest-apply-error" />
          <p className="small">Review the changes again: the new review shows what is left to do.</p>
        </>
      ) : null}
      {result ? <ResultView applied={result} navigate={props.navigate} /> : null}
      {confirming && review ? (
        <ConfirmDialog
          title={`Apply ${changesLabel(changes)} to ${review.plan.profile}?`}
          keepLabel="Cancel"
          discardLabel={`Apply to ${review.plan.profile}`}
          testId="manifest-confirm"
          onKeep={() => setConfirming(false)}
          onDiscard={confirmApply}
        >
          <p>
            This changes the apps of profile <strong>{review.plan.profile}</strong> (
            <span className="mono">{review.plan.api_base}</span>): {planCounts(review.plan)}.
          </p>
          <p>Nothing is deleted.</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
