// The Redirect URIs tab: the landing page (read-only here) and the OAuth redirect URIs as
// a working list to add to, remove from and reorder, judged by Rust as it changes; then a
// review (Rust's preview of the replace) and Save. The working list is the app's
// "redirect_uris" draft (unsaved/drafts.ts): it survives switching tabs.
import { useEffect, useMemo } from "react";
import type { App } from "../../api/bindings";
import { useUriJudgements } from "../../api/judgements";
import { CopyButton } from "../../components/CopyButton";
import { ErrorNotice } from "../../components/ErrorNotice";
import { useDraft } from "../../unsaved/drafts";
import { AddUri } from "./AddUri";
import { DiffView } from "./DiffView";
import { sameList } from "./lists";
import { useApplyRedirectUris, usePreviewRedirectUris, useRedirectUris } from "./hooks";
import { WorkingList } from "./WorkingList";
import "../editor/editor.css";
import "./redirectUris.css";

/** Adds, removes and reorders an app's OAuth redirect URIs; the landing page is read-only here. */
export function RedirectUrisPanel(props: { app: App }) {
  // Another app is another panel: no review or error carries over.
  return <Panel key={props.app.app_code_name} app={props.app} />;
}

function Panel(props: { app: App }) {
  const code = props.app.app_code_name;
  const listing = useRedirectUris(code);
  const [draft, setDraft] = useDraft<string[]>(code, "redirect_uris");
  const preview = usePreviewRedirectUris(code);
  const apply = useApplyRedirectUris(code);

  const uris = listing.data?.uris;
  const landing = useMemo(() => (uris ?? []).filter((e) => e.role === "landing_page").map((e) => e.uri), [uris]);
  const loaded = useMemo(() => (uris ?? []).filter((e) => e.role === "o_auth").map((e) => e.uri), [uris]);
  const list = draft ?? loaded;
  const check = useUriJudgements(list);
  // A draft the platform's list has caught up with (kept from an earlier page and applied
  // since from elsewhere) holds nothing unsaved: it goes, so the tab and the leave guard do
  // not ask about it.
  const caughtUp = uris !== undefined && draft !== undefined && sameList(draft, loaded);
  useEffect(() => {
    if (caughtUp) setDraft(undefined);
  }, [caughtUp, setDraft]);

  if (listing.isPending) return <p className="muted">Loading the redirect URIs…</p>;
  if (listing.isError) return <ErrorNotice error={listing.error} onRetry={() => void listing.refetch()} />;

  const dirty = !sameList(list, loaded);
  const blocked = check.fresh && (check.judgement ?? []).some((entry) => entry.problem !== null);
  const busy = preview.isPending || apply.isPending;
  const reviewed = preview.data && preview.variables && sameList(preview.variables.uris, list) ? preview.data : null;
  const reviewedChanges =
    reviewed !== null &&
    (reviewed.added.length > 0 || reviewed.removed.length > 0 || !sameList(reviewed.oauth_redirect_uris, loaded));
  const error = preview.error ?? apply.error;

  function edit(next: string[]) {
    // No draft once the list is back to what was loaded: nothing unsaved.
    setDraft(sameList(next, loaded) ? undefined : next);
    apply.reset();
  }

  async function review() {
    apply.reset();
    const verdict = list.length > 0 ? await check.ensure().catch(() => undefined) : [];
    if (verdict?.some((entry) => entry.problem !== null)) return;
    preview.mutate({ action: "replace", uris: list });
  }

  return (
    <div className="ru-panel" data-testid="redirect-uris">
      <section className="card ru-section" aria-labelledby="ru-landing-title">
        <h3 id="ru-landing-title">Landing page</h3>
        {landing.length > 0 ? (
          landing.map((uri) => (
            <div key={uri} className="ru-line" data-testid="ru-landing">
              <span className="mono ru-uri">{uri}</span>
              <CopyButton source={{ text: uri }} />
            </div>
          ))
        ) : (
          <p className="muted">No landing page.</p>
        )}
        <p className="muted small">The app's main redirect_uri is always accepted. It is edited in Settings.</p>
      </section>

      <section className="card ru-section" aria-labelledby="ru-oauth-title">
        <h3 id="ru-oauth-title">
          OAuth redirect URIs{" "}
          {dirty ? (
            <span className="badge ed-dirty" data-testid="ru-dirty">
              Unsaved changes
            </span>
          ) : null}
        </h3>
        <p className="muted small">The authorize page accepts these exact URLs, in addition to the landing page.</p>
        <WorkingList list={list} judged={check.judgement} onChange={edit} disabled={busy} />
        <AddUri list={list} onAdd={(uri) => edit([...list, uri])} disabled={busy} />

        {error ? <ErrorNotice error={error} testId="ru-error" /> : null}
        {apply.isSuccess && !dirty ? (
          <div className="banner ed-ok" role="status" data-testid="ru-saved">
            Saved: {apply.data.added.length} added, {apply.data.removed.length} removed.
          </div>
        ) : null}
        {reviewed ? <DiffView diff={reviewed} loaded={loaded} /> : null}

        <div className="actions">
          <button
            type="button"
            data-testid="ru-discard"
            disabled={!dirty || busy}
            onClick={() => {
              setDraft(undefined);
              preview.reset();
              apply.reset();
            }}
          >
            Discard
          </button>
          <button type="button" data-testid="ru-review" disabled={!dirty || blocked || busy} onClick={() => void review()}>
            Review changes
          </button>
          {reviewedChanges ? (
            <button
              type="button"
              className="primary"
              data-testid="ru-save"
              disabled={busy || blocked}
              onClick={() => apply.mutate({ action: "replace", uris: list })}
            >
              {apply.isPending ? "Saving…" : "Save"}
            </button>
          ) : null}
        </div>
      </section>
    </div>
  );
}
