import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { App, RedirectUriChange, RedirectUrisDiff, RedirectUrisView } from "../api/bindings";
import { commands } from "../api/commands";
import { redirectUriListProblems, redirectUriListWarnings, redirectUriProblem } from "../validation";
import { CopyButton } from "./CopyButton";
import { ErrorNotice } from "./ErrorNotice";
import "./editor.css";

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((item, index) => item === b[index]);

function move<T>(list: T[], from: number, to: number): T[] {
  const next = [...list];
  const [item] = next.splice(from, 1);
  if (item !== undefined) next.splice(to, 0, item);
  return next;
}

/** Why the typed URI cannot be added, or null (nothing typed is not a problem, just not addable). */
function newUriProblem(text: string, list: string[]): string | null {
  if (!text) return null;
  if (list.includes(text)) return "Already in the list.";
  return redirectUriProblem(text);
}

function WorkingList(props: {
  list: string[];
  onChange: (list: string[]) => void;
  disabled: boolean;
}) {
  const { list } = props;
  const problems = redirectUriListProblems(list);
  const warnings = redirectUriListWarnings(list);
  if (list.length === 0) {
    return <p className="muted" data-testid="ru-empty">No OAuth redirect URIs: only the landing page is accepted.</p>;
  }
  return (
    <ol className="ru-list" data-testid="ru-list">
      {list.map((uri, index) => (
        <li key={uri + index} className="ru-row" data-testid="ru-row">
          <div className="ru-line">
            <span className="mono ru-uri">{uri}</span>
            <span className="ru-buttons">
              <CopyButton source={{ text: uri }} />
              <button
                type="button"
                aria-label={`Move up ${uri}`}
                title="Move up"
                disabled={props.disabled || index === 0}
                onClick={() => props.onChange(move(list, index, index - 1))}
              >
                ↑
              </button>
              <button
                type="button"
                aria-label={`Move down ${uri}`}
                title="Move down"
                disabled={props.disabled || index === list.length - 1}
                onClick={() => props.onChange(move(list, index, index + 1))}
              >
                ↓
              </button>
              <button
                type="button"
                aria-label={`Remove ${uri}`}
                disabled={props.disabled}
                onClick={() => props.onChange(list.filter((_, i) => i !== index))}
              >
                Remove
              </button>
            </span>
          </div>
          {problems[index] ? <p className="field-error">{problems[index]}</p> : null}
          {warnings[index] ? <p className="small ru-warning">{warnings[index]}</p> : null}
        </li>
      ))}
    </ol>
  );
}

function AddUri(props: { list: string[]; onAdd: (uri: string) => void; disabled: boolean }) {
  const [text, setText] = useState("");
  const problem = newUriProblem(text, props.list);
  const canAdd = !props.disabled && text.length > 0 && problem === null;

  function add() {
    if (!canAdd) return;
    props.onAdd(text);
    setText("");
  }

  return (
    <div className="ru-add">
      <label htmlFor="ru-new">New redirect URI</label>
      <div className="with-button">
        <input
          id="ru-new"
          className="mono"
          spellCheck={false}
          value={text}
          placeholder="https://example.com/oauth/callback"
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? "ru-new-error" : undefined}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              add();
            }
          }}
        />
        <button type="button" onClick={add} disabled={!canAdd} data-testid="ru-add">
          Add
        </button>
      </div>
      {problem ? (
        <p id="ru-new-error" className="field-error" data-testid="ru-new-error">
          {problem}
        </p>
      ) : null}
    </div>
  );
}

function DiffView(props: { diff: RedirectUrisDiff; loaded: string[] }) {
  const { diff } = props;
  const orderOnly = diff.added.length === 0 && diff.removed.length === 0 && !sameList(diff.oauth_redirect_uris, props.loaded);
  const nothing = diff.added.length === 0 && diff.removed.length === 0 && !orderOnly;
  return (
    <div className="ru-diff" data-testid="ru-diff">
      {nothing ? <p className="muted">Nothing to save: the platform already has this list.</p> : null}
      {orderOnly ? <p data-testid="ru-order-changed">Only the order changes.</p> : null}
      <ul className="ru-diff-list">
        {diff.added.map((uri) => (
          <li key={`+${uri}`} className="ru-added" data-testid="ru-added">
            <span aria-hidden="true">+ </span>
            <span className="ru-sr">Added: </span>
            <span className="mono">{uri}</span>
          </li>
        ))}
        {diff.removed.map((uri) => (
          <li key={`-${uri}`} className="ru-removed" data-testid="ru-removed">
            <span aria-hidden="true">− </span>
            <span className="ru-sr">Removed: </span>
            <span className="mono">{uri}</span>
          </li>
        ))}
        {diff.unchanged.map((uri) => (
          <li key={`=${uri}`} className="ru-unchanged muted" data-testid="ru-unchanged">
            <span aria-hidden="true">  </span>
            <span className="mono">{uri}</span>
          </li>
        ))}
      </ul>
      {diff.warnings.length > 0 ? (
        <div className="banner warn" data-testid="ru-warnings">
          {diff.warnings.map((warning) => (
            <p key={warning} className="ru-warning-line">
              {warning}
            </p>
          ))}
        </div>
      ) : null}
    </div>
  );
}

/** Adds, removes and reorders an app's OAuth redirect URIs; the landing page is read-only here. */
export function RedirectUrisPanel(props: { app: App }) {
  // Another app is another panel: no working list or review carries over.
  return <Panel key={props.app.app_code_name} app={props.app} />;
}

function Panel(props: { app: App }) {
  const code = props.app.app_code_name;
  const queryClient = useQueryClient();
  const queryKey = ["redirect-uris", code];
  const listing = useQuery({ queryKey, queryFn: () => commands.redirectUrisList(code) });
  // null: the working list is the loaded one (no edits yet).
  const [working, setWorking] = useState<string[] | null>(null);

  const preview = useMutation({
    mutationFn: (change: RedirectUriChange) => commands.redirectUrisPreview(code, change),
  });
  const apply = useMutation({
    mutationFn: (change: RedirectUriChange) => commands.redirectUrisApply(code, change),
    onSuccess: (diff) => {
      queryClient.setQueryData<RedirectUrisView>(queryKey, (view) =>
        view
          ? {
              ...view,
              uris: [
                ...view.uris.filter((entry) => entry.role !== "o_auth"),
                ...diff.oauth_redirect_uris.map((uri) => ({ uri, role: "o_auth" as const })),
              ],
            }
          : view,
      );
      setWorking(null);
      preview.reset();
      for (const key of [queryKey, ["app", code], ["apps"], ["audit"]]) void queryClient.invalidateQueries({ queryKey: key });
    },
  });

  if (listing.isPending) return <p className="muted">Loading the redirect URIs…</p>;
  if (listing.isError) return <ErrorNotice error={listing.error} onRetry={() => void listing.refetch()} />;

  const landing = listing.data.uris.filter((entry) => entry.role === "landing_page").map((entry) => entry.uri);
  const loaded = listing.data.uris.filter((entry) => entry.role === "o_auth").map((entry) => entry.uri);
  const list = working ?? loaded;
  const dirty = !sameList(list, loaded);
  const blocked = redirectUriListProblems(list).some((problem) => problem !== null);
  const busy = preview.isPending || apply.isPending;
  const reviewed =
    preview.data && preview.variables && sameList(preview.variables.uris, list) ? preview.data : null;
  const reviewedChanges =
    reviewed !== null &&
    (reviewed.added.length > 0 || reviewed.removed.length > 0 || !sameList(reviewed.oauth_redirect_uris, loaded));
  const error = preview.error ?? apply.error;

  function edit(next: string[]) {
    setWorking(next);
    apply.reset();
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
        <p className="muted small">
          The app's main redirect_uri is always accepted. It is edited in Settings.
        </p>
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
        <WorkingList list={list} onChange={edit} disabled={busy} />
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
              setWorking(null);
              preview.reset();
              apply.reset();
            }}
          >
            Discard
          </button>
          <button
            type="button"
            data-testid="ru-review"
            disabled={!dirty || blocked || busy}
            onClick={() => {
              apply.reset();
              preview.mutate({ action: "replace", uris: list });
            }}
          >
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
